const m = require("includes/money");
publish("profit_js").query(ctx => `SELECT ${m.profit("a", "b")} AS p FROM ${ctx.ref("profit")}`);
