publish("brands", {
  type: "table",
  description: "distinct brands",
  tags: ["js"],
  columns: { brand: "the brand" }
}).query(ctx => `SELECT DISTINCT brand FROM ${ctx.ref("products")}`);

publish("brand_counts")
  .type("view")
  .query(ctx => `SELECT brand, COUNT(*) AS n FROM ${ctx.ref("brands")} GROUP BY brand`)
  .tags(["js", "counts"])
  .description("counts per brand");

publish("inc_js", { type: "incremental", uniqueKey: ["brand"] })
  .query(ctx => `SELECT brand FROM ${ctx.ref("brands")} ${ctx.when(ctx.incremental(), "WHERE TRUE")}`)
  .preOps(ctx => `SELECT ${ctx.incremental() ? 1 : 0}`)
  .postOps(["SELECT 'done'"]);
