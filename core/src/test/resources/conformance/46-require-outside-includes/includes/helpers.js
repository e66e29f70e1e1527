const x = require("../lib/x");
module.exports = { twice: 2 * x.v };
