// an empty name in the config gives the file's name, as a call without one does
publish("ignored", { type: "view", name: "" }).query(ctx => `SELECT * FROM ${ctx.ref("orders_clean")}`);
