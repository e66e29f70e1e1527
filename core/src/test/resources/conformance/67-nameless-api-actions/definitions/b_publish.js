publish().query("SELECT 2 AS x");
