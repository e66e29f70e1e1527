operate("o6", {hasOutput: true, columns: {}}).queries("SELECT 1");
