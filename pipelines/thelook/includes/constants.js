// Business rules and project vars shared by the models, in one place.

// Vars are read when a model calls these functions, not when the include loads.
function vars() {
  return dataform.projectConfig.vars || {};
}

// Item statuses that count as a realized sale: the item left the warehouse and was not returned
// or cancelled. 'Processing' items are not yet sold; 'Returned' and 'Cancelled' never were.
const REALIZED_ITEM_STATUSES = ["Shipped", "Complete"];
const REALIZED_ITEM_STATUSES_SQL = REALIZED_ITEM_STATUSES.map(s => `'${s}'`).join(", ");

// Label used when a dimension attribute is missing, so grouping keys are never NULL.
const UNKNOWN = "Unknown";

function positiveInt(name, fallback) {
  const value = vars()[name];
  const raw = value === undefined || value === "" ? String(fallback) : String(value);
  if (!/^\d+$/.test(raw)) {
    throw new Error(`var ${name} must be a whole number of days, got "${raw}"`);
  }
  return Number(raw);
}

function eventsLookbackDays() {
  return positiveInt("events_lookback_days", 3);
}

function trxLookbackDays() {
  return positiveInt("trx_lookback_days", 3);
}

// The reporting date as a SQL DATE expression: the `as_of` var (YYYY-MM-DD) or today.
function asOfDateSql() {
  const asOf = vars().as_of || "";
  if (asOf === "") return "CURRENT_DATE()";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || !isCalendarDate(asOf)) {
    throw new Error(`var as_of must be a date YYYY-MM-DD or empty for today, got "${asOf}"`);
  }
  return `DATE '${asOf}'`;
}

// Whether YYYY-MM-DD names a day of the calendar (not 2023-02-29): BigQuery rejects such a literal.
function isCalendarDate(text) {
  const [year, month, day] = text.split("-").map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

module.exports = {
  REALIZED_ITEM_STATUSES,
  REALIZED_ITEM_STATUSES_SQL,
  UNKNOWN,
  eventsLookbackDays,
  trxLookbackDays,
  asOfDateSql,
};
