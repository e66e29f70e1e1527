package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JsonFunction;
import net.sf.jsqlparser.expression.JsonFunctionType;
import net.sf.jsqlparser.expression.JsonKeyValuePair;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.StructType;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TimezoneExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.UserVariable;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseLeftShift;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseRightShift;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SelectVisitor;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;

/**
 * Prints JSqlParser expressions in DuckDB's dialect, translating GoogleSQL calls through the
 * {@link FunctionCatalog} and GoogleSQL-only expression forms (typed literals, SAFE_CAST, STRUCT,
 * array subscripts, IN UNNEST, EXTRACT parts) as it goes.
 */
final class DuckDbExpressionDeParser extends ExpressionDeParser {

    /** Prefixes of BigQuery's own functions (NET.HOST, HLL_COUNT.MERGE, ...); any other prefix names a UDF's dataset. */
    private static final Set<String> BIGQUERY_NAMESPACES = Set.of("NET", "HLL_COUNT", "KLL_QUANTILES", "KEYS", "AEAD", "ML", "AI", "OBJ");

    private final FunctionCatalog catalog;
    private final Set<String> userFunctions;
    private final ScriptScope variables;
    private final Set<String> variablesRead = new HashSet<>();
    /** Columns a statement assigns (UPDATE SET c = ..., MERGE's INSERT (c)): columns whatever their name. */
    private final Set<Column> assignedColumns = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Names the statement's rows go by (tables, aliases, CTEs), lower-cased; null when unknown. */
    private Set<String> rangeNames;
    /** Parameters of the lambdas being printed, lower-cased, once per enclosing lambda: they hide variables. */
    private final List<String> lambdaParameters = new ArrayList<>();
    private final Set<String> userFunctionsCalled = new HashSet<>();
    private final CastPrinter casts = new CastPrinter(this);
    private final SubscriptPrinter subscripts;
    /**
     * Whether a PIVOT's aggregates are being printed: DuckDB's PIVOT replaces an aggregate's FILTER clause
     * with its own, so IGNORE NULLS must not be a FILTER there.
     */
    boolean pivotAggregates;

    /** @param variables the script variables an unqualified name may read (see {@link #isVariable}) */
    DuckDbExpressionDeParser(FunctionCatalog catalog, Set<String> userFunctions, ScriptScope variables) {
        this.catalog = catalog;
        this.userFunctions = userFunctions;
        this.variables = variables;
        this.subscripts = new SubscriptPrinter(this, userFunctions);
    }

    StringBuilder out() {
        return getBuilder();
    }

    void print(Expression e) {
        e.accept(this, null);
    }

    /** Prints a call argument, in parentheses unless it is atomic, so templates keep its precedence. */
    void printArgument(Expression e) {
        boolean atomic = e instanceof Column || e instanceof Function || e instanceof CastExpression
                || e instanceof StringValue || e instanceof LongValue
                || e instanceof DoubleValue || e instanceof NullValue
                || e instanceof BooleanValue || e instanceof Parenthesis
                || e instanceof ParenthesedExpressionList
                || e instanceof TimeKeyExpression || e instanceof ArrayConstructor || e instanceof StructType
                || e instanceof ParenthesedSelect || e instanceof IntervalExpression
                || e instanceof ExtractExpression || e instanceof AnalyticExpression;
        if (atomic) {
            print(e);
        } else {
            out().append('(');
            print(e);
            out().append(')');
        }
    }

    // ---- run-time errors ------------------------------------------------------------------

    /** The lambda parameter that holds operands bound once (see {@link #once}). */
    private static final String ONCE = "porygon_once";
    private static final Pattern ERROR_CALL = Pattern.compile("\\berror\\(", Pattern.CASE_INSENSITIVE);
    /** error('message') as the catalog's templates print it, to be replaced under SAFE. */
    private static final Pattern OWN_ERROR = Pattern.compile("\\berror\\('(?:[^']|'')*'\\)");

    /** A translated operand and whether printing it twice still means one value. */
    record Operand(String sql, boolean repeatable) {}

    /** Whether printing {@code e} twice still means one value (see {@link RepeatableExpression}). */
    boolean repeatable(Expression e) {
        return RepeatableExpression.test(e, userFunctions);
    }

    Operand operand(Expression e) {
        return new Operand(printed(() -> printArgument(e)), RepeatableExpression.test(e, userFunctions));
    }

    /**
     * Prints {@code body} over the operands, which it may use several times (a test, then the value).
     * Repeatable operands are printed in place: DuckDB evaluates a CASE branch only for the rows that
     * take it and shares common subexpressions, so this costs about nothing. Others (a subquery, RAND(),
     * a user function) are bound once, as the one element of a list a lambda reads: correct, but a
     * division so bound took about 10 times as long as a plain one on DuckDB 1.4 (the CASE form 1.2
     * times), so only where it matters.
     */
    void once(List<Operand> operands, java.util.function.Function<List<String>, String> body) {
        if (operands.stream().allMatch(Operand::repeatable)) {
            out().append(body.apply(operands.stream().map(Operand::sql).toList()));
            return;
        }
        out().append("list_transform([");
        List<String> refs = new ArrayList<>();
        if (operands.size() == 1) {
            out().append(operands.get(0).sql());
            refs.add(ONCE);
        } else {
            out().append('{');
            for (int i = 0; i < operands.size(); i++) {
                if (i > 0) out().append(", ");
                out().append("'o").append(i).append("': ").append(operands.get(i).sql());
                refs.add(ONCE + ".o" + i);
            }
            out().append('}');
        }
        out().append("], ").append(ONCE).append(" -> ").append(body.apply(refs)).append(")[1]");
    }

    /** A string literal for DuckDB's error(): the GoogleSQL text on one line, shortened. */
    static String errorMessage(String problem, String googleSql) {
        String text = googleSql == null ? "" : googleSql.strip().replaceAll("\\s+", " ");
        if (text.length() > 80) text = text.substring(0, 77) + "...";
        String message = text.isEmpty() ? problem : problem + ": " + text;
        // no double quotes: the runner would read a quoted word as the name to locate
        return "'" + message.replace("'", "''").replace('"', '`') + "'";
    }

    /**
     * {@code n / d}, {@code MOD} and {@code DIV}: BigQuery raises "division by zero" where DuckDB gives
     * Infinity or NULL. NULL operands give NULL, as in BigQuery; a non-zero literal divisor needs no test.
     */
    private void divide(Expression n, Expression d, String operator, String googleSql, boolean parenthesize) {
        if (isNonZeroLiteral(d)) {
            if (parenthesize) out().append('(');
            printArgument(n);
            out().append(' ').append(operator).append(' ');
            printArgument(d);
            if (parenthesize) out().append(')');
            return;
        }
        boolean nullable = !(n instanceof LongValue || n instanceof DoubleValue);
        String message = errorMessage("division by zero", googleSql);
        once(List.of(operand(n), operand(d)), o -> "CASE WHEN " + o.get(1) + " = 0"
                + (nullable ? " AND " + o.get(0) + " IS NOT NULL" : "") + " THEN error(" + message + ") ELSE "
                + o.get(0) + " " + operator + " " + o.get(1) + " END");
    }

    private static boolean isNonZeroLiteral(Expression e) {
        Expression x = e instanceof SignedExpression s ? s.getExpression() : e;
        if (x instanceof LongValue l) return !l.getStringValue().matches("0+");
        if (x instanceof DoubleValue v) return v.getValue() != 0;
        return false;
    }

