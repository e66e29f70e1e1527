const src = declare({ database: "other-project", schema: "raw", name: "inventory_items" });

operate("refresh_stats", ctx => [
  `CREATE OR REPLACE TABLE ${ctx.self()} AS SELECT COUNT(*) AS n FROM ${ctx.ref("inventory_items")}`,
  `SELECT 1`
]).hasOutput(true).tags("ops");

operate("noop_op").queries("SELECT 1").dependencies(["refresh_stats"]);

assert("stats_positive", ctx => `SELECT * FROM ${ctx.ref("refresh_stats")} WHERE n < 0`)
  .tags(["quality"])
  .description("stats are positive");

assert("with_config", { schema: "qa_js", tags: ["q2"] }).query(ctx => `SELECT 1 FROM ${ctx.ref("inventory_items")} WHERE FALSE`);
