publish("v1", "SELECT 1 AS x").dependencies("s1.a");
