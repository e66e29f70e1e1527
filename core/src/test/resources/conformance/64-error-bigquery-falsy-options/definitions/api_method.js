publish("api_method").query("SELECT 1 AS a").bigquery({ partitionBy: "a", requirePartitionFilter: false, labels: {} });
