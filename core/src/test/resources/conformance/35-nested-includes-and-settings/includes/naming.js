// Only this top-level include is a global; the helper below it is loaded with require.
const { prefixed } = require("./sub/prefix");
module.exports = { tableName: (n) => prefixed("stg", n) };
