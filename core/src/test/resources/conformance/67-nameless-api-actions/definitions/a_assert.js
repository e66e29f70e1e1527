assert().query("SELECT 1 AS x");
