// When a run changes rows of a dimension (users_dim, orders_dim: their loaded_at). trx_fct keeps the stamps of
// the rows it read and rebuilds the orders whose rows carry a later one, so a stamp must never be earlier than
// one already given: the run's clock, or just after the dimension's latest stamp when the clock has stepped back
// (an NTP correction, a resumed VM, a warehouse copied from a machine whose clock ran ahead).
function nextStamp(self) {
  return `GREATEST(
    CURRENT_TIMESTAMP(),
    (SELECT COALESCE(TIMESTAMP_ADD(MAX(loaded_at), INTERVAL 1 MICROSECOND), TIMESTAMP '1970-01-01') FROM ${self})
  )`;
}

module.exports = { nextStamp };