    /**
     * BigQuery's system variables: {@code @@error.message} inside an exception handler reads the variable the
     * runner sets to the caught error; the others have no DuckDB counterpart.
     */
    @Override
    public <S> StringBuilder visit(UserVariable variable, S context) {
        String name = variable.getName().toLowerCase(Locale.ROOT);
        if (!variable.isDoubleAdd()) throw new Untranslatable("@" + variable.getName() + " is not GoogleSQL", "declare a script variable with DECLARE");
        if (!name.equals("error.message")) {
            throw new Untranslatable("the system variable @@" + variable.getName() + " is not translated to DuckDB",
                    "of BigQuery's system variables only @@error.message (in an exception handler) is", "@@" + variable.getName());
        }
        if (!variables.declares(ScriptVariables.ERROR_MESSAGE)) {
            throw new Untranslatable("@@error.message is read outside an exception handler",
                    "read it between EXCEPTION WHEN ERROR THEN and END, where it holds the caught error's message", "@@error");
        }
        out().append(ScriptVariables.read(ScriptVariables.ERROR_MESSAGE));
        return out();
    }

    @Override
    public <S> StringBuilder visit(Division division, S context) {
        divide(division.getLeftExpression(), division.getRightExpression(), "/", division.toString(), false);
        return out();
    }

