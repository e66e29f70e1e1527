assert("a2", {type: "table"}).query("SELECT 1");
assert("a3", {type: "view", tags: ["t"]}).query("SELECT 3");
operate("o1", {type: "incremental", hasOutput: true}).queries("SELECT 1");
declare({name: "d1", type: "view"});
