publish("js_overwrite", { type: "incremental", incrementalStrategy: "INSERT_OVERWRITE", bigquery: { partitionBy: "d" } })
  .query(ctx => `SELECT CURRENT_DATE() AS d`);