    /**
     * DuckDB refuses error() inside TRY() ("TRY can not be used in combination with a volatile
     * function"), and BigQuery's SAFE. covers the errors of the function, not those of its arguments:
     * arguments whose translation may raise are evaluated outside TRY, bound once.
     */
    private void withRaisingArgumentsBound(Function function, Runnable print) {
        List<Expression> args = arguments(function);
        List<Integer> raising = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Expression a = args.get(i);
            if (!(a instanceof LambdaExpression) && ERROR_CALL.matcher(printed(() -> printArgument(a))).find()) raising.add(i);
        }
        if (raising.isEmpty()) {
            print.run();
            return;
        }
        List<Operand> operands = raising.stream().map(i -> new Operand(printed(() -> printArgument(args.get(i))), false)).toList();
        List<Expression> originals = new ArrayList<>(args);
        once(operands, refs -> printed(() -> {
            for (int k = 0; k < raising.size(); k++) args.set(raising.get(k), new Column(refs.get(k)));
            try {
                print.run();
            } finally {
                for (int k = 0; k < raising.size(); k++) args.set(raising.get(k), originals.get(raising.get(k)));
            }
        }));
    }

    // ---- function calls ------------------------------------------------------------------

    @Override
    public <S> StringBuilder visit(Function function, S context) {
        if (!inlinedAliases.isEmpty() && FunctionCatalog.AGGREGATES.contains(function.getName().toUpperCase(Locale.ROOT))) {
            // HAVING SUM(x) > 0 with an alias x: inside an aggregate, x is the FROM clause's column
            List<StringBuilder> printed = new ArrayList<>(1);
            inliningAliases(Map.of(), () -> printed.add(visit(function, context)));
            return printed.get(0);
        }
        return StructCoercion.printCall(function, this, () -> printFunction(function, context));
    }

    // CASE's results coerce to the first one's struct type by position (StructCoercion)
    @Override
    public <S> StringBuilder visit(CaseExpression c, S context) {
        return StructCoercion.printCase(c, this, () -> super.visit(c, context));
    }

    private <S> StringBuilder printFunction(Function function, S context) {
        List<String> parts = function.getMultipartName();
        boolean safe = parts.size() == 2 && parts.get(0).equalsIgnoreCase("SAFE");
        if (parts.size() > 1 && !safe) return userFunction(function);
        String name = parts.get(parts.size() - 1).toUpperCase(Locale.ROOT);
        if (function.getHavingClause() != null) return anyValueHaving(function, name, context);
        SqlTemplate safeForm = safe ? catalog.template("SAFE." + name, arguments(function).size()) : null;
        if (safeForm != null) {
            List<Expression> args = arguments(function);
            renderTemplate(safeForm, args);
            return out();
        }
        SqlTemplate template = catalog.template(name, arguments(function).size());
        if (safe || (template != null && template.mentions("TRY("))) {
            withRaisingArgumentsBound(function, () -> {
                if (!safe) {
                    printCall(name, function, context);
                    return;
                }
                // the function's own errors (a template's error(...), with the raising arguments bound
                // outside) are NULL under SAFE., as in BigQuery; DuckDB's TRY would refuse error()
                String call = printed(() -> printCall(name, function, context));
                out().append("TRY(").append(OWN_ERROR.matcher(call).replaceAll("NULL")).append(')');
            });
        } else {
            printCall(name, function, context);
        }
        if (function.getAttribute() != null) {
            throw new Untranslatable("field access on a function result (" + function + ")",
                    "select the function result in a subquery or CTE and access the field there");
        }
        return out();
    }

    private <S> void printCall(String name, Function function, S context) {
        List<Expression> args = arguments(function);
        if (name.equals("ARRAY") && args.size() == 1 && args.get(0) instanceof Select select) {
            out().append("ARRAY(");
            select.accept((SelectVisitor<StringBuilder>) getSelectVisitor(), context);
            out().append(')');
            return;
        }
        if (FunctionCatalog.ORDERED_AGGREGATES.contains(name)) {
            orderedAggregate(name, function, args);
            return;
        }
        if (hasAggregateClauses(function) && catalog.rename(name) == null && !ApproximateAggregates.WITH_OWN_CLAUSES.contains(name)) {
            throw new Untranslatable(name + "() with DISTINCT, ORDER BY, LIMIT or IGNORE NULLS cannot be translated",
                    "write the aggregate without these clauses");
        }
        CallRenderer special = catalog.special(name);
        if (special != null) {
            special.render(new Call(name, function, args));
            return;
        }
        SqlTemplate template = catalog.template(name, args.size());
        if (template != null) {
            renderTemplate(template, args);
            return;
        }
        String rename = catalog.rename(name);
        if (rename != null) {
            String original = function.getName();
            ExpressionList<?> parameters = function.getParameters();
            function.setName(rename);
            if (name.equals("COUNTIF") && args.size() == 1) function.setParameters(nullIfFalse(args.get(0)));
            try {
                super.visit(function, context);
            } finally {
                // a template may print this call again
                function.setName(original);
                function.setParameters(parameters);
            }
            return;
        }
        if (userFunctions.contains(name)) {
            userFunctionsCalled.add(name);
            super.visit(function, context);
            return;
        }
        if (catalog.knows(name)) {
            throw new Untranslatable(name + "() with " + args.size() + " argument(s) cannot be translated to DuckDB",
                    "check the arguments against BigQuery's function reference; Porygon supports the common forms",
                    name + "/" + args.size());
        }
        if (name.equals(StructRewrite.STRUCT_FN)) {
            printStruct(StructRewrite.structOf(function), false);
            return;
        }
        if (name.equals("STRUCT")) {
            // STRUCT(a, b) without any AS reaches the parser as a call: a struct literal all the same, whose fields
            // are named as BigQuery names them (a column's name, else _field_N)
            List<SelectItem<?>> fields = new ArrayList<>();
            for (Expression arg : args) fields.add(new SelectItem<>(arg));
            printStruct(new StructType(StructType.Dialect.BIG_QUERY, fields), false);
            return;
        }
        throw new Untranslatable("function " + name + "() is not in Porygon's GoogleSQL-to-DuckDB catalog",
                "rewrite it with supported functions or define it with CREATE TEMP FUNCTION", name);
    }

    /**
     * A template that prints an argument twice (a NULL or range test, then the value) gets each
     * argument bound once when it is not repeatable (a subquery, RAND(), a user function).
     */
    private void renderTemplate(SqlTemplate template, List<Expression> args) {
        if (!template.repeatsAnArgument()) {
            template.render(out(), args.size(), i -> printArgument(args.get(i)));
            return;
        }
        once(args.stream().map(this::operand).toList(), refs -> {
            StringBuilder sql = new StringBuilder();
            template.render(sql, refs.size(), i -> sql.append(refs.get(i)));
            return sql.toString();
        });
    }

    /** ANY_VALUE(x HAVING MAX y) is BigQuery's MAX_BY(x, y) (MIN likewise); HAVING elsewhere would pass through unread. */
    private <S> StringBuilder anyValueHaving(Function function, String name, S context) {
        Function.HavingClause having = function.getHavingClause();
        if (!name.equals("ANY_VALUE") || arguments(function).size() != 1 || function.isDistinct()) {
            throw new Untranslatable(name + "(... HAVING MAX|MIN ...) cannot be translated to DuckDB", "use ANY_VALUE(x HAVING MAX y), MAX_BY or MIN_BY", name);
        }
        // its HavingType enum is not public: read the clause's own text, "HAVING MAX y"
        boolean max = having.toString().strip().toUpperCase(Locale.ROOT).startsWith("HAVING MAX");
        Function by = new Function(max ? "MAX_BY" : "MIN_BY", arguments(function).get(0), having.getExpression());
        return visit(by, context);
    }

    private static boolean hasAggregateClauses(Function f) {
        return f.isDistinct() || (f.getOrderByElements() != null && !f.getOrderByElements().isEmpty())
                || f.getLimit() != null || f.isIgnoreNulls() || f.getNullHandling() != null;
    }

    /** A call to a persistent UDF, {@code dataset.fn(...)}: the name is kept, the arguments translated. */
    private StringBuilder userFunction(Function function) {
        List<String> parts = function.getMultipartName();
        String namespace = parts.get(0).toUpperCase(Locale.ROOT);
        if (parts.size() == 2 && BIGQUERY_NAMESPACES.contains(namespace)) {
            String name = namespace + "." + parts.get(1).toUpperCase(Locale.ROOT);
            // a namespaced function the catalog lists (NET.IP_FROM_STRING; NET.REG_DOMAIN: an error that says why)
            CallRenderer special = catalog.special(name);
            if (special != null) {
                special.render(new Call(name, function, arguments(function)));
                return out();
            }
            SqlTemplate template = catalog.template(name, arguments(function).size());
            if (template != null) {
                renderTemplate(template, arguments(function));
                return out();
            }
            throw new Untranslatable("function " + name + "() is not in Porygon's GoogleSQL-to-DuckDB catalog",
                    "rewrite it with supported functions or define it with CREATE TEMP FUNCTION", parts.get(1));
        }
        out().append(String.join(".", parts)).append('(');
        List<Expression> args = arguments(function);
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) out().append(", ");
            print(args.get(i));
        }
        return out().append(')');
    }

    private static List<Expression> arguments(Function f) {
        ExpressionList<?> params = f.getParameters();
        if (params == null) return List.of();
        @SuppressWarnings("unchecked")
        List<Expression> list = (List<Expression>) params;
        return list;
    }

    /** ARRAY_AGG / STRING_AGG with DISTINCT, ORDER BY, LIMIT and IGNORE NULLS. */
    private void orderedAggregate(String name, Function f, List<Expression> args) {
        if (name.equals("ARRAY_CONCAT_AGG")) {
            // NULL input arrays are skipped; LIMIT counts arrays, not elements
            if (args.size() != 1 || f.isDistinct()) {
                throw new Untranslatable("ARRAY_CONCAT_AGG() with these arguments", "pass one array expression");
            }
            out().append("flatten(");
            if (f.getLimit() != null) out().append('(');
            out().append("array_agg(");
            if (pivotAggregates) {
                throw new Untranslatable("ARRAY_CONCAT_AGG() in PIVOT", "aggregate with GROUP BY and ARRAY_CONCAT_AGG(IF(column = value, x, NULL))");
            }
            print(args.get(0));
            orderBy(f.getOrderByElements());
            out().append(") FILTER (WHERE ");
            print(args.get(0));
            out().append(" IS NOT NULL)");
            if (f.getLimit() != null) {
                out().append(")[1:");
                print(f.getLimit().getRowCount());
                out().append(']');
            }
            out().append(')');
            return;
        }
        boolean array = name.equals("ARRAY_AGG");
        if (args.isEmpty() || args.size() > (array ? 1 : 2)) {
            throw new Untranslatable(name + "() with " + args.size() + " arguments", "check the call against BigQuery's reference");
        }
        boolean limited = f.getLimit() != null;
        boolean ignoreNulls = f.isIgnoreNulls() || f.getNullHandling() == Function.NullHandling.IGNORE_NULLS || !array;
        // in a PIVOT the NULLs are left out by aggregating one-element lists (none for a NULL) instead of a
        // FILTER, which DuckDB's PIVOT would replace; no element left gives NULL, as the FILTER does
        boolean listed = pivotAggregates && ignoreNulls && (array || limited);
        if (listed && f.isDistinct() && f.getOrderByElements() != null && !f.getOrderByElements().isEmpty()) {
            throw new Untranslatable(name + "(DISTINCT ... ORDER BY) IGNORE NULLS in PIVOT",
                    "aggregate with GROUP BY and " + name + "(IF(column = value, x, NULL) ...)");
        }
        if (limited && !array) out().append("array_to_string(");
        if (limited) out().append('(');
        if (listed) out().append("nullif(flatten(");
        out().append(array || limited ? "array_agg(" : "string_agg(");
        if (f.isDistinct()) out().append("DISTINCT ");
        if (listed) {
            out().append("CASE WHEN ");
            printArgument(args.get(0));
            out().append(" IS NULL THEN [] ELSE [");
            print(args.get(0));
            out().append("] END");
        } else {
            print(args.get(0));
        }
        if (!array && !limited && args.size() == 2) {
            out().append(", ");
            print(args.get(1));
        }
        orderBy(f.getOrderByElements());
        out().append(')');
        if (listed) out().append("), [])");
        if (ignoreNulls && (array || limited) && !listed) {
            out().append(" FILTER (WHERE ");
            print(args.get(0));
            out().append(" IS NOT NULL)");
        }
        if (limited) {
            out().append(")[1:");
            print(f.getLimit().getRowCount());
            out().append(']');
            if (!array) {
                out().append(", ");
                if (args.size() == 2) print(args.get(1));
                else out().append("','");
                out().append(')');
            }
        }
    }

    private void orderBy(List<OrderByElement> elements) {
        if (elements == null || elements.isEmpty()) return;
        out().append(" ORDER BY ");
        for (int i = 0; i < elements.size(); i++) {
            OrderByElement e = elements.get(i);
            if (i > 0) out().append(", ");
            print(e.getExpression());
            if (e.isAscDescPresent()) out().append(e.isAsc() ? " ASC" : " DESC");
            if (e.getNullOrdering() != null) {
                out().append(e.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST ? " NULLS FIRST" : " NULLS LAST");
            }
        }
    }

    /**
     * COUNTIF(x) is count(NULLIF(x, FALSE)): DuckDB's count_if gives NULL, not 0, when no row or
     * only NULLs are counted. The rewrite keeps DISTINCT and OVER (...) as they are.
     */
    private static Expression nullIfFalse(Expression condition) {
        return new Function("NULLIF", condition, new BooleanValue(false));
    }

    @Override
    public <S> StringBuilder visit(AnalyticExpression a, S context) {
        String name = a.getName().toUpperCase(Locale.ROOT);
        String rename = catalog.rename(name);
        if (name.equals("ARRAY_AGG")) rename = "array_agg";
        else if (name.equals("STRING_AGG")) rename = "string_agg";
        else if (name.equals("APPROX_COUNT_DISTINCT")) {
            rename = "count";
            a.setDistinct(true);
        }
        if (rename == null) {
            throw new Untranslatable("window function " + name + "() is not in Porygon's GoogleSQL-to-DuckDB catalog",
                    "use a supported aggregate or navigation function in the OVER clause", name);
        }
        if ((name.equals("LAG") || name.equals("LEAD")) && isNegativeOrNull(a.getOffset())) {
            // DuckDB reads LAG(x, -1) as LEAD(x, 1) and a NULL offset as NULL rows
            throw new Untranslatable(name + "() with a negative or NULL offset is an error in BigQuery",
                    "use an offset of 0 or more, and " + (name.equals("LAG") ? "LEAD" : "LAG") + " for the other direction", name);
        }
        if (name.equals("NTILE") && a.getExpression() instanceof NullValue) {
            // an error in BigQuery; DuckDB gives NULL buckets
            throw new Untranslatable("NTILE(NULL) is an error in BigQuery", "pass a positive number of buckets", name);
        }
        Function.NullHandling nullHandling = a.getNullHandling();
        boolean ignoreNulls = a.isIgnoreNulls();
        if (name.equals("PERCENTILE_CONT") || name.equals("PERCENTILE_DISC")) {
            if (nullHandling == Function.NullHandling.RESPECT_NULLS) {
                throw new Untranslatable(name + "() with RESPECT NULLS cannot be translated to DuckDB (its quantiles skip NULLs)",
                        "filter or replace the NULLs first, or leave out RESPECT NULLS to ignore them", name);
            }
            // IGNORE NULLS is BigQuery's default and DuckDB's only behaviour; DuckDB refuses the clause on a window
            a.setNullHandling(null);
            a.setIgnoreNulls(false);
        }
        String original = a.getName();
        Expression argument = a.getExpression();
        Expression filter = a.getFilterExpression();
        a.setName(rename);
        if (name.equals("COUNTIF") && argument != null) a.setExpression(nullIfFalse(argument));
        if (name.equals("ARRAY_AGG") && argument != null && (ignoreNulls || nullHandling == Function.NullHandling.IGNORE_NULLS)) {
            // DuckDB refuses IGNORE NULLS on a windowed aggregate; a FILTER leaves the NULLs out the same way
            IsNullExpression notNull = new IsNullExpression(argument);
            notNull.setNot(true);
            a.setFilterExpression(filter == null ? notNull : new AndExpression(filter, notNull));
            a.setNullHandling(null);
            a.setIgnoreNulls(false);
        }
        try {
            return super.visit(a, context);
        } finally {
            // a template may print this call again
            a.setName(original);
            a.setExpression(argument);
            a.setFilterExpression(filter);
            a.setNullHandling(nullHandling);
            a.setIgnoreNulls(ignoreNulls);
        }
    }

    private static boolean isNegativeOrNull(Expression e) {
        if (e instanceof NullValue) return true;
        if (e instanceof SignedExpression s && s.getSign() == '-') return s.getExpression() instanceof LongValue l && l.getValue() != 0;
        return e instanceof LongValue l && l.getValue() < 0;
    }

    private final class Call implements CallContext {
        private final String name;
        private final Function function;
        private final List<Expression> args;

        Call(String name, Function function, List<Expression> args) {
            this.name = name;
            this.function = function;
            this.args = args;
        }

        @Override public String name() { return name; }
        @Override public Function function() { return function; }
        @Override public List<Expression> args() { return args; }
        @Override public StringBuilder out() { return DuckDbExpressionDeParser.this.out(); }

        @Override
        public CallContext arg(int index) {
            printArgument(args.get(index));
            return this;
        }

        @Override
        public CallContext expr(Expression expression) {
            print(expression);
            return this;
        }

        @Override
        public void withLambdaParameters(List<String> names, Runnable body) {
            DuckDbExpressionDeParser.this.withLambdaParameters(names, body);
        }

        @Override
        public void once(java.util.function.Function<List<String>, String> body) {
            DuckDbExpressionDeParser.this.once(args.stream().map(DuckDbExpressionDeParser.this::operand).toList(), body);
        }

        @Override
        public void once(List<Integer> indexes, java.util.function.Function<List<String>, String> body) {
            DuckDbExpressionDeParser.this.once(indexes.stream().map(i -> operand(args.get(i))).toList(), body);
        }

        @Override
        public void divide(String duckDbOperator) {
            if (args.size() != 2) throw unsupported(args.size() + " arguments", "pass a dividend and a divisor");
            DuckDbExpressionDeParser.this.divide(args.get(0), args.get(1), duckDbOperator, function == null ? name : function.toString(), true);
        }

        @Override
        public void zeroBasedIndex(String name, Runnable body) {
            shiftedIndexes.add(name.toLowerCase(Locale.ROOT));
            try {
                body.run();
            } finally {
                shiftedIndexes.remove(name.toLowerCase(Locale.ROOT));
            }
        }
    }

    // ---- GoogleSQL-only expression forms ---------------------------------------------------

    @Override
    public <S> StringBuilder visit(CastExpression cast, S context) {
        return casts.print(cast);
    }

    static String duckDbType(ColDataType type) {
        StringBuilder sb = new StringBuilder(type.getDataType());
        if (type.getArgumentsStringList() != null && !type.getArgumentsStringList().isEmpty()) {
            sb.append('(').append(String.join(", ", type.getArgumentsStringList())).append(')');
        }
        return TypeNames.toDuckDb(sb.toString());
    }

    @Override
    public <S> StringBuilder visit(ExtractExpression extract, S context) {
        Call call = new Call("EXTRACT", null, List.of(extract.getExpression()));
        DateTimeFunctions.extract(extract.getName(), call, () -> print(extract.getExpression()));
        return out();
    }

    @Override
    public <S> StringBuilder visit(TimeKeyExpression key, S context) {
        String k = key.getStringValue().toUpperCase(Locale.ROOT).replace("(", "").replace(")", "").trim();
        String sql = switch (k) {
            case "CURRENT_DATE" -> "current_date";
            case "CURRENT_TIMESTAMP" -> "current_timestamp";
            case "CURRENT_DATETIME" -> "CAST(current_timestamp AS TIMESTAMP)";
            case "CURRENT_TIME" -> "CAST(CAST(current_timestamp AS TIMESTAMP) AS TIME)";
            default -> throw new Untranslatable(k + " is not a GoogleSQL time function", "use CURRENT_DATE, CURRENT_DATETIME, CURRENT_TIME or CURRENT_TIMESTAMP");
        };
        return out().append(sql);
    }

    /** JSqlParser's own printing writes the operands as text, untranslated. */
    @Override
    public <S> StringBuilder visit(IsDistinctExpression distinct, S context) {
        print(distinct.getLeftExpression());
        out().append(distinct.isNot() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
        print(distinct.getRightExpression());
        return out();
    }

    @Override
    public <S> StringBuilder visit(TimezoneExpression tz, S context) {
        // value AT TIME ZONE 'zone' (inside EXTRACT): the civil time of the instant in that zone
        List<Expression> zones = tz.getTimezoneExpressions();
        if (zones.size() != 1) throw new Untranslatable("chained AT TIME ZONE", "convert one zone at a time");
        out().append("timezone(");
        String named = zones.get(0) instanceof StringValue s ? DateTimeFunctions.namedZone(s.getValue()) : null;
        if (named != null) out().append(named);
        else print(zones.get(0));
        out().append(", CAST(");
        print(tz.getLeftExpression());
        return out().append(" AS TIMESTAMPTZ))");
    }

    @Override
    public <S> StringBuilder visit(StructType struct, S context) {
        if (struct.getDialect() != StructType.Dialect.BIG_QUERY || struct.getArguments() == null) {
            throw new Untranslatable("struct literal " + struct, "write STRUCT(value AS name, ...)");
        }
        return printStruct(struct, false);
    }

    /**
     * Prints a value whose struct type BigQuery coerces by position to an earlier value's (see {@link
     * StructCoercion}): a struct literal unnamed, with its struct and array fields so printed too, an array
     * literal with every element so printed; any other value as it is.
     */
    void printPositional(Expression e) {
        StructType struct = StructCoercion.structLiteral(e);
        if (struct != null) printStruct(struct, true);
        else if (e instanceof ArrayConstructor array) printArray(array, 0);
        else print(e);
    }

    /** A struct literal: named fields (BigQuery's names) unless {@code positional}, then DuckDB's unnamed row(...). */
    private StringBuilder printStruct(StructType struct, boolean positional) {
        List<SelectItem<?>> items = struct.getArguments();
        List<Map.Entry<String, ColDataType>> types = struct.getParameters();
        String[] names = new String[items.size()];
        boolean anyName = false;
        for (int i = 0; i < items.size() && !positional; i++) {
            SelectItem<?> item = items.get(i);
            if (types != null && i < types.size() && types.get(i).getKey() != null) names[i] = types.get(i).getKey();
            else if (item.getAlias() != null) names[i] = item.getAlias().getName();
            else if (item.getExpression() instanceof Column c && c.getArrayConstructor() == null) names[i] = c.getColumnName();
            if (names[i] != null) anyName = true;
        }
        if (!anyName) {
            out().append("row(");
        } else {
            out().append("struct_pack(");
        }
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out().append(", ");
            if (anyName) {
                String n = names[i] == null ? "_field_" + (i + 1) : names[i].replace("\"", "").replace("`", "");
                out().append('"').append(n).append("\" := ");
            }
            Expression value = items.get(i).getExpression();
            if (types != null && i < types.size()) {
                // a declared field type takes a struct value by position, as a CAST does
                out().append("CAST(");
                printPositional(value);
                out().append(" AS ").append(duckDbType(types.get(i).getValue())).append(')');
            } else if (positional) {
                printPositional(value);
            } else {
                print(value);
            }
        }
        return out().append(')');
    }

    @Override
    public <S> StringBuilder visit(ArrayConstructor array, S context) {
        // the elements after the one that gives their type (not an untyped NULL) take its struct names by position
        // (all of them when the literal declares its type: ARRAY<STRUCT<...>>[...] casts each by position)
        if (array.getDataType() != null) return printArray(array, 0);
        ExpressionList<?> items = array.getExpressions();
        int typeGiving = items == null ? -1 : StructCoercion.typeGivingElement(items);
        return printArray(array, typeGiving < 0 ? Integer.MAX_VALUE : typeGiving + 1);
    }

    /** An array literal whose elements from {@code positionalFrom} on print positionally ({@link #printPositional}). */
    private StringBuilder printArray(ArrayConstructor array, int positionalFrom) {
        ColDataType type = array.getDataType();
        if (type != null) out().append("CAST(");
        out().append('[');
        ExpressionList<?> items = array.getExpressions();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) out().append(", ");
                if (i >= positionalFrom) printPositional(items.get(i));
                else print(items.get(i));
            }
        }
        out().append(']');
        if (type != null) {
            String t = duckDbType(type);
            out().append(" AS ").append(t.endsWith("[]") ? t : t + "[]").append(')');
        }
        return out();
    }

    /**
     * A literal with a fraction or exponent is FLOAT64 in BigQuery; DuckDB would make 1.5 a
     * DECIMAL(2,1), exact where BigQuery rounds (0.1 + 0.2 = 0.3 would hold) and too narrow for a
     * column an incremental run later writes wider values to.
     */
    @Override
    public <S> StringBuilder visit(DoubleValue value, S context) {
        return out().append(value.toString()).append("::DOUBLE");
    }

    /** Lambda index parameters whose references must be shifted to BigQuery's zero base. */
    private final Set<String> shiftedIndexes = new HashSet<>();
    /** Select-list aliases printed as their expressions (lower-cased name to expression), see {@link #inliningAliases}. */
    private Map<String, Expression> inlinedAliases = Map.of();

    /**
     * Prints with each unqualified read of one of {@code aliases} replaced by the aliased expression:
     * DuckDB refuses a HAVING or QUALIFY that reads an alias of an expression that can raise an error.
     */
    void inliningAliases(Map<String, Expression> aliases, Runnable print) {
        Map<String, Expression> saved = inlinedAliases;
        inlinedAliases = aliases;
        try {
            print.run();
        } finally {
            inlinedAliases = saved;
        }
    }

    @Override
    public <S> StringBuilder visit(Column column, S context) {
        UnnestColumn read = unnestColumn(column);
        if (read == null) return visitColumn(column, context);
        // BigQuery reads an UNNEST alias before a column of the same name; DuckDB calls the name ambiguous
        Table written = column.getTable();
        String name = column.getColumnName();
        List<String> parts = new ArrayList<>(List.of(read.range()));
        if (written == null) {
            column.setColumnName(read.column());
        } else {
            // the written qualifier's parts after the alias, split at the dots outside quotes ("my item".k)
            List<String> qualifier = List.of(written.getFullyQualifiedName().split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"));
            // a field of a struct element is a column of the range itself: the one GROUP BY f, or f alone, reads
            if (!read.isElement()) parts.add(read.column());
            parts.addAll(qualifier.subList(1, qualifier.size()));
        }
        column.setTable(new Table(parts));
        try {
            return visitColumn(column, context);
        } finally {
            column.setTable(written);
            column.setColumnName(name);
        }
    }

    /** Columns printed as written whatever UNNEST alias they name: ORDER BY's reads of a select-list alias. */
    private final Set<Column> readAsWritten = Collections.newSetFromMap(new IdentityHashMap<>());

    void readAsWritten(List<Column> columns, boolean on) {
        if (on) readAsWritten.addAll(columns);
        else columns.forEach(readAsWritten::remove);
    }

    /** The DuckDB column the UNNEST alias that is a column's first name stands for, or null. */
    private UnnestColumn unnestColumn(Column column) {
        if (unnestRanges.isEmpty() || readAsWritten.contains(column)) return null;
        return unnestRanges.get(ScriptScope.normalize(path(column).get(0)));
    }

    /** Whether a column is an UNNEST's whole element, read by its bare alias ({@code SELECT p}). */
    boolean readsUnnestElement(Column column) {
        UnnestColumn read = column.getTable() == null ? unnestColumn(column) : null;
        return read != null && read.isElement();
    }

    /**
     * A name an UNNEST defines (its element's or its offset's) and where DuckDB reads it: the range the
     * UNNEST prints as and its column there, {@link #ELEMENT} for the element (struct or not).
     */
    record UnnestColumn(String range, String column) {
        boolean isElement() {
            return column.equals(ELEMENT);
        }
    }

    /** The column of an UNNEST's range that holds its whole element; its fields, if a struct, are columns beside it. */
    static final String ELEMENT = "porygon_element";

    /**
     * The UNNEST aliases of the SELECT being printed (element and offset names, lower-cased) and the
     * DuckDB columns that hold them; returns the ones they replace.
     */
    Map<String, UnnestColumn> unnestRanges(Map<String, UnnestColumn> ranges) {
        Map<String, UnnestColumn> before = unnestRanges;
        unnestRanges = ranges;
        return before;
    }

    private Map<String, UnnestColumn> unnestRanges = Map.of();

    /**
     * The words DuckDB reserves (duckdb_keywords()) that BigQuery does not: a bare column of such a name ({@code offset},
     * {@code primary}, {@code column}) reads on BigQuery and needs quotes on DuckDB.
     */
    private static final Set<String> RESERVED_BY_DUCKDB_ONLY = Set.of("ANALYSE", "ANALYZE", "ASYMMETRIC", "BOTH", "CHECK", "COLUMN",
            "CONSTRAINT", "DEFERRABLE", "DESCRIBE", "DO", "FOREIGN", "INITIALLY", "LAMBDA", "LEADING", "OFFSET", "ONLY", "PIVOT",
            "PIVOT_LONGER", "PIVOT_WIDER", "PLACING", "PRIMARY", "REFERENCES", "RETURNING", "SHOW", "SUMMARIZE", "SYMMETRIC", "TABLE",
            "TRAILING", "UNIQUE", "UNPIVOT", "VARIADIC");

    private <S> StringBuilder visitColumn(Column column, S context) {
        if (!shiftedIndexes.isEmpty() && column.getTable() == null && column.getArrayConstructor() == null
                && shiftedIndexes.contains(column.getColumnName().toLowerCase(Locale.ROOT))) {
            return out().append('(').append(column.getColumnName()).append(" - 1)");
        }
        if (column.getTable() == null && column.getArrayConstructor() == null && column.getColumnName().equalsIgnoreCase("CURRENT_DATETIME")) {
            // BigQuery's parentheses are optional here; JSqlParser reads the bare name as a column
            return out().append("CAST(current_timestamp AS TIMESTAMP)");
        }
        Expression aliased = column.getTable() == null && column.getArrayConstructor() == null
                ? inlinedAliases.get(column.getColumnName().toLowerCase(Locale.ROOT)) : null;
        if (aliased != null) {
            // the expression's own names are columns (SELECT a / b AS a ... HAVING a > 1)
            out().append('(');
            inliningAliases(Map.of(), () -> aliased.accept(this, context));
            return out().append(')');
        }
        ArrayConstructor subscripts = column.getArrayConstructor();
        if (isVariable(column)) {
            List<String> path = path(column);
            variablesRead.add(ScriptScope.normalize(path.get(0)));
            StringBuilder variable = new StringBuilder(ScriptVariables.read(path.get(0)));
            // s.a.b: fields of a STRUCT variable
            for (String field : path.subList(1, path.size())) variable.append('.').append(field);
            if (subscripts == null) return out().append(variable);
            this.subscripts.all(new Operand(variable.toString(), true), subscripts.getExpressions());
            return out();
        }
        if (subscripts == null && column.getTable() == null && RESERVED_BY_DUCKDB_ONLY.contains(column.getColumnName().toUpperCase(Locale.ROOT))) {
            return out().append('"').append(column.getColumnName()).append('"');
        }
        if (subscripts == null) return super.visit(column, context);
        column.setArrayConstructor(null);
        String array;
        try {
            array = printed(() -> super.visit(column, context));
        } finally {
            column.setArrayConstructor(subscripts); // a template may print this argument again
        }
        this.subscripts.all(new Operand(array, true), subscripts.getExpressions());
        return out();
    }

    /** The script variables the printed statement reads, lower-cased. */
    Set<String> variablesRead() {
        return variablesRead;
    }

    /** The temporary functions the printed statement calls, upper-cased. */
    Set<String> userFunctionsCalled() {
        return userFunctionsCalled;
    }

    /** Marks columns the statement writes (UPDATE/MERGE targets): they are columns whatever their name. */
    void assignedColumns(Collection<Column> columns) {
        assignedColumns.addAll(columns);
    }

    /** The names the statement's tables, subqueries, UNNESTs and CTEs go by, or null when they are not known. */
    void rangeNames(Set<String> names) {
        rangeNames = names;
    }

    /**
     * Whether a name reads a script variable. BigQuery resolves a name to a column of the query
     * before a variable, but which columns the tables hold is not known here; the rule is: an
     * unqualified name that a DECLARE of the action named is the variable (unless a lambda
     * parameter of that name hides it), so a column with a variable's name is read qualified. A
     * qualified name ({@code s.a}) is a column, unless its first part is a variable and none of the
     * statement's tables, aliases, subqueries, UNNESTs or CTEs has that name: then it is a field of
     * the variable, as in BigQuery. When the statement's names are not known, it stays a column.
     * The translator rejects the conflicts it can see (a column the statement itself names AS x).
     */
    boolean isVariable(Column column) {
        if (variables.variables().isEmpty() || assignedColumns.contains(column)) return false;
        List<String> path = path(column);
        String first = ScriptScope.normalize(path.get(0));
        if (!variables.declares(first) || lambdaParameters.contains(first)) return false;
        return path.size() == 1 || (rangeNames != null && !rangeNames.contains(first));
    }

    /** The parts of a column's name, its qualifier's first: {@code s.a.b} gives s, a, b. */
    private static List<String> path(Column column) {
        String qualifier = column.getTable() == null ? null : column.getTable().getFullyQualifiedName();
        if (qualifier == null || qualifier.isEmpty()) return List.of(column.getColumnName());
        List<String> parts = new ArrayList<>(List.of(qualifier.split("\\.")));
        parts.add(column.getColumnName());
        return parts;
    }

    /** Prints {@code body} with {@code names} hiding the variables of the same names, as a lambda's parameters do. */
    void withLambdaParameters(List<String> names, Runnable body) {
        List<String> normalized = names.stream().map(ScriptScope::normalize).toList();
        lambdaParameters.addAll(normalized);
        try {
            body.run();
        } finally {
            for (String name : normalized) lambdaParameters.remove(name);
        }
    }

    @Override
    public <S> StringBuilder visit(LambdaExpression lambda, S context) {
        withLambdaParameters(lambda.getIdentifiers(), () -> super.visit(lambda, context));
        return out();
    }

    /** What {@code print} printed, on its own (the statement's text is left as it was). */
    String printed(Runnable print) {
        StringBuilder saved = getBuilder();
        StringBuilder own = new StringBuilder();
        // a subquery in the expression prints through the select printer: it writes there too
        var selects = getSelectVisitor() instanceof SelectDeParser s ? s : null;
        setBuilder(own);
        if (selects != null) selects.setBuilder(own);
        try {
            print.run();
        } finally {
            setBuilder(saved);
            if (selects != null) selects.setBuilder(saved);
        }
        return own.toString();
    }

    /** {@code w AS (PARTITION BY ... ORDER BY ... frame)} of a WINDOW clause, its expressions translated. */
    void windowDefinition(WindowDefinition window) {
        out().append(window.getWindowName()).append(" AS (");
        ExpressionList<?> partition = window.getPartitionExpressionList();
        if (partition != null && !partition.isEmpty()) {
            out().append("PARTITION BY ");
            for (int i = 0; i < partition.size(); i++) {
                if (i > 0) out().append(", ");
                print(partition.get(i));
            }
        }
        if (window.getOrderByElements() != null && !window.getOrderByElements().isEmpty()) {
            if (partition != null && !partition.isEmpty()) out().append(' ');
            out().append(printed(() -> orderBy(window.getOrderByElements())).strip());
        }
        if (window.getWindowElement() != null) out().append(' ').append(window.getWindowElement());
        out().append(')');
    }

    /** A subscript on any other array expression: {@code SPLIT(s, '@')[OFFSET(1)]}, {@code ARRAY_AGG(...)[OFFSET(0)]}. */
    @Override
    public <S> StringBuilder visit(ArrayExpression array, S context) {
        if (array.getIndexExpression() == null) {
            throw new Untranslatable("array slice " + array, "write arr[OFFSET(i)] or arr[ORDINAL(i)], or use ARRAY_SLICE");
        }
        if (SubscriptPrinter.isJsonSubscript(array.getObjExpression(), array.getIndexExpression())) {
            return super.visit(array, context); // zero-based, or a field: the same in DuckDB
        }
        subscripts.onExpression(array.getObjExpression(), array.getIndexExpression());
        return out();
    }

    @Override
    public <S> StringBuilder visit(InExpression in, S context) {
        if (in.getRightExpression() instanceof BinaryExpression operands && takesUnnestFirst(operands) != null) {
            // JSqlParser reads x IN UNNEST(a) AND y as x IN (UNNEST(a) AND y); BigQuery's IN takes the UNNEST(...) alone
            BinaryExpression holder = takesUnnestFirst(operands);
            Expression unnest = holder.getLeftExpression();
            holder.setLeftExpression(new InExpression(in.getLeftExpression(), unnest).withNot(in.isNot()));
            try {
                print(operands);
            } finally {
                holder.setLeftExpression(unnest);
            }
            return out();
        }
        if (in.getRightExpression() instanceof Function f && f.getName().equalsIgnoreCase("UNNEST")
                && f.getParameters() != null && f.getParameters().size() == 1) {
            // keeps IN's NULL semantics, unlike list_contains
            print(in.getLeftExpression());
            out().append(in.isNot() ? " NOT IN (SELECT unnest(" : " IN (SELECT unnest(");
            print((Expression) f.getParameters().get(0));
            return out().append("))");
        }
        return super.visit(in, context);
    }

    /** The innermost left operand chain's expression whose left operand is an UNNEST(...) call, or null. */
    private static BinaryExpression takesUnnestFirst(BinaryExpression e) {
        BinaryExpression node = e;
        while (node.getLeftExpression() instanceof BinaryExpression inner) node = inner;
        return node.getLeftExpression() instanceof Function f && f.getName().equalsIgnoreCase("UNNEST") ? node : null;
    }

    /** BigQuery's operators that bind tighter than {@code ^}; JSqlParser binds {@code ^} tightest of all. */
    private static final Set<String> TIGHTER_THAN_XOR = Set.of("*", "/", "||", "+", "-", "<<", ">>", "&");

    /**
     * JSqlParser reads {@code 1 + 5 ^ 3} as {@code 1 + (5 ^ 3)}, BigQuery as {@code (1 + 5) ^ 3}:
     * an unparenthesized {@code ^} under such an operator would change the result, so it is an error.
     */
    @Override
    protected <S> void deparse(BinaryExpression e, String operator, S context) {
        if (TIGHTER_THAN_XOR.contains(operator.trim())
                && (e.getLeftExpression() instanceof BitwiseXor || e.getRightExpression() instanceof BitwiseXor)) {
            throw new Untranslatable("^ next to " + operator.trim() + " without parentheses",
                    "BigQuery's ^ binds looser than " + operator.trim() + "; add parentheses to say which operation comes first");
        }
        super.deparse(e, operator, context);
    }

    /** BigQuery's TRIM(value[, characters]); without characters it trims Unicode whitespace, DuckDB's trim() not tabs or line breaks. */
    @Override
    public <S> StringBuilder visit(TrimFunction trim, S context) {
        if (trim.getTrimSpecification() != null || trim.isUsingFromKeyword()) return super.visit(trim, context);
        String pattern = FunctionCatalog.UNICODE_WHITESPACE;
        out().append(trim.getFromExpression() == null ? "regexp_replace(" : "trim(");
        print(trim.getExpression());
        if (trim.getFromExpression() == null) return out().append(", '^").append(pattern).append('|').append(pattern).append("$', '', 'g')");
        out().append(", ");
        print(trim.getFromExpression());
        return out().append(')');
    }

    /**
     * BigQuery shifts an INT64 as 64 bits: {@code >>} fills with zeros ({@code -16 >> 2} is 4611686018427387900, where
     * DuckDB's arithmetic shift gave -4), {@code <<} drops the bits it shifts out ({@code 1 << 63} is the smallest INT64,
     * {@code 1 << 40} of an integer literal fits), and a shift by 64 or more is 0; DuckDB raised an overflow error for
     * those. DuckDB's BIT strings shift exactly so. A negative shift stays an error; BYTES operands are not translated.
     */
    @Override
    public <S> StringBuilder visit(BitwiseLeftShift shift, S context) {
        return shift64(shift, "<<");
    }

    @Override
    public <S> StringBuilder visit(BitwiseRightShift shift, S context) {
        return shift64(shift, ">>");
    }

    private StringBuilder shift64(BinaryExpression shift, String operator) {
        if (shift.getLeftExpression() instanceof BitwiseXor || shift.getRightExpression() instanceof BitwiseXor) {
            throw new Untranslatable("^ next to " + operator + " without parentheses",
                    "BigQuery's ^ binds looser than " + operator + "; add parentheses to say which operation comes first");
        }
        out().append("CAST(CAST(CAST(");
        print(shift.getLeftExpression());
        out().append(" AS BIGINT) AS BIT) ").append(operator).append(" (");
        print(shift.getRightExpression());
        return out().append(") AS BIGINT)");
    }

    /** {@code ^} is bitwise XOR in BigQuery but power in DuckDB. */
    @Override
    public <S> StringBuilder visit(BitwiseXor xor, S context) {
        out().append("xor(");
        print(xor.getLeftExpression());
        out().append(", ");
        print(xor.getRightExpression());
        return out().append(')');
    }

    /**
     * BigQuery's LIKE patterns escape with a backslash; DuckDB's only with ESCAPE '\'. A literal
     * pattern without a backslash goes without it: ESCAPE stops DuckDB from turning 'ab%' into prefix().
     */
    @Override
    public <S> StringBuilder visit(LikeExpression like, S context) {
        if (like.getRightExpression() instanceof Function quantifier && quantifier.getMultipartName().size() == 1
                && LIKE_QUANTIFIERS.contains(quantifier.getName().toUpperCase(Locale.ROOT))) {
            return likeAnyOrAll(like, quantifier);
        }
        boolean plainLiteral = like.getRightExpression() instanceof StringValue p
                && p.getValue().indexOf('\\') < 0;
        if (like.getLikeKeyWord() == LikeExpression.KeyWord.LIKE && like.getEscape() == null && !plainLiteral) {
            like.setEscape(new StringValue("\\"));
        }
        return super.visit(like, context);
    }

    /**
     * JSON_OBJECT and JSON_ARRAY: each value as BigQuery's TO_JSON writes it, in DuckDB's json_object or
     * json_array; an object's keys (string literals) sorted with the first of a repeated key kept, as
     * BigQuery builds it. JSqlParser parses both into its own JSON node, which would print them as written.
     */
    @Override
    public <S> StringBuilder visit(JsonFunction json, S context) {
        if (json.getType() == JsonFunctionType.ARRAY) {
            out().append("json_array(");
            for (int i = 0; i < json.getExpressions().size(); i++) {
                if (i > 0) out().append(", ");
                print(new Function("TO_JSON", json.getExpression(i).getExpression()));
            }
            return out().append(')');
        }
        Map<String, Expression> byKey = new java.util.TreeMap<>();
        for (JsonKeyValuePair pair : json.getKeyValuePairs()) {
            // JSqlParser keeps a key as its text, quotes included
            String key = String.valueOf(pair.getKey());
            boolean literal = key.length() >= 2 && key.charAt(0) == '\'' && key.charAt(key.length() - 1) == '\'';
            if (!literal || !(pair.getValue() instanceof Expression value)) {
                throw new Untranslatable("JSON_OBJECT with a key that is not a string literal", "write each key as a quoted string", "JSON_OBJECT");
            }
            byKey.putIfAbsent(key.substring(1, key.length() - 1).replace("''", "'"), value);
        }
        out().append("json_object(");
        int i = 0;
        for (Map.Entry<String, Expression> e : byKey.entrySet()) {
            if (i++ > 0) out().append(", ");
            print(new StringValue(e.getKey()));
            out().append(", ");
            print(new Function("TO_JSON", e.getValue()));
        }
        return out().append(')');
    }

    private static final Set<String> LIKE_QUANTIFIERS = Set.of("ANY", "SOME", "ALL");

    /** {@code x [NOT] LIKE ANY|SOME (p1, p2)} is each comparison ORed, ALL ANDed, as BigQuery defines them; x is bound once. */
    private StringBuilder likeAnyOrAll(LikeExpression like, Function quantifier) {
        List<Expression> patterns = arguments(quantifier);
        if (patterns.isEmpty() || like.getEscape() != null) {
            throw new Untranslatable("LIKE " + quantifier.getName().toUpperCase(Locale.ROOT) + " with " + (patterns.isEmpty() ? "no patterns" : "ESCAPE"),
                    "list the patterns in parentheses, e.g. x LIKE ANY ('a%', 'b%')", "LIKE");
        }
        String join = quantifier.getName().equalsIgnoreCase("ALL") ? " AND " : " OR ";
        List<String> printedPatterns = patterns.stream().map(p -> printed(() -> print(p))).toList();
        once(List.of(operand(like.getLeftExpression())), v -> {
            StringBuilder sql = new StringBuilder("(");
            for (int i = 0; i < patterns.size(); i++) {
                if (i > 0) sql.append(join);
                boolean plain = patterns.get(i) instanceof StringValue p && p.getValue().indexOf('\\') < 0;
                sql.append(v.get(0)).append(like.isNot() ? " NOT LIKE " : " LIKE ").append(printedPatterns.get(i)).append(plain ? "" : " ESCAPE '\\'");
            }
            return sql.append(')').toString();
        });
        return out();
    }

    @Override
    public <S> StringBuilder visit(IntervalExpression interval, S context) {
        IntervalExpression normalized = DateTimeFunctions.normalized(interval);
        if (normalized == null) {
            throw new Untranslatable("INTERVAL " + interval, "write INTERVAL <number> <PART>");
        }
        DateTimeFunctions.printInterval(new Call("INTERVAL", null, List.of()), normalized);
        return out();
    }

    /** {@code * EXCEPT (a) REPLACE (x AS b)}: DuckDB spells EXCEPT as EXCLUDE. */
    @Override
    public <S> StringBuilder visit(AllColumns all, S context) {
        List<String> excluded = new ArrayList<>();
        // p.* reads p's fields when p is an UNNEST's struct element (a longer path, p.x.*, DuckDB does not parse)
        UnnestColumn element = all instanceof AllTableColumns table && table.getTable().getFullyQualifiedName().indexOf('.') < 0
                ? unnestColumn(new Column(table.getTable(), "*")) : null;
        if (element != null && element.isElement()) {
            // the fields are the columns of the element's range, beside the element itself and the offset
            out().append(element.range()).append('.');
            for (UnnestColumn name : unnestRanges.values()) {
                if (name.range().equals(element.range()) && !excluded.contains(name.column())) excluded.add(name.column());
            }
        } else if (all instanceof AllTableColumns table && table.getTable().getFullyQualifiedName().indexOf('.') >= 0) {
            // s.location.*: the fields of a struct the path reads (a range variable, then fields), which DuckDB's unnest of a
            // struct gives as columns named as they are; DuckDB parses no star after a longer path
            if (all.getExceptColumns() != null || all.getReplaceExpressions() != null && !all.getReplaceExpressions().isEmpty()) {
                throw new Untranslatable(table + ": EXCEPT or REPLACE after a struct's .* is not translated to DuckDB",
                        "list the fields you want (" + table.getTable() + ".field AS field)", all.getExceptColumns() != null ? "EXCEPT" : "REPLACE");
            }
            Expression path;
            try {
                path = net.sf.jsqlparser.parser.CCJSqlParserUtil.parseExpression(table.getTable().getFullyQualifiedName());
            } catch (net.sf.jsqlparser.JSQLParserException e) {
                throw new Untranslatable(table + " is not translated to DuckDB", "list the struct's fields (path.field AS field)");
            }
            out().append("unnest(");
            print(path);
            return out().append(')');
        } else if (all instanceof AllTableColumns table) {
            out().append(table.getTable()).append('.');
        }
        out().append('*');
        if (all.getExceptColumns() != null) all.getExceptColumns().forEach(c -> excluded.add(c.getColumnName()));
        if (!excluded.isEmpty()) out().append(" EXCLUDE (").append(String.join(", ", excluded)).append(')');
        if (all.getReplaceExpressions() != null && !all.getReplaceExpressions().isEmpty()) {
            out().append(" REPLACE (");
            for (int i = 0; i < all.getReplaceExpressions().size(); i++) {
                SelectItem<?> item = all.getReplaceExpressions().get(i);
                if (i > 0) out().append(", ");
                print(item.getExpression());
                out().append(" AS ").append(item.getAlias().getName());
            }
            out().append(')');
        }
        return out();
    }

    @Override
    public <S> StringBuilder visit(AllTableColumns all, S context) {
        return visit((AllColumns) all, context);
    }

    @Override
    public <S> StringBuilder visit(JdbcNamedParameter parameter, S context) {
        throw new Untranslatable("query parameter @" + parameter.getName(), "inline the value; Porygon runs statements without parameters");
    }

    @Override
    public <S> StringBuilder visit(JdbcParameter parameter, S context) {
        throw new Untranslatable("positional query parameter ?", "inline the value; Porygon runs statements without parameters");
    }
}
