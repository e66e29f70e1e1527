publish("j1", {type: "table", labels: {a: "1"}, partitionBy: "d", bigquery: {labels: {b: "2"}, clusterBy: ["z"]}, clusterBy: ["y"]}).query("SELECT 1");
publish("j2", {type: "incremental", updatePartitionFilter: "u1", partitionBy: "p", bigquery: {updatePartitionFilter: "u2"}}).query("SELECT 1");
