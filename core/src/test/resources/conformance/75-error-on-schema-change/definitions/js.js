publish("badjs", {type: "incremental", onSchemaChange: "DROP"}).query("SELECT 1 AS x");
