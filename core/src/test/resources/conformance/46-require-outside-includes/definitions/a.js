const x = require("../lib/x");
publish(x.table).query("SELECT " + x.v + " AS a, " + helpers.twice + " AS b");
