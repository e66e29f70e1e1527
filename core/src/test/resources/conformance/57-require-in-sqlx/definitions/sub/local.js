module.exports = { g: function () { return "2"; } };
