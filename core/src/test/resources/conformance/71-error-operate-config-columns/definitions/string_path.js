operate("o4", {hasOutput: true, columns: [{path: "a", description: "x"}]}).queries("SELECT 1");
