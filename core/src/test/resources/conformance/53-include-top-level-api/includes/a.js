const S = dataform.projectConfig.defaultSchema;
module.exports = { S };
