operate("o1", {hasOutput: true, columns: [{path: ["a"], description: "x"}, {path: ["a", "b"], tags: ["t"]}]}).queries("SELECT 1");
