// a JSON file is required as its parsed value, with or without its extension, as in Node
const list = require("./data/channels.json");
const rates = require("../config/rates");
module.exports = list.map(c => ({ name: c.name, rate: rates[c.currency], tags: c.tags || [] }));
