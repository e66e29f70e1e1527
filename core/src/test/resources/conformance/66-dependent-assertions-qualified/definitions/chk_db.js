assert("chk_db").query(ctx => `SELECT 1 FROM ${ctx.ref("p", "rep", "a")} WHERE false`);
assert("chk_dbonly").dependencies({ database: "p", name: "a" }).query("SELECT 1");
