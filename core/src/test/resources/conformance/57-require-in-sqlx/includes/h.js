module.exports = { f: function () { return "1"; } };
