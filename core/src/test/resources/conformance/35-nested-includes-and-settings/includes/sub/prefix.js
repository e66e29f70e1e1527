module.exports = { prefixed: (p, n) => `${p}_${n}` };
