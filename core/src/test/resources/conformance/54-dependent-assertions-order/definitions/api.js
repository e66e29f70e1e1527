publish("v1", "SELECT 1 AS a").dependencies("src").setDependOnDependencyAssertions(true);
publish("v2", ctx => `SELECT id FROM ${ctx.ref("src")}`).setDependOnDependencyAssertions(true);
publish("v3", { type: "view", dependOnDependencyAssertions: true, dependencies: ["src"] }).query("SELECT 2 AS b");
