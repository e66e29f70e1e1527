assert("rep_nonempty", ctx => `SELECT 1 FROM ${ctx.ref("rep_0")} HAVING COUNT(*) = 0`);
operate("refresh_marker", ctx => `SELECT CURRENT_TIMESTAMP()`).dependencies(["rep_1"]);
