operate("output_set_later", {type: "operations", columns: {a: "x"}}).hasOutput(true).queries("CREATE TABLE ${self()} AS SELECT 1 AS a");
