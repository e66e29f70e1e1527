package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BinaryOperator;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.schema.Table;

/**
 * BigQuery's INFORMATION_SCHEMA views of a dataset ({@code ds.INFORMATION_SCHEMA.TABLES}, also project- or
 * region-qualified) as queries of DuckDB's catalog limited to the dataset's schema, with BigQuery's type
 * names in COLUMNS. DuckDB's own {@code information_schema} lists every schema, Porygon's run history
 * included, and names types its own way. The columns are the common ones of both catalogs.
 */
final class InformationSchemaViews {
    private static final String SCHEMA_FILTER = "{schema}";
    /** Schemas of DuckDB and Porygon that a region-wide view leaves out, as BigQuery has none of them. */
    private static final String NOT_INTERNAL = "NOT IN ('information_schema', 'pg_catalog', 'main', 'porygon_meta')";

    private static final Map<String, String> VIEWS = Map.of(
            "TABLES", "SELECT table_catalog, table_schema, table_name, table_type, is_insertable_into, is_typed"
                    + " FROM information_schema.tables WHERE table_schema " + SCHEMA_FILTER,
            "COLUMNS", "SELECT table_catalog, table_schema, table_name, column_name, ordinal_position, is_nullable, "
                    + bigQueryTypeName("data_type") + " AS data_type, column_default FROM information_schema.columns WHERE table_schema "
                    + SCHEMA_FILTER,
            "VIEWS", "SELECT database_name AS table_catalog, schema_name AS table_schema, view_name AS table_name, sql AS view_definition,"
                    + " 'YES' AS use_standard_sql FROM duckdb_views() WHERE NOT internal AND schema_name " + SCHEMA_FILTER,
            "SCHEMATA", "SELECT catalog_name, schema_name FROM information_schema.schemata WHERE schema_name " + SCHEMA_FILTER);

    private InformationSchemaViews() {}

    static boolean reads(Table table) {
        return table.getSchemaName() != null && table.getDatabaseName() != null
                && SqlQuoting.unquotedIdentifier(table.getSchemaName()).equalsIgnoreCase("INFORMATION_SCHEMA");
    }

    /**
     * Makes {@code table} the query that stands for its view, named by the view unless it has an alias.
     * {@code schemaOf} maps a project (or null) and a dataset to the dataset's warehouse schema.
     */
    static void replace(Table table, BinaryOperator<String> schemaOf) {
        String view = SqlQuoting.unquotedIdentifier(table.getName()).toUpperCase(Locale.ROOT);
        String query = VIEWS.get(view);
        if (query == null) {
            throw new Untranslatable("INFORMATION_SCHEMA." + view + " is not translated to DuckDB (TABLES, COLUMNS, VIEWS and SCHEMATA are)",
                    "read the tables' metadata from one of those views", "INFORMATION_SCHEMA");
        }
        List<String> parts = table.getNameParts(); // view, INFORMATION_SCHEMA, dataset[, project]
        String dataset = SqlQuoting.unquotedIdentifier(parts.get(2));
        String project = parts.size() > 3 ? SqlQuoting.unquotedIdentifier(parts.get(3)) : null;
        if (dataset.contains(".")) { // `project.dataset`
            project = dataset.substring(0, dataset.lastIndexOf('.'));
            dataset = dataset.substring(dataset.lastIndexOf('.') + 1);
        }
        boolean regionWide = dataset.toLowerCase(Locale.ROOT).startsWith("region-");
        if (view.equals("SCHEMATA") != regionWide) {
            throw new Untranslatable("INFORMATION_SCHEMA." + view + (regionWide ? " of a region" : " of a dataset")
                    + " is not translated to DuckDB", "qualify SCHEMATA with a region (`region-us`) and the other views with a dataset",
                    "INFORMATION_SCHEMA");
        }
        String filter = regionWide ? NOT_INTERNAL : "= " + SqlQuoting.string(schemaOf.apply(project, dataset));
        if (table.getAlias() == null) table.setAlias(new Alias(view, true));
        // the name's parts are the table's own lists: all but the name go (setDatabaseName keeps a project part)
        table.getNameParts().subList(1, parts.size()).clear();
        table.getNamePartDelimiters().clear();
        table.setName("(" + query.replace(SCHEMA_FILTER, filter) + ")");
    }

    /** DuckDB's type name in {@code column} as BigQuery writes it (VARCHAR: STRING, INTEGER[]: ARRAY<INT64>, STRUCT(a ...): STRUCT<a ...>). */
    private static String bigQueryTypeName(String column) {
        List<String[]> renames = new ArrayList<>(List.of(
                new String[] {"TIMESTAMP WITH TIME ZONE", "PORYGON_TZ"}, new String[] {"\\bTIMESTAMP\\b", "DATETIME"},
                new String[] {"PORYGON_TZ", "TIMESTAMP"}, new String[] {"\\bVARCHAR\\b", "STRING"},
                new String[] {"\\b(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)\\b", "INT64"},
                new String[] {"\\b(DOUBLE|FLOAT)\\b", "FLOAT64"}, new String[] {"\\bBOOLEAN\\b", "BOOL"}, new String[] {"\\bBLOB\\b", "BYTES"},
                new String[] {"DECIMAL\\(38,\\s*9\\)", "NUMERIC"}, new String[] {"DECIMAL\\((\\d+),\\s*(\\d+)\\)", "NUMERIC_\\1_\\2"},
                new String[] {"\"(\\w+)\"", "\\1"}, // field names DuckDB quotes (key, value)
                new String[] {"\\b(\\w+)\\[\\]", "ARRAY<\\1>"}));
        // structs from the innermost out: one without parentheses inside is whole
        for (int depth = 0; depth < STRUCT_DEPTH; depth++) {
            renames.add(new String[] {"STRUCT\\(([^()]*)\\)\\[\\]", "ARRAY<STRUCT<\\1>>"});
            renames.add(new String[] {"STRUCT\\(([^()]*)\\)([^\\[]|$)", "STRUCT<\\1>\\2"}); // an array of it: the next round
        }
        renames.add(new String[] {"NUMERIC_(\\d+)_(\\d+)", "NUMERIC(\\1, \\2)"});
        String t = column;
        for (String[] rename : renames) t = "regexp_replace(" + t + ", '" + rename[0] + "', '" + rename[1] + "', 'g')";
        return t;
    }

    /** How deep structs nest in the type names written the BigQuery way (GA4's event_params: 2). */
    private static final int STRUCT_DEPTH = 8;
}
