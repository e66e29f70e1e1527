module.exports = { table: "t_from_lib" };
