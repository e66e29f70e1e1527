const t = typeof publish + "," + typeof operate + "," + typeof declare + "," + typeof assert + "," + typeof test + "," + typeof dataform;
module.exports = { t };
