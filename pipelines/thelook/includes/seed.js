// Turns config rows (see config_data.js, generated from config/*.csv) into a GoogleSQL query, so
// that config data loads on every engine with no file access: plain `dataform compile` has none.

// A GoogleSQL literal of the given column type; NULL is typed so every row has the same STRUCT type.
function literal(value, type) {
  if (value === null || value === undefined || value === "") {
    return `CAST(NULL AS ${type})`;
  }
  if (type === "INT64" || type === "FLOAT64") {
    if (typeof value !== "number" || !isFinite(value)) {
      throw new Error(`seed: ${JSON.stringify(value)} is not a ${type}`);
    }
    return String(value);
  }
  return `'${String(value).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

// SELECT * FROM UNNEST([STRUCT(<v> AS <col>, ...), ...]): one output row per config row, one column
// per CSV column, named and typed alike in every STRUCT. A CSV of its header only is an empty table of
// those columns (as an empty dbt seed): one STRUCT of NULLs gives the types, WHERE FALSE no row.
function selectRows(table) {
  if (!table || !table.columns || table.columns.length === 0 || !table.rows) {
    throw new Error("seed.selectRows needs a table from config_data with a header of columns");
  }
  if (table.rows.length === 0) {
    const nulls = table.columns.map(col => `${literal(null, col.type)} AS ${col.name}`);
    return `SELECT *\nFROM UNNEST([\n  STRUCT(${nulls.join(", ")})\n])\nWHERE FALSE`;
  }
  const structs = table.rows.map(row => {
    const fields = table.columns.map((col, i) => `${literal(row[i], col.type)} AS ${col.name}`);
    return `  STRUCT(${fields.join(", ")})`;
  });
  return `SELECT *\nFROM UNNEST([\n${structs.join(",\n")}\n])`;
}

module.exports = { selectRows, literal };
