publish("js_latest", { type: "incremental" })
  .query(ctx => `SELECT id FROM ${ctx.ref("raw_events")}`)
  .where(ctx => `id > (SELECT MAX(id) FROM ${ctx.self()})`);
