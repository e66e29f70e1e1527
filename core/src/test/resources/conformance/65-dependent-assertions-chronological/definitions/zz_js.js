assert("zz_js_ref").query(ctx => `SELECT 1 FROM ${ctx.ref("a")} WHERE false`);
assert("zz_js_dep").dependencies("a").query("SELECT 1");
