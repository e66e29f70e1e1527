publish("by_name", { type: "view" }).query(ctx => `SELECT * FROM ${ctx.ref({ name: "a", includeDependentAssertions: true })}`);
publish("by_schema", { type: "view" }).query(ctx => `SELECT * FROM ${ctx.ref({ schema: "rep", name: "a", includeDependentAssertions: true })}`);
publish("by_db", { type: "view" }).query(ctx => `SELECT * FROM ${ctx.ref({ database: "p", name: "a", includeDependentAssertions: true })}`);
publish("by_full", { type: "view" }).query(ctx => `SELECT * FROM ${ctx.ref({ database: "p", schema: "rep", name: "a", includeDependentAssertions: true })}`);
publish("by_flag", { type: "view", dependOnDependencyAssertions: true }).query(ctx => `SELECT * FROM ${ctx.ref("rep", "a")}`);
