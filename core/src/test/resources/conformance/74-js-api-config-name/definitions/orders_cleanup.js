operate("ignored", { type: "operations", name: undefined }).queries(ctx => `DELETE FROM ${ctx.ref("orders_inc")} WHERE FALSE`);
