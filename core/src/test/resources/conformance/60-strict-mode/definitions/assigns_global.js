contextable = { a: 1 };
publish("from_js").query(ctx => "SELECT " + contextable.a + " AS a");
