operate("o", { schema: "s" }).queries("SELECT 1");
