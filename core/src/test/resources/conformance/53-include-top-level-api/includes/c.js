function later(name) { return publish(name).query("SELECT 1 AS z"); }
module.exports = { later };
