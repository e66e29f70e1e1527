operate("ops_js").queries(["SELECT 1", "  "]);
publish("t_js").query("SELECT 1 AS a").preOps(["", "SELECT 2"]).postOps("  ");
