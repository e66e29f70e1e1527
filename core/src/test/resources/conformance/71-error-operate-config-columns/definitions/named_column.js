operate("o5", {hasOutput: true, columns: [{name: "a", description: "x"}]}).queries("SELECT 1");
