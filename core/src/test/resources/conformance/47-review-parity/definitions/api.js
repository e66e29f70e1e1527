publish("cols", "SELECT 1 AS a").columns([{ path: ["a"], description: "A", tags: ["x"] }]);
declare({ dataset: "raw", name: "ext" });
operate("op", { dataset: "s3", hasOutput: true, dependencyTargets: [{ name: "src" }] }).queries("CREATE TABLE x AS SELECT 1");
operate("op2").hasOutput().queries("SELECT 1");
