operate("o3", {type: "operations", hasOutput: true, columns: {a: "x"}}).queries("SELECT 1");
