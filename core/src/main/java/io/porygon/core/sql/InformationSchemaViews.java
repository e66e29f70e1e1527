package io.porygon.core.sql;

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
        String t = "replace(" + column + ", 'TIMESTAMP WITH TIME ZONE', 'PORYGON_TZ')";
        String[][] renames = {
            {"\\bTIMESTAMP\\b", "DATETIME"}, {"PORYGON_TZ", "TIMESTAMP"}, {"\\bVARCHAR\\b", "STRING"},
            {"\\b(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)\\b", "INT64"},
            {"\\b(DOUBLE|FLOAT)\\b", "FLOAT64"}, {"\\bBOOLEAN\\b", "BOOL"}, {"\\bBLOB\\b", "BYTES"},
            {"DECIMAL\\(38,\\s*9\\)", "NUMERIC"}, {"DECIMAL\\((\\d+),\\s*(\\d+)\\)", "NUMERIC[\\1, \\2]"},
            {"STRUCT\\(", "STRUCT<"}, {"\\)", ">"}, {"NUMERIC\\[(\\d+), (\\d+)\\]", "NUMERIC(\\1, \\2)"},
            {"(STRUCT<.*>|\\w+(?:\\(\\d+, \\d+\\))?)\\[\\]", "ARRAY<\\1>"}};
        for (String[] rename : renames) t = "regexp_replace(" + t + ", '" + rename[0] + "', '" + rename[1] + "', 'g')";
        return t;
    }
}
