// an empty name is the file's base name too, also with a config
publish("", { type: "table", tags: ["x"] }).query("SELECT 6 AS x");
