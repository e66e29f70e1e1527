package io.porygon.core.sql;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.CreateFunctionalStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.piped.FromQuery;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectVisitor;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.select.FromItemVisitor;
import net.sf.jsqlparser.expression.ExpressionVisitor;
import net.sf.jsqlparser.util.TablesNamesFinder;
import net.sf.jsqlparser.util.deparser.StatementDeParser;

/**
 * GoogleSQL (BigQuery) to DuckDB. A script may hold several statements separated by {@code ;};
 * they come back in the same order, separated by {@code ;\n}. Built on JSqlParser's AST: the
 * {@link GoogleSqlLexer} normalizes lexical forms, JSqlParser parses, and DuckDB-dialect deparsers
 * print, translating every function call through the {@link FunctionCatalog}.
 *
 * <p>For BigQuery's semantics the DuckDB session must run with {@code SET TimeZone = 'UTC'} and
 * {@code SET default_null_order = 'nulls_first_on_asc_last_on_desc'} (see {@link #SESSION_SETTINGS}).
 *
 * <p>BigQuery script variables ({@code DECLARE}, {@code SET}) become DuckDB session variables
 * ({@link ScriptVariables}); an action's statements are translated in one {@link ScriptScope}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DuckDbTranslator implements Translator {

    /** Session settings DuckDB needs so translated statements give BigQuery's results. */
    public static final List<String> SESSION_SETTINGS = List.of(
            "SET TimeZone = 'UTC'",
            "SET default_null_order = 'nulls_first_on_asc_last_on_desc'");

    private final Function<Target, String> tableNames;

    /** Maps {@code project.dataset.table} to DuckDB {@code dataset.table}. */
    public DuckDbTranslator() {
        this(DuckDbTranslator::schemaAndName);
    }

    /** @param tableNames the DuckDB name (quoted as needed) of each qualified BigQuery table */
    public DuckDbTranslator(Function<Target, String> tableNames) {
        this.tableNames = tableNames;
    }

    /** The default mapping: a BigQuery dataset is a DuckDB schema; the project is dropped. */
    public static String schemaAndName(Target target) {
        String name = quote(target.name());
        return target.schema() == null ? name : quote(target.schema()) + "." + name;
    }

    static String quote(String identifier) {
        boolean plain = !identifier.isEmpty() && (Character.isLetter(identifier.charAt(0)) || identifier.charAt(0) == '_');
        for (int i = 0; plain && i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
        }
        return plain ? identifier : SqlQuoting.identifier(identifier);
    }

    /**
     * The head of ALTER TABLE/VIEW/SCHEMA/PROJECT name [ALTER COLUMN c] SET OPTIONS ( and ALTER ORGANIZATION
     * SET OPTIONS (: descriptions, labels, expirations, defaults.
     */
    private static final Pattern SET_OPTIONS_HEAD = Pattern.compile(
            "^\\s*ALTER\\s+((TABLE|VIEW|MATERIALIZED\\s+VIEW|SCHEMA|PROJECT)\\s+(IF\\s+EXISTS\\s+)?[^\\s,(]+|ORGANIZATION)\\s+"
                    + "(ALTER\\s+COLUMN\\s+(IF\\s+EXISTS\\s+)?[^\\s,(]+\\s+)?SET\\s+OPTIONS\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    /**
     * BigQuery's primary and foreign keys, which it never enforces (they inform its optimizer): added
     * NOT ENFORCED, or dropped.
     */
    private static final Pattern KEY_CONSTRAINT = Pattern.compile(
            "^\\s*ALTER\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?[^\\s,(]+\\s+"
                    + "(ADD\\s+(PRIMARY\\s+KEY|CONSTRAINT)\\b[\\s\\S]*\\bNOT\\s+ENFORCED\\s*"
                    + "|DROP\\s+(PRIMARY\\s+KEY(\\s+IF\\s+EXISTS)?|CONSTRAINT(\\s+IF\\s+EXISTS)?\\s+[^\\s,;]+)\\s*)$",
            Pattern.CASE_INSENSITIVE);

    /** {@code SET @@query_label = '...'}: a label of the BigQuery job, as GA4 packages set in each model. */
    private static final Pattern QUERY_LABEL = Pattern.compile("(?is)\\s*SET\\s+@@query_label\\s*=\\s*'(?:[^'\\\\]|\\\\.|'')*'\\s*");

    /**
     * BigQuery's access control, {@code GRANT|REVOKE `roles/...`[, ...] ON SCHEMA|TABLE|VIEW|EXTERNAL TABLE name TO|FROM
     * "user:...", ...}, as Dataform projects write it in post_operations: IAM, which changes who may read, not what a query
     * returns (the lexer has made the backticked roles double-quoted paths and the grantees single-quoted strings).
     */
    private static final Pattern GRANT_OR_REVOKE = Pattern.compile(
            "(?is)\\s*(GRANT\\s+(?<g>.+?)\\s+TO|REVOKE\\s+(?<r>.+?)\\s+FROM)\\s+'[^']*'(\\s*,\\s*'[^']*')*\\s*");
    private static final Pattern ROLES_ON_RESOURCE = Pattern.compile(
            "(?is)(\"[^\"]*\"(\\.\"[^\"]*\")*|`[^`]*`)(\\s*,\\s*(\"[^\"]*\"(\\.\"[^\"]*\")*|`[^`]*`))*"
                    + "\\s+ON\\s+(SCHEMA|TABLE|VIEW|EXTERNAL\\s+TABLE)\\s+[^\\s;]+");

    /** Whether the statement only changes BigQuery metadata (options, unenforced keys, a job label, access): nothing to do on DuckDB. */
    static boolean isMetadataOnly(String statement) {
        return setsOptionsOnly(statement) || KEY_CONSTRAINT.matcher(statement).matches() || QUERY_LABEL.matcher(statement).matches()
                || grantsOrRevokes(statement);
    }

    private static boolean grantsOrRevokes(String statement) {
        Matcher m = GRANT_OR_REVOKE.matcher(statement);
        if (!m.matches()) return false;
        return ROLES_ON_RESOURCE.matcher(m.group("g") != null ? m.group("g") : m.group("r")).matches();
    }

    /** Whether the statement only sets options: its one action is SET OPTIONS (...) and nothing follows. */
    static boolean setsOptionsOnly(String statement) {
        Matcher head = SET_OPTIONS_HEAD.matcher(statement);
        if (!head.find()) return false;
        int depth = 1;
        for (int i = head.end(); i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (c == '\'' || c == '"') {
                int close = statement.indexOf(c, i + 1);
                while (close > 0 && statement.charAt(close - 1) == '\\') close = statement.indexOf(c, close + 1);
                if (close < 0) return false;
                i = close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return statement.substring(i + 1).isBlank();
            }
        }
        return false;
    }

    @Override
    public String translate(String googleSql, SourceLocation location) {
        return translate(googleSql, location, ScriptScope.EMPTY).sql();
    }

    @Override
    public ScriptTranslation translate(String googleSql, SourceLocation location, ScriptScope scope) {
        Script script = translateScript(googleSql, location, scope, false, false);
        return new ScriptTranslation(String.join(";\n", script.statements()), script.scope());
    }

    @Override
    public ScriptTranslation translateQuery(String googleSql, SourceLocation location, ScriptScope scope) {
        Script script = translateScript(oneStatement(googleSql, location, "query"), googleSql, location, scope, false, false);
        return new ScriptTranslation(String.join(";\n", script.statements()), script.scope());
    }

    /** An operation's script may also hold BigQuery's procedural statements: then it is a {@link ScriptProgram} for the runner. */
    @Override
    public ScriptTranslation translateOperation(String googleSql, SourceLocation location, ScriptScope scope) {
        Script script = translateScript(googleSql, location, scope, false, true);
        return new ScriptTranslation(String.join(";\n", script.statements()), script.scope(), script.program());
    }

    /** Without a top-level ORDER BY that has no LIMIT: DuckDB would sort the view's rows on every read ({@link #unordered}). */
    @Override
    public ScriptTranslation translateViewQuery(String googleSql, SourceLocation location, ScriptScope scope) {
        Script script = translateScript(oneStatement(googleSql, location, "view's query"), googleSql, location, scope, true, false);
        return new ScriptTranslation(String.join(";\n", script.statements()), script.scope());
    }

    /**
     * The statements of a table's, view's or assertion's query, which is one SELECT. Dataform would send a second
     * statement after it to BigQuery as part of a script, which builds the table from the first and runs the rest.
     */
    static List<GoogleSqlLexer.LexedStatement> oneStatement(String googleSql, SourceLocation location, String what) {
        List<GoogleSqlLexer.LexedStatement> statements = GoogleSqlLexer.split(googleSql, location);
        if (statements.size() < 2) return statements;
        throw new PorygonException(at(relativeToFirstLine(location, googleSql), statements.get(1).line(), 0),
                "a second statement after the " + what + ": the action is built from one SELECT",
                "move the other statements into pre_operations { } or post_operations { }, or into an action of type: \"operations\"");
    }

    /**
     * DuckDB forgets an action's variables and temporary functions once it ended (see {@link ScriptVariables}), and
     * rolls back a transaction the action left open, as BigQuery does at the end of a script.
     */
    @Override
    public List<String> endOfScript(ScriptScope scope) {
        List<String> out = new ArrayList<>();
        // first: a transaction the script left open (or a failure aborted) would refuse the statements after it
        if (scope.transaction()) out.add("ROLLBACK");
        out.addAll(ScriptVariables.reset(scope));
        for (String function : scope.functions()) out.add(TempFunction.drop(function));
        for (String table : scope.tables()) out.add(TempTable.drop(table));
        return out;
    }

    /**
     * Like {@link #translate} but one DuckDB statement per element, for callers that execute them
     * one by one (a joined script could only be split again by parsing it).
     */
    public List<String> translateStatements(String googleSql, SourceLocation location) {
        return translateScript(googleSql, location, ScriptScope.EMPTY, false, false).statements();
    }

    /** @param program the procedural script, or null: then {@code statements} is the whole script */
    private record Script(List<String> statements, ScriptScope scope, List<ScriptProgram> program) {}

    private Script translateScript(String googleSql, SourceLocation location, ScriptScope start, boolean viewQuery, boolean procedural) {
        return translateScript(GoogleSqlLexer.split(googleSql, location), googleSql, location, start, viewQuery, procedural);
    }

    /** {@code statements}: {@code googleSql} split and lexed. */
    private Script translateScript(List<GoogleSqlLexer.LexedStatement> statements, String googleSql, SourceLocation location,
                                   ScriptScope start, boolean viewQuery, boolean procedural) {
        Pieces pieces = new Pieces(relativeToFirstLine(location, googleSql), start, viewQuery);
        if (procedural && ScriptBlocks.isProcedural(statements)) {
            List<ScriptProgram> program = ScriptBlocks.read(statements, pieces, pieces::located);
            // the variables of its blocks are no longer declared, but the action's end resets them too
            ScriptScope end = pieces.scope.withEnded(pieces.ofEndedBlocks);
            return new Script(List.of(ScriptProgram.render(program)), end, program);
        }
        List<String> out = new ArrayList<>(statements.size());
        List<ScriptProgram> runs = new ArrayList<>(statements.size());
        for (GoogleSqlLexer.LexedStatement statement : statements) {
            List<String> translated = pieces.statement(statement);
            out.addAll(translated);
            if (!translated.isEmpty()) runs.add(new ScriptProgram.Run(translated, statement.text(), statement.line()));
        }
        // An operation of several statements runs them one at a time, as the program of Runs: DuckDB's driver runs a
        // script sent whole with its connection locked, so Ctrl-C could interrupt none of it until it ended; one at a
        // time, each is interrupted, an error is placed at its statement and the rows of every statement are counted.
        return new Script(List.copyOf(out), pieces.scope, procedural && out.size() > 1 ? List.copyOf(runs) : null);
    }

    /** The statements of one script translated in order, each in the scope the ones before it leave. */
    private final class Pieces implements ScriptBlocks.Translation {
        private final SourceLocation base;
        private final boolean viewQuery;
        /** a temporary function defined by an earlier piece of the script is callable here too */
        private final Set<String> userFunctions;
        private ScriptScope scope;
        /** The variables of the blocks (BEGIN, FOR) that ended */
        private final Set<String> ofEndedBlocks = new LinkedHashSet<>();
        /** FOR loops so far: each keeps its rows in a table of its own */
        private int forLoops;

        Pieces(SourceLocation base, ScriptScope start, boolean viewQuery) {
            this.base = base;
            this.viewQuery = viewQuery;
            this.userFunctions = new HashSet<>(start.functions());
            this.scope = start;
        }

        /** The engine's statements for one statement; one that only sets BigQuery options (a description, labels) has none. */
        @Override
        public List<String> statement(GoogleSqlLexer.LexedStatement statement) {
            if (isMetadataOnly(statement.text())) return List.of(); // BigQuery metadata: nothing to do on DuckDB
            String transaction = ScriptStatement.transaction(statement.text());
            if (transaction != null) {
                scope = scope.withTransactionOf(statement.text());
                return List.of(transaction);
            }
            try {
                if (ScriptStatement.isDeclare(statement)) {
                    ScriptStatement.Declare declare = ScriptStatement.parseDeclare(statement.text());
                    ScriptScope current = scope; // a DEFAULT reads the variables declared before it
                    List<String> out = ScriptVariables.declare(declare, scope, e -> translateExpression(e, userFunctions, statement, base, current));
                    for (String name : declare.names()) scope = scope.with(name, declare.type());
                    return out;
                } else if (ScriptStatement.isAssignment(statement)) {
                    ScriptScope current = scope;
                    return ScriptVariables.assign(ScriptStatement.parseAssign(statement.text()), scope,
                            e -> translateExpression(e, userFunctions, statement, base, current));
                } else if (ScriptStatement.isControlFlow(statement)) {
                    throw ScriptBlocks.outsideOperation(statement.firstWord());
                }
                List<String> out = translateOne(statement, userFunctions, base, scope, viewQuery);
                if (TempFunction.isTempFunction(statement.text())) {
                    scope = scope.withFunction(TempFunction.parse(statement.text()).name());
                } else {
                    scope = scope.withTempTableOf(statement.text());
                }
                return out;
            } catch (Untranslatable e) {
                throw located(e, statement);
            } catch (PorygonException e) {
                throw e;
            } catch (RuntimeException e) {
                // JSqlParser's visitors assume shapes its parser does not always build: a located error, not a crash
                throw new PorygonException(at(base, statement.line(), 0),
                        "cannot translate this GoogleSQL statement to DuckDB: the translator failed on it (" + e + ")",
                        "rewrite the construct the message names with common GoogleSQL syntax; --debug shows the stack trace", e);
            }
        }

        /** A condition or message as the query of its one value. */
        @Override
        public String value(String expression, GoogleSqlLexer.LexedStatement at) {
            return String.join(";\n", statement(new GoogleSqlLexer.LexedStatement("SELECT " + expression, at.line())));
        }

        /** As in BigQuery, a name a block declared reads a column again after its END, and another block may declare it. */
        @Override
        public Runnable block() {
            ScriptScope outer = scope;
            return () -> {
                for (String name : scope.names()) if (!outer.declares(name)) ofEndedBlocks.add(name);
                scope = scope.withVariablesOf(outer);
            };
        }

        /** The rows are kept in a temporary table of the session, one STRUCT per row, in the query's order. */
        @Override
        public ScriptProgram.For forRows(String variable, String query, GoogleSqlLexer.LexedStatement at) {
            List<String> select = statement(new GoogleSqlLexer.LexedStatement(query, at.line()));
            if (select.size() != 1 || !select.get(0).stripLeading().toUpperCase(Locale.ROOT).matches("(?s)(SELECT|WITH|FROM|\\().*")) {
                throw located(new Untranslatable("FOR ... IN takes one query", "write FOR name IN (SELECT ...) DO", "FOR"), at);
            }
            // BigQuery refuses the redeclaration; here the loop's end would forget the variable it shadows
            if (scope.declares(variable)) {
                throw located(new Untranslatable("variable " + ScriptScope.normalize(variable) + " is declared twice in this action",
                        "give the FOR variable a name of its own", "FOR"), at);
            }
            String rows = SqlQuoting.identifier("porygon_for_rows_" + (++forLoops));
            scope = scope.with(variable, null);
            return new ScriptProgram.For(
                    "CREATE OR REPLACE TEMP TABLE " + rows + " AS SELECT porygon_for_row FROM (\n" + select.get(0) + "\n) AS porygon_for_row",
                    "SELECT count(*) FROM " + rows,
                    ScriptVariables.assignment(variable, "(SELECT porygon_for_row FROM " + rows + " LIMIT 1 OFFSET %d)"),
                    List.of("DROP TABLE IF EXISTS " + rows, ScriptVariables.forget(variable)), List.of());
        }

        @Override
        public ScriptProgram.Run keep(String name, String expression, GoogleSqlLexer.LexedStatement at) {
            String value;
            try {
                value = translateExpression(expression, userFunctions, at, base, scope);
            } catch (Untranslatable e) {
                throw located(e, at);
            }
            scope = scope.with(name, null);
            return new ScriptProgram.Run(List.of(ScriptVariables.assignment(name, value)));
        }

        /** In a handler, {@code @@error.message} reads a variable the runner sets to the caught error's message. */
        @Override
        public Runnable handler() {
            ScriptScope outer = scope;
            scope = scope.with(ScriptVariables.ERROR_MESSAGE, "STRING");
            return () -> {
                ofEndedBlocks.add(ScriptVariables.ERROR_MESSAGE);
                scope = scope.withVariablesOf(outer);
            };
        }

        @Override
        public String setErrorMessage() {
            return ScriptVariables.setErrorMessage();
        }

        PorygonException located(Untranslatable e, GoogleSqlLexer.LexedStatement statement) {
            int[] lineAndColumn = locate(statement.text(), e.construct());
            return new PorygonException(at(base, statement.line() + lineAndColumn[0], lineAndColumn[1]), e.getMessage(), e.hint());
        }
    }

    /** Statements whose data lives in Google Cloud: external tables, loads and exports, BigQuery ML models. */
    private static final Pattern CLOUD_DATA = Pattern.compile(
            "\\s*(CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:EXTERNAL\\s+TABLE|MODEL)|LOAD\\s+DATA|EXPORT\\s+DATA)\\b",
            Pattern.CASE_INSENSITIVE);

    /** Dynamic SQL, which the parser does not read in all its forms ({@code ... INTO x USING y}). */
    private static final Pattern EXECUTE_IMMEDIATE = Pattern.compile("(?is)\\s*EXECUTE\\s+IMMEDIATE\\b.*");

    /** {@code ASSERT condition [AS 'description']}; the lexer has made every string literal single-quoted. */
    private static final Pattern ASSERT = Pattern.compile("(?is)\\s*ASSERT\\s+(.+?)(?:\\s+AS\\s+('(?:[^'\\\\]|\\\\.|'')*'))?\\s*");

    /** {@code CREATE|DROP SCHEMA [IF [NOT] EXISTS] project.dataset}: JSqlParser reads one name, BigQuery a project-qualified one. */
    private static final Pattern QUALIFIED_SCHEMA = Pattern.compile(
            "(?is)(\\s*(?:CREATE|DROP)\\s+SCHEMA\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?)(\"[^\"]+\"|\\w+)\\s*\\.\\s*(\"[^\"]+\"|\\w+)");

    /** The statement with a project-qualified dataset named as the warehouse names the dataset's tables. */
    private String withMappedSchemaName(String sql) {
        Matcher m = QUALIFIED_SCHEMA.matcher(sql);
        if (!m.lookingAt()) return sql;
        String table = tableNames.apply(new Target(unquote(m.group(2)), unquote(m.group(3)), "t"));
        int dot = dotOutsideQuotes(table);
        return m.group(1) + SqlQuoting.identifier(SqlQuoting.unquotedIdentifier(table.substring(0, dot))) + sql.substring(m.end());
    }

    /** The DuckDB statements of one GoogleSQL statement: itself, after a check where BigQuery checks more ({@link SingleMatchCheck}). */
    private List<String> translateOne(GoogleSqlLexer.LexedStatement statement, Set<String> userFunctions, SourceLocation location,
                                      ScriptScope scope, boolean viewQuery) {
        if (TempFunction.isTempFunction(statement.text())) {
            TempFunction fn = TempFunction.parse(statement.text());
            userFunctions.add(fn.name().toUpperCase(Locale.ROOT));
            // a function body sees its parameters, not the script's variables
            String body = translateExpression(fn.body(), userFunctions, statement, location, ScriptScope.EMPTY);
            return List.of(fn.toDuckDbMacro(body));
        }
        SetOperationsByName.refuseIntersectOrExceptByName(statement.text());
        String text = SetOperationsByName.withQueryInParentheses(statement.text());
        SetOperationsByName.Nested nested = SetOperationsByName.nested(text);
        if (nested != null) {
            // the rest of the statement is translated around a stand-in, then the set operation put in its place
            // one name per set operation: the statement may hold several (each translation puts back its own)
            String standIn = "SELECT * FROM porygon_by_name_" + text.split("porygon_by_name_", -1).length + "_";
            String outer = text.substring(0, nested.start()) + "(" + standIn + ")" + text.substring(nested.end());
            GoogleSqlLexer.LexedStatement inner = new GoogleSqlLexer.LexedStatement(nested.inner(),
                    statement.line() + LexedText.lineBreaks(text, nested.start()));
            String translatedInner = String.join(";\n", translateOne(inner, userFunctions, location, scope, false));
            List<String> out = new ArrayList<>();
            for (String s : translateOne(new GoogleSqlLexer.LexedStatement(outer, statement.line()), userFunctions, location, scope, viewQuery)) {
                out.add(s.replace(standIn, translatedInner));
            }
            return out;
        }
        List<String> operators = new ArrayList<>();
        List<SetOperationsByName.Part> byName = SetOperationsByName.parts(text, operators);
        if (byName != null) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < byName.size(); i++) {
                SetOperationsByName.Part part = byName.get(i);
                GoogleSqlLexer.LexedStatement piece = new GoogleSqlLexer.LexedStatement(part.text(), statement.line() + part.line());
                if (i > 0) joined.append(' ').append(operators.get(i - 1)).append(' ');
                joined.append(String.join(";\n", translateOne(piece, userFunctions, location, scope, false)));
            }
            return List.of(joined.toString());
        }
        Matcher assertion = ASSERT.matcher(statement.text());
        if (assertion.matches()) {
            // BigQuery's ASSERT fails the script when its condition is FALSE or NULL
            String condition = translateExpression(assertion.group(1), userFunctions, statement, location, scope);
            String description = assertion.group(2) != null ? assertion.group(2) : SqlQuoting.string(assertion.group(1).strip());
            return List.of("SELECT CASE WHEN (" + condition + ") IS NOT TRUE THEN error('Assertion failed: ' || " + description + ") END");
        }
        Matcher cloud = CLOUD_DATA.matcher(statement.text());
        if (cloud.lookingAt()) {
            String what = cloud.group(1).replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
            throw new Untranslatable("BigQuery's " + what + " reads or writes Google Cloud (Cloud Storage, BigQuery ML), which a DuckDB"
                    + " warehouse cannot reach", "declare the table and create it in the warehouse from local copies of its files,"
                    + " or keep this action out of runs on DuckDB (--tags, --actions or disabled)");
        }
        Statement parsed = EXECUTE_IMMEDIATE.matcher(statement.text()).matches() ? new Execute()
                : parse(withMappedSchemaName(TableCopyRewrite.rewrite(AlterOptions.withoutOptionActions(statement.text()))),
                statement, location);
        if (parsed instanceof Execute) {
            throw new Untranslatable("EXECUTE IMMEDIATE (dynamic SQL) cannot run on DuckDB", "write the statement itself", "EXECUTE");
        }
        if (parsed instanceof UnsupportedStatement || parsed instanceof CreateFunctionalStatement) {
            // JSqlParser keeps these as text: passed on, DuckDB would fail on them at run time
            String head = String.join(" ", java.util.Arrays.stream(statement.text().strip().split("\\s+")).limit(4).toList())
                    .toUpperCase(Locale.ROOT);
            throw new Untranslatable("BigQuery's " + head + " ... has no DuckDB form (persistent functions and procedures, row access"
                    + " policies and similar statements run on BigQuery only)",
                    "use CREATE TEMP FUNCTION in the action that calls the function, or keep this statement out of runs on DuckDB");
        }
        if (viewQuery && parsed instanceof Select select) unordered(select);
        if (parsed instanceof CreateView view) unordered(view.getSelect());
        // a default is evaluated when a row is inserted, long after the script: it sees no variable
        translateColumnDefaults(parsed, e -> translateExpression(e, userFunctions, statement, location, ScriptScope.EMPTY));
        Set<String> rangeNames = mapNames(parsed);
        StringBuilder sb = new StringBuilder(statement.text().length() + 64);
        DuckDbExpressionDeParser expressions = new DuckDbExpressionDeParser(FunctionCatalog.DEFAULT, userFunctions, scope);
        if (scope.hasVariables()) {
            expressions.assignedColumns(assignedColumns(parsed));
            expressions.rangeNames(rangeNames);
        }
        DuckDbSelectDeParser selects = new DuckDbSelectDeParser(expressions, sb);
        expressions.setSelectVisitor(selects);
        expressions.setBuilder(sb);
        if (parsed instanceof CreateView view) {
            // JSqlParser's view deparser prints the query with toString(), bypassing translation
            printView(view, selects, sb);
        } else if (parsed instanceof Merge merge) {
            Runnable print = () -> new DuckDbMergeDeParser(expressions, selects, sb, scope::declares).deParse(merge);
            if (DuckDbMergeDeParser.insertsARow(merge)) {
                // INSERT ROW inserts the source's columns by position: an UNNEST's element alone (one column named
                // as its alias, read as written), not its fields beside it
                selects.printAsOneColumn(merge.getFromItem());
                print.run();
            } else {
                selects.readingUnnestAliases(merge.getFromItem(), List.of(), print);
            }
        } else if (parsed instanceof Update update) {
            selects.printUpdate(update);
        } else if (parsed instanceof Alter alter && alter.getAlterExpressions().size() > 1) {
            // DuckDB takes one action per ALTER TABLE: BigQuery's ADD COLUMN a, ADD COLUMN b becomes two statements
            // (SET OPTIONS actions went before parsing, AlterOptions; a key added NOT ENFORCED is metadata too)
            List<AlterExpression> actions = alter.getAlterExpressions();
            for (AlterExpression action : actions) {
                alter.setAlterExpressions(List.of(action));
                StringBuilder one = new StringBuilder();
                alter.accept(new StatementDeParser(expressions, selects, one), null);
                if (isMetadataOnly(one.toString())) continue;
                if (sb.length() > 0) sb.append(";\n");
                sb.append(one);
            }
            alter.setAlterExpressions(actions);
        } else {
            parsed.accept(new StatementDeParser(expressions, selects, sb), null);
        }
        checkNoColumnIsAlsoAVariable(expressions, selects);
        if (parsed instanceof CreateView view) checkViewOutlivesNothing(view, expressions);
        String firstLine = statement.text().strip().lines().findFirst().orElse("");
        String check = new SingleMatchCheck(expressions, selects).before(parsed, firstLine);
        return check == null ? List.of(sb.toString()) : List.of(check, sb.toString());
    }

    /**
     * A view's query runs whenever the view is queried, long after the script's variables and
     * temporary functions are gone: reading one would give NULL or fail then, so it is an error now
     * (an action of type view gets the same error from the planner).
     */
    private static void checkViewOutlivesNothing(CreateView view, DuckDbExpressionDeParser expressions) {
        String name = view.getView().getFullyQualifiedName().replace("\"", "");
        if (!expressions.variablesRead().isEmpty()) {
            throw new Untranslatable("view " + name + " reads a script variable declared before it ("
                    + String.join(", ", new TreeSet<>(expressions.variablesRead()))
                    + "): a view is evaluated when it is queried, when the variable is gone",
                    "create a table instead, or write the value into the view's query");
        }
        if (!expressions.userFunctionsCalled().isEmpty()) {
            throw new Untranslatable("view " + name + " calls a temporary function ("
                    + String.join(", ", new TreeSet<>(expressions.userFunctionsCalled())).toLowerCase(Locale.ROOT)
                    + "): a view is evaluated when it is queried, when the function is gone",
                    "create a table instead, or write the function's expression into the view's query");
        }
    }

    /**
     * BigQuery reads a column before a variable of the same name. Which columns the tables hold is
     * not known here, but the columns the statement names itself are: a name that is both one of
     * them and a variable the statement reads may mean the column, so it is an error, not a guess.
     */
    private static void checkNoColumnIsAlsoAVariable(DuckDbExpressionDeParser expressions, DuckDbSelectDeParser selects) {
        for (String name : expressions.variablesRead()) {
            if (selects.columnAliases().contains(name)) {
                throw new Untranslatable(name + " is both a script variable and a column this statement names (AS " + name
                        + "), and BigQuery would read the column where it is in scope",
                        "rename the variable or the column; qualify a column (t." + name + ") to read it");
            }
        }
    }

    /** The columns an UPDATE or MERGE writes: never a variable, even when one has their name. */
    private static List<Column> assignedColumns(Statement statement) {
        List<Column> columns = new ArrayList<>();
        List<UpdateSet> sets = new ArrayList<>();
        if (statement instanceof Update update && update.getUpdateSets() != null) sets.addAll(update.getUpdateSets());
        if (statement instanceof Merge merge && merge.getOperations() != null) {
            for (MergeOperation operation : merge.getOperations()) {
                if (operation instanceof MergeUpdate u && u.getUpdateSets() != null) sets.addAll(u.getUpdateSets());
                if (operation instanceof MergeInsert i && i.getColumns() != null) columns.addAll(i.getColumns());
            }
        }
        for (UpdateSet set : sets) {
            if (set.getColumns() != null) columns.addAll(set.getColumns());
        }
        return columns;
    }

    /**
     * Drops the ORDER BY of a view's query unless a LIMIT, OFFSET or FETCH makes it choose rows. A
     * view is a relation, whose rows have no order (SQL's rule; Spark, Trino and Hive drop such
     * sorts too); DuckDB would sort every time the view is read, for a join or an aggregate that
     * ignores the order. The order still holds where it is seen: a unit test runs the model's query itself.
     */
    private static void unordered(Select select) {
        if (select.getLimit() == null && select.getOffset() == null && select.getFetch() == null) select.setOrderByElements(null);
    }

    private static void printView(CreateView view, DuckDbSelectDeParser selects, StringBuilder sb) {
        if (view.isMaterialized()) {
            throw new Untranslatable("CREATE MATERIALIZED VIEW", "DuckDB has no materialized views; create a table instead");
        }
        sb.append(view.isOrReplace() ? "CREATE OR REPLACE VIEW " : "CREATE VIEW ");
        if (view.isIfNotExists()) sb.append("IF NOT EXISTS ");
        sb.append(view.getView());
        if (view.getColumnNames() != null && !view.getColumnNames().isEmpty()) {
            sb.append(" (").append(view.getColumnNames()).append(')');
        }
        sb.append(" AS ");
        view.getSelect().accept((SelectVisitor<StringBuilder>) selects, null);
    }

    private String translateExpression(String expression, Set<String> userFunctions,
                                       GoogleSqlLexer.LexedStatement statement, SourceLocation location, ScriptScope scope) {
        Statement parsed = parse("SELECT " + expression, statement, location);
        if (!(parsed instanceof PlainSelect select) || select.getSelectItems().size() != 1) {
            throw new Untranslatable("function body is not a single expression", "write the body as AS (expression)");
        }
        Set<String> rangeNames = mapNames(parsed);
        StringBuilder sb = new StringBuilder();
        DuckDbExpressionDeParser expressions = new DuckDbExpressionDeParser(FunctionCatalog.DEFAULT, userFunctions, scope);
        expressions.rangeNames(rangeNames);
        DuckDbSelectDeParser selects = new DuckDbSelectDeParser(expressions, sb);
        expressions.setSelectVisitor(selects);
        expressions.setBuilder(sb);
        select.getSelectItems().get(0).getExpression().accept(expressions, null);
        checkNoColumnIsAlsoAVariable(expressions, selects);
        return sb.toString();
    }

    /** A BETWEEN whose lower bound is a call with an INTERVAL in a nested call (README: a known JSqlParser limit). */
    private static final Pattern BETWEEN_INTERVAL = Pattern.compile("(?is)\\bBETWEEN\\s+\\w+\\s*\\([^;]*?\\(\\s*[^;]*?\\bINTERVAL\\b");

    static Statement parse(String sql, GoogleSqlLexer.LexedStatement statement, SourceLocation location) {
        // before parsing: JSqlParser reads SELECT BIGNUMERIC '1.5' as a column BIGNUMERIC aliased '1.5'
        refuseBigNumericLiteral(sql, statement, location);
        try {
            return CCJSqlParserUtil.parse(sql, p -> p.withAllowComplexParsing(true));
        } catch (JSQLParserException e) {
            // forms JSqlParser cannot read, written as others that mean the same (BETWEEN, STRUCT fields, named windows,
            // fields of calls)
            String rewritten = sql;
            for (UnaryOperator<String> rewrite : List.<UnaryOperator<String>>of(BetweenRewrite::rewrite, StructRewrite::rewrite,
                    NamedWindowRewrite::rewrite, FieldAccessRewrite::rewrite)) {
                String next = rewrite.apply(rewritten);
                if (next == null) continue;
                rewritten = next;
                try {
                    return CCJSqlParserUtil.parse(rewritten, p -> p.withAllowComplexParsing(true));
                } catch (JSQLParserException stillNot) {
                    // the first error is about the statement as written
                }
            }
            int line = 0;
            int column = 0;
            String near = "";
            Throwable cause = e;
            while (cause != null && !(cause instanceof ParseException)) cause = cause.getCause();
            if (cause instanceof ParseException pe && pe.currentToken != null) {
                Token t = pe.currentToken.next != null ? pe.currentToken.next : pe.currentToken;
                line = t.beginLine;
                column = t.beginColumn;
                near = t.image == null || t.image.isEmpty() ? " at the end of the statement" : " near \"" + GoogleSqlLexer.asWritten(t.image) + "\"";
            }
            // the parser cannot tell a typo from GoogleSQL it does not know: say both
            String hint = "check the SQL just before that point (a missing comma, parenthesis or expression); if it is valid GoogleSQL,"
                    + " rewrite it with more common syntax";
            int doubled = EmptyListItem.secondComma(sql);
            if (doubled >= 0) {
                // no GoogleSQL list has an empty item, and the parser backs off to the start of the call or list
                line = (int) sql.substring(0, doubled).chars().filter(c -> c == '\n').count() + 1;
                column = doubled - sql.lastIndexOf('\n', doubled - 1);
                near = " near \",\"";
                hint = "two commas with nothing between them: remove one, or write the missing expression";
            }
            int sourceLine = line > 0 ? statement.line() + line - 1 : statement.line();
            if (near.equals(" near \"AND\"") && BETWEEN_INTERVAL.matcher(sql).find()) {
                hint = "JSqlParser cannot read an INTERVAL inside a nested call in the lower bound of BETWEEN: write x >= ... AND x <= ...";
            }
            throw new PorygonException(at(location, sourceLine, column),
                    "cannot parse this statement" + near + ": a syntax error, or GoogleSQL that Porygon's translator does not support", hint, e);
        }
    }

    /** A BIGNUMERIC literal, {@code BIGNUMERIC '1.5'} (or BIGDECIMAL), in the lexed text: string literals are single-quoted. */
    private static final Pattern BIGNUMERIC_LITERAL = Pattern.compile("(?i)(?<![\\w.\"])(BIGNUMERIC|BIGDECIMAL)\\s*'");

    /**
     * JSqlParser reads no BIGNUMERIC literal: a statement with one fails to parse, the error pointing elsewhere, or,
     * in a select list, parses as the column {@code BIGNUMERIC} aliased {@code '1.5'} (a silent wrong result). So the
     * lexed text is searched before parsing, and the literal refused at its line and column as
     * {@code CAST('1.5' AS BIGNUMERIC)} is, no DuckDB type holding its 76 digits.
     */
    private static void refuseBigNumericLiteral(String sql, GoogleSqlLexer.LexedStatement statement, SourceLocation location) {
        Matcher literal = BIGNUMERIC_LITERAL.matcher(sql);
        if (!literal.find()) return; // nearly always: no need to find the quoted text then
        boolean[] quoted = LexedText.quotedIndexes(sql);
        for (boolean found = true; found; found = literal.find()) {
            if (quoted[literal.start()]) continue;
            String value = sql.substring(literal.end() - 1, LexedText.endOfQuoted(sql, literal.end() - 1) + 1);
            Untranslatable refusal = TypeNames.bigNumericLiteral(literal.group(1).toUpperCase(Locale.ROOT), value);
            int[] lineAndColumn = lineAndColumn(sql, literal.start());
            throw new PorygonException(at(location, statement.line() + lineAndColumn[0], lineAndColumn[1]), refusal.getMessage(), refusal.hint());
        }
    }

    /** A construct {@code NAME/N}: a call of NAME with N arguments. */
    private static final Pattern CALL_WITH_ARGUMENTS = Pattern.compile("(\\w+)/(\\d+)");

    /**
     * Line offset (0-based) and column (1-based, 0 if unknown) of the first call of {@code construct}
     * in the statement ({@code NAME/N}: the first with N arguments, else the first), or of the pipe
     * operator when it starts with {@code |>}; the lexed text keeps the source's line breaks.
     */
    static int[] locate(String text, String construct) {
        if (construct == null) return new int[] {0, 0};
        Matcher call = CALL_WITH_ARGUMENTS.matcher(construct);
        if (call.matches()) {
            Matcher found = Pattern.compile("(?<![\\w])" + Pattern.quote(call.group(1)) + " *\\(", Pattern.CASE_INSENSITIVE).matcher(text);
            while (found.find()) {
                if (arguments(text, found.end()) == Integer.parseInt(call.group(2))) return lineAndColumn(text, found.start());
            }
            return locate(text, call.group(1));
        }
        boolean pipe = construct.startsWith("|>");
        // a phrase (SELECT AS VALUE) is found as written, across any spaces; a name where it is called
        boolean phrase = !pipe && construct.strip().contains(" ");
        String word = phrase ? String.join("\\s+", java.util.Arrays.stream(construct.strip().split("\\s+")).map(Pattern::quote).toList())
                : Pattern.quote(pipe ? construct.substring(2).strip() : construct);
        String regex = pipe ? "\\|>\\s*" + word + "\\b" : phrase ? "(?<![\\w])" + word + "\\b" : "(?<![\\w])" + word + " *\\(";
        Matcher found = Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(text);
        // a name that is not called anywhere (INFORMATION_SCHEMA): where it is written
        if (!found.find() && !(phrase || pipe || (found = Pattern.compile("(?<![\\w])" + word + "\\b", Pattern.CASE_INSENSITIVE)
                .matcher(text)).find())) {
            return new int[] {0, 0};
        }
        return lineAndColumn(text, found.start());
    }

    private static int[] lineAndColumn(String text, int at) {
        int line = 0;
        int lineStart = 0;
        for (int k = 0; k < at; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new int[] {line, at - lineStart + 1};
    }

    /** How many arguments the call whose parenthesis opens before {@code from} has (quotes and nesting aside). */
    private static int arguments(String text, int from) {
        int depth = 0;
        int commas = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = LexedText.endOfQuoted(text, i);
            } else if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth-- == 0) {
                return commas == 0 && text.substring(from, i).isBlank() ? 0 : commas + 1;
            } else if (c == ',' && depth == 0) {
                commas++;
            }
        }
        return -1;
    }

    /**
     * {@code location.line()} is the file line of the SQL's first non-blank line (Action.sqlStartLine; a
     * comment counts, as in Dataform), not of the blank lines before it; shift it so that text line N
     * of the SQL maps to its file line.
     */
    static SourceLocation relativeToFirstLine(SourceLocation location, String googleSql) {
        if (location == null || location.line() <= 0 || googleSql.isBlank()) return location;
        int firstNonBlank = 0;
        while (Character.isWhitespace(googleSql.charAt(firstNonBlank))) firstNonBlank++;
        int blankLines = LexedText.lineBreaks(googleSql, firstNonBlank);
        return new SourceLocation(location.file(), location.line() - blankLines, location.column());
    }

    private static SourceLocation at(SourceLocation location, int statementLine, int column) {
        if (location == null) return new SourceLocation("<sql>", statementLine, column);
        int base = Math.max(location.line(), 1) - 1;
        return new SourceLocation(location.file(), base + statementLine, column);
    }

    /**
     * Renames qualified tables through {@link #tableNames} and BigQuery column types to DuckDB's.
     *
     * @return the names the statement's rows are known by (tables, their aliases, subquery and UNNEST
     *     aliases, CTEs), lower-cased, or null when the statement could not be walked completely
     */
    private Set<String> mapNames(Statement statement) {
        Set<String> rangeNames = new HashSet<>();
        Set<Table> mapped = Collections.newSetFromMap(new IdentityHashMap<>()); // a table may be visited twice
        TablesNamesFinder<Void> finder = new TablesNamesFinder<>() {
            @Override
            public <S> Void visit(Table table, S context) {
                rangeName(rangeNames, unquote(table.getName()), table.getAlias());
                mapTable(table, mapped);
                return null;
            }

            @Override
            public <S> Void visit(PlainSelect select, S context) {
                ArrayPaths.unnest(select); // FROM t AS e, e.items: an array, not a table
                return super.visit(select, context);
            }

            @Override
            public <S> Void visit(net.sf.jsqlparser.expression.Function function, S context) {
                NullHandlingPlacement.fix(function);
                return super.visit(function, context);
            }

            @Override
            public <S> Void visit(ParenthesedSelect select, S context) {
                rangeName(rangeNames, null, select.getAlias());
                return super.visit(select, context);
            }

            @Override
            public <S> Void visit(ParenthesedFromItem item, S context) {
                rangeName(rangeNames, null, item.getAlias());
                return super.visit(item, context);
            }

            @Override
            public <S> Void visit(LateralSubSelect select, S context) {
                rangeName(rangeNames, null, select.getAlias());
                return super.visit(select, context);
            }

            @Override
            public <S> Void visit(TableFunction function, S context) {
                // UNNEST(...) AS e [WITH OFFSET AS o]: both names travel in one alias (GoogleSqlLexer)
                if (function.getAlias() != null) {
                    for (String name : DuckDbSelectDeParser.unnestNames(function.getAlias().getName())) rangeNames.add(ScriptScope.normalize(name));
                }
                return super.visit(function, context);
            }

            @Override
            public <S> Void visit(WithItem<?> with, S context) {
                rangeName(rangeNames, null, with.getAlias());
                return super.visit(with, context);
            }

            @Override
            public <S> Void visit(FromQuery query, S context) {
                PipeQueryPrinter.walk(query, item -> item.accept((FromItemVisitor<Void>) this, context),
                        expression -> expression.accept((ExpressionVisitor<Void>) this, context));
                return null;
            }

            /**
             * The finder reads a frame's BETWEEN bounds without checking for them, so the shorthand
             * {@code ROWS 1 PRECEDING} (one bound, no range) crashed it. A frame bound is a constant
             * in GoogleSQL, never a table reference: the frame is hidden while the finder walks the call.
             */
            @Override
            public <S> Void visit(AnalyticExpression analytic, S context) {
                if ((analytic.getFuncOrderBy() != null && !analytic.getFuncOrderBy().isEmpty()) || analytic.getLimit() != null) {
                    throw new Untranslatable(analytic.getName() + "(... ORDER BY|LIMIT ...) OVER (...): BigQuery takes no ORDER BY or LIMIT"
                            + " inside a window function's call", "order the window in its OVER clause, or aggregate with GROUP BY to use"
                            + " ORDER BY and LIMIT", analytic.getName());
                }
                NullHandlingPlacement.fix(analytic);
                WindowElement frame = analytic.getWindowElement();
                if (frame == null || frame.getRange() != null) return super.visit(analytic, context);
                analytic.setWindowElement(null);
                try {
                    return super.visit(analytic, context);
                } finally {
                    analytic.setWindowElement(frame);
                }
            }
        };
        boolean complete = true;
        try {
            finder.getTablesOrOtherSources(statement);
        } catch (UnsupportedOperationException ignored) {
            // statements the finder does not walk: their target table is mapped below
            complete = false;
        }
        if (statement instanceof CreateTable create) {
            mapTable(create.getTable(), mapped);
            dropStorageOptions(create);
            if (create.getColumnDefinitions() != null && create.getSelect() != null) castQueryToColumns(create);
            if (create.getLikeTable() != null) {
                // CREATE TABLE t LIKE s: DuckDB has no LIKE; the empty result of a query gives the same columns
                mapTable(create.getLikeTable(), mapped);
                PlainSelect empty = new PlainSelect();
                empty.addSelectItem(new AllColumns());
                empty.setFromItem(create.getLikeTable());
                empty.setLimit(new Limit().withRowCount(new LongValue(0)));
                create.setLikeTable(null, false);
                create.setSelect(empty, false);
            }
            if (create.getColumnDefinitions() != null) {
                for (ColumnDefinition c : create.getColumnDefinitions()) {
                    mapType(c.getColDataType());
                    c.setColumnSpecs(emptyArrayByDefault(c.getColDataType(), c.getColumnSpecs()));
                }
            }
        } else if (statement instanceof Alter alter) {
            mapTable(alter.getTable(), mapped);
            for (AlterExpression e : alter.getAlterExpressions()) {
                if (e.getColDataTypeList() != null) {
                    for (AlterExpression.ColumnDataType c : e.getColDataTypeList()) {
                        if (c.getColDataType() != null) mapType(c.getColDataType()); // none in ALTER COLUMN c DROP NOT NULL
                        c.setColumnSpecs(withoutOptions(c.getColumnSpecs()));
                        if (e.getOperation() == AlterOperation.ADD && c.getColDataType() != null) {
                            c.setColumnSpecs(emptyArrayByDefault(c.getColDataType(), c.getColumnSpecs()));
                        }
                    }
                }
            }
        } else if (statement instanceof CreateView view) {
            mapTable(view.getView(), mapped);
        } else if (statement instanceof Delete delete) {
            mapTable(delete.getTable(), mapped);
            delete.setHasFrom(true);
        }
        return complete ? rangeNames : null;
    }

    private static void rangeName(Set<String> names, String name, Alias alias) {
        if (name != null) names.add(ScriptScope.normalize(name));
        if (alias != null && alias.getName() != null) names.add(ScriptScope.normalize(alias.getName()));
    }

    /**
     * {@code CREATE TABLE t (x INT64, ...) AS SELECT ...}: BigQuery gives the query's columns, by position, the
     * list's names and types. DuckDB takes no list beside a query, so the table reads the query through one that
     * renames its columns and casts them to the list's types (the list's NOT NULL and DEFAULT are not kept).
     */
    private static void castQueryToColumns(CreateTable create) {
        PlainSelect typed = new PlainSelect();
        Alias renamed = new Alias("porygon_columns");
        PlainSelect noRow = new PlainSelect().withWhere(new BooleanValue(false));
        for (ColumnDefinition c : create.getColumnDefinitions()) {
            renamed.addAliasColumns(c.getColumnName());
            CastExpression cast = new CastExpression();
            cast.setLeftExpression(new Column(c.getColumnName()));
            cast.setColDataType(c.getColDataType());
            typed.addSelectItem(cast, new Alias(c.getColumnName()));
            noRow.addSelectItem(new NullValue());
        }
        // BigQuery refuses a query of more or fewer columns than the list; DuckDB's renaming would drop the extra
        // ones, its UNION with a row of the list's width refuses them
        SetOperationList query = new SetOperationList().withSelects(List.of(new ParenthesedSelect().withSelect(create.getSelect()), noRow))
                .withOperations(List.of(new UnionOp().withAll(true)));
        typed.setFromItem(new ParenthesedSelect().withSelect(query).withAlias(renamed));
        create.setColumnDefinitions(null);
        create.setSelect(typed, false);
    }

    /**
     * PARTITION BY, CLUSTER BY and OPTIONS(...) only shape BigQuery's storage and metadata; they do
     * not change a query's result, so DuckDB's table goes without them. Anything else is an error.
     */
    private static void dropStorageOptions(CreateTable create) {
        List<String> options = create.getTableOptionsStrings();
        if (options == null || options.isEmpty()) return;
        String first = options.get(0).toUpperCase(Locale.ROOT);
        if (!(first.equals("PARTITION") || first.equals("CLUSTER") || first.equals("OPTIONS"))) {
            throw new Untranslatable("table options " + String.join(" ", options), "leave engine-specific table options out");
        }
        create.setTableOptionsStrings(null);
    }

    /**
     * A column's DEFAULT is BigQuery's expression ({@code CURRENT_TIMESTAMP()}, {@code GENERATE_UUID()}), which
     * JSqlParser keeps as words: it is translated as any expression is, or DuckDB would fail on BigQuery's
     * functions (or run its own same-named ones). In CREATE TABLE, ADD COLUMN and ALTER COLUMN SET DEFAULT.
     */
    private static void translateColumnDefaults(Statement statement, UnaryOperator<String> translate) {
        if (statement instanceof CreateTable create && create.getColumnDefinitions() != null) {
            for (ColumnDefinition c : create.getColumnDefinitions()) {
                c.setColumnSpecs(withDefaultTranslated(c.getColumnSpecs(), translate));
            }
        } else if (statement instanceof Alter alter) {
            for (AlterExpression e : alter.getAlterExpressions()) {
                if (e.getColDataTypeList() != null) {
                    for (AlterExpression.ColumnDataType c : e.getColDataTypeList()) {
                        c.setColumnSpecs(withDefaultTranslated(c.getColumnSpecs(), translate));
                    }
                }
                if (e.getColumnSetDefaultList() != null) {
                    e.getColumnSetDefaultList().replaceAll(d -> new AlterExpression.ColumnSetDefault(d.getColumnName(),
                            translate.apply(d.getDefaultValue())));
                }
            }
        }
    }

    /** Words of a column definition that end its DEFAULT expression. */
    private static final Set<String> AFTER_DEFAULT = Set.of("NOT", "NULL", "PRIMARY", "REFERENCES", "OPTIONS", "COLLATE");

    /** The specs with the expression after DEFAULT (its first word, and the words up to the next clause) translated. */
    private static List<String> withDefaultTranslated(List<String> specs, UnaryOperator<String> translate) {
        if (specs == null) return null;
        int at = 0;
        while (at < specs.size() && !specs.get(at).equalsIgnoreCase("DEFAULT")) at++;
        if (at + 1 >= specs.size()) return specs;
        int end = at + 2; // the first word is the expression's, even NULL
        while (end < specs.size() && !AFTER_DEFAULT.contains(specs.get(end).toUpperCase(Locale.ROOT))) end++;
        List<String> out = new ArrayList<>(specs.subList(0, at + 1));
        out.add(translate.apply(String.join(" ", specs.subList(at + 1, end))));
        out.addAll(specs.subList(end, specs.size()));
        return out;
    }

    /**
     * BigQuery stores an array column an INSERT leaves out as {@code []} (a table holds no NULL array); DuckDB
     * would store NULL, and a later {@code ARRAY_CONCAT(col, ...)} would stay NULL. For CREATE TABLE and ADD COLUMN.
     */
    private static List<String> emptyArrayByDefault(ColDataType type, List<String> columnSpecs) {
        List<String> specs = columnSpecs == null ? new ArrayList<>() : new ArrayList<>(columnSpecs);
        boolean hasDefault = specs.stream().anyMatch(s -> s.equalsIgnoreCase("DEFAULT"));
        if (!type.getDataType().endsWith("[]") || hasDefault) return columnSpecs;
        specs.add("DEFAULT");
        specs.add("[]");
        return specs;
    }

    /** A column definition's specs without {@code OPTIONS (...)}: BigQuery metadata such as a description. */
    private static List<String> withoutOptions(List<String> specs) {
        if (specs == null) return null;
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).equalsIgnoreCase("OPTIONS") && i + 1 < specs.size() && specs.get(i + 1).startsWith("(")) i++;
            else if (!specs.get(i).toUpperCase(Locale.ROOT).startsWith("OPTIONS(")) kept.add(specs.get(i));
        }
        return kept;
    }

    private static void mapType(ColDataType type) {
        String duck = DuckDbExpressionDeParser.duckDbType(type);
        type.setDataType(duck);
        type.setArgumentsStringList(null);
    }

    private void mapTable(Table table, Set<Table> done) {
        if (table == null || table.getSchemaName() == null || !done.add(table)) return;
        if (InformationSchemaViews.reads(table)) {
            InformationSchemaViews.replace(table, (project, dataset) -> {
                String mapped = tableNames.apply(new Target(project, dataset, "t"));
                return SqlQuoting.unquotedIdentifier(mapped.substring(0, dotOutsideQuotes(mapped)));
            });
            return;
        }
        Target target = new Target(unquote(table.getDatabaseName()), unquote(table.getSchemaName()), unquote(table.getName()));
        String mapped = tableNames.apply(target);
        // set apart: JSqlParser splits a dotted name itself, and breaks a quoted part ("d"."a-b") doing so
        int dot = dotOutsideQuotes(mapped);
        table.setDatabaseName(null);
        table.setSchemaName(dot < 0 ? null : mapped.substring(0, dot));
        table.setName(dot < 0 ? mapped : mapped.substring(dot + 1));
    }

    /** The first '.' of a mapped name that is not inside a quoted part, or -1. */
    private static int dotOutsideQuotes(String name) {
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == '.' && !quoted) return i;
        }
        return -1;
    }

    static String unquote(String part) {
        if (part == null || part.isEmpty()) return null;
        if (part.length() >= 2 && part.charAt(0) == '"') return SqlQuoting.unquotedIdentifier(part); // "t""q" is t"q
        if (part.length() >= 2 && part.charAt(0) == '`') return part.substring(1, part.length() - 1);
        return part;
    }
}
