const X = 1;
module.exports = { X };
