publish("js_" + dataform.projectConfig.vars.env, { type: "table" })
  .query(ctx => `SELECT '${dataform.projectConfig.schemaSuffix}' AS suffix FROM ${ctx.ref("events_daily")}`);
assert("js_check").query(ctx => `SELECT 1 FROM ${ctx.ref("events_daily")} WHERE FALSE`);
