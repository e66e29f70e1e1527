settings.regions.forEach(function (r) {
  console.error("publishing", "sales_" + r, { region: r, n: 1 });
  publish("sales_" + r).query(ctx => `SELECT * FROM ${ctx.ref("sales")} WHERE region = '${r}'`);
});
declare({ schema: "raw", name: "sales" });
