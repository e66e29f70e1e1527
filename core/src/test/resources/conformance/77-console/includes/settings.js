// Projects print what their compile computes to debug it: Node's console is there, in includes too
const regions = ["eu", "us"];
console.warn("regions:", regions, "env", dataform.projectConfig.vars.env);
module.exports = { regions };
