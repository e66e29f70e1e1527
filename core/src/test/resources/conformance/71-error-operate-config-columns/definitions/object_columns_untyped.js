operate("o2", {hasOutput: true, columns: {a: "x"}}).queries("SELECT 1");
