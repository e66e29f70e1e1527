global.currencies.forEach(function (c) {
  publish("rates_" + c.toLowerCase(), { type: "view", tags: [this === global ? "global_this" : "other_this"] })
    .query(ctx => `SELECT * FROM ${ctx.ref(global.REPORTING_DATASET, "rates")} WHERE currency = '${c}'`);
}, this);
