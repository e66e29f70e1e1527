module.exports = { since: (col) => `${col} >= TIMESTAMP("2023-01-01")` };
