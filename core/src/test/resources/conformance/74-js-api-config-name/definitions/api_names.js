declare({ schema: "raw", name: "orders" });
// the config's name wins over publish()'s first argument
publish("orders_step1", { type: "table", name: "orders_clean", assertions: { nonNull: ["id"] } })
  .query(ctx => `SELECT * FROM ${ctx.ref("orders")} WHERE id IS NOT NULL`);
publish("orders_step2", { name: "orders_view", tags: ["v"] }).query(ctx => `SELECT * FROM ${ctx.ref("orders_clean")}`);
publish("orders_step3", { type: "incremental", name: "orders_inc", uniqueKey: ["id"] })
  .query(ctx => `SELECT * FROM ${ctx.ref("orders_view")} -- ${ctx.self()}`);
// a later action may take a name an earlier one was called by
publish("report", { type: "table", name: "orders_step1" }).query(ctx => `SELECT COUNT(*) AS n FROM ${ctx.ref("orders_inc")}`);
assert("assert_arg", { name: "orders_not_empty" }).query(ctx => `SELECT 1 FROM ${ctx.ref("orders_step1")} WHERE n = 0`);
operate("operate_arg", { type: "operations", name: "orders_grant" }).queries(ctx => `GRANT SELECT ON ${ctx.ref("orders_view")} TO x`);
