assert("ignored", { name: "" }).query(ctx => `SELECT * FROM ${ctx.ref("daily_orders")} WHERE FALSE`);
