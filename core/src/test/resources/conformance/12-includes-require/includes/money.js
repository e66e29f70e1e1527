const util = require("./util");
const { cents } = require("includes/util.js");
module.exports = {
  profit: (price, cost) => `${util.cents(price)} - ${cents(cost)}`
};
