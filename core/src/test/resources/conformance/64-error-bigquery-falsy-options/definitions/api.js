publish("api_config", { type: "table", bigquery: { partitionBy: "a", requirePartitionFilter: false } }).query("SELECT 1 AS a");
