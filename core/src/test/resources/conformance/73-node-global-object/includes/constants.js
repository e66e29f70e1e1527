// Node's `global` shares a value with every later file, as project code sometimes does
global.REPORTING_DATASET = "reporting";
global.currencies = ["EUR", "USD"];
module.exports = { topLevelThisIsGlobal: this === global };
