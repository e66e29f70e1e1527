const names = require("./sql/names");
module.exports = { v: 1, table: names.table };
