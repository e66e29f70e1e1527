// .schema() and .database() move an action's target; its canonical target stays at the defaults.
publish("moved", { type: "table" }).schema("elsewhere").database("other-project").query("SELECT 1 AS x");
operate("moved_op").schema("ops").queries(["SELECT 1"]);
assert("moved_check").schema("audit").query(ctx => `SELECT * FROM ${ctx.ref("elsewhere", "moved")} WHERE x IS NULL`);
