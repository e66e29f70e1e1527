operate("api_columns", {type: "operations", columns: {a: "x"}}).queries("SELECT 1");
