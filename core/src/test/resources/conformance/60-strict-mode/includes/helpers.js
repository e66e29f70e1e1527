// Dataform runs project code in strict mode: an undeclared name is not a new global
undeclaredTopLevel = 1;
module.exports = { one: 1 };
