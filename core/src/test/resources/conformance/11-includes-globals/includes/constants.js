const START_DATE = "2023-01-01";
const STATUSES = ["Complete", "Shipped"];
function quoted(list) {
  return list.map(s => `'${s}'`).join(", ");
}
module.exports = { START_DATE, STATUSES, quoted };
