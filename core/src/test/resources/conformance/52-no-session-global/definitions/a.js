dataform.publish("a", "SELECT 1 AS x");
session.operate("o", "SELECT 2");
