assert({ tags: ["t"] }).query("SELECT 5 AS x");
