const defaults = { schema: "thelook", limit: 10 };
function limitClause({ limit = 5 } = {}) { return `LIMIT ${limit}`; }
const withDefault = (a, b = "fallback") => `${a}_${b}`;
const [first, second] = ["alpha", "beta"];
const { schema } = defaults;
const columns = ["id", "name"].map((c, i) => `${c} AS c${i}`).join(", ");
const greeter = (n) => ({ n, hello() { return `hi ${this.n}`; } });
const merged = Object.assign({}, defaults, { limit: 20 });
module.exports = { limitClause, withDefault, first, second, schema, columns, greeting: greeter("sql").hello(), mergedLimit: merged.limit };
