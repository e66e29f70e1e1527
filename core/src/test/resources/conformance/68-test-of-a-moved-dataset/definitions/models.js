declare({ schema: "raw", name: "orders" });

// .database() and .schema() move the target; the canonical target stays where the config put it
publish("by_region", { type: "table" })
  .query(ctx => `SELECT region, COUNT(*) AS n FROM ${ctx.ref("orders")} GROUP BY 1`)
  .database("acme-reporting")
  .schema("reports");

publish("by_day", { type: "view" })
  .query(ctx => `SELECT DATE(ts) AS day FROM ${ctx.ref("orders")}`)
  .schema("daily");

// a test's dataset is found by the moved target; the test's own target takes its database and schema
test("by_region_test")
  .dataset({ database: "acme-reporting", schema: "reports", name: "by_region" })
  .input("orders", `SELECT 'us' AS region UNION ALL SELECT 'us'`)
  .expect(`SELECT 'us' AS region, 2 AS n`);

test("by_day_test")
  .dataset({ schema: "daily", name: "by_day" })
  .input("orders", `SELECT TIMESTAMP '2024-01-01 10:00:00' AS ts`)
  .expect(`SELECT DATE '2024-01-01' AS day`);
