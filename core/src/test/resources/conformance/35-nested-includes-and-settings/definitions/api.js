publish("events_inc", { type: "incremental" }).query("SELECT 1 AS x").protected();
