declare({});
