function cents(col) { return `CAST(${col} * 100 AS INT64)`; }
exports.cents = cents;
