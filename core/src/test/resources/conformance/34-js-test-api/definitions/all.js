declare({ schema: "thelook", name: "orders" });
publish("order_counts", { type: "table" })
  .query(ctx => `SELECT status, COUNT(*) AS n FROM ${ctx.ref("orders")} GROUP BY status`);
test("order_counts_test")
  .dataset("order_counts")
  .input("orders", `SELECT 'Complete' AS status UNION ALL SELECT 'Complete'`)
  .expect(`SELECT 'Complete' AS status, 2 AS n`);
assert("order_counts_positive").query(ctx => `SELECT * FROM ${ctx.ref("order_counts")} WHERE n <= 0`).disabled();
