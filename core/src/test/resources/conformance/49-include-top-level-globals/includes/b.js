const Y = a.X + 1;
function later() { return a.X; }
module.exports = { Y, later };
