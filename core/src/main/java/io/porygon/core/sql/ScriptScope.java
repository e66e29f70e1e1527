package io.porygon.core.sql;

import io.porygon.core.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The BigQuery script variables ({@code DECLARE}) one action has declared so far: its pre-operations,
 * then its query, then its post-operations (or an operation's statements, in order) are one script,
 * and a later statement reads the variables of the earlier ones. Names are case-insensitive, as in
 * BigQuery, and kept lower-cased. The temporary functions ({@code CREATE TEMP FUNCTION}) of the
 * script belong to it as well: a later statement may call them. So do its temporary tables, which
 * end with it.
 *
 * @param variables declared type (GoogleSQL text, or null when it is the DEFAULT's) by name, in declaration order
 * @param functions the temporary functions the script defined so far, upper-cased (as the function catalog names them)
 * @param tables the temporary tables the script created so far, as DuckDB names (quoted where needed)
 * @param ended variables of blocks (BEGIN ... END, FOR) that ended: a later statement reads the name as a column again or
 *     declares it anew, but DuckDB keeps session variables, so the action's end still forgets them
 * @param transaction whether the script began a transaction: BigQuery rolls back one the script leaves open
 */
public record ScriptScope(Map<String, String> variables, Set<String> functions, Set<String> tables, Set<String> ended, boolean transaction) {

    /** The scope at the start of an action: nothing declared. */
    public static final ScriptScope EMPTY = new ScriptScope(Map.of(), Set.of(), Set.of(), Set.of(), false);

    public ScriptScope {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        functions = Collections.unmodifiableSet(new TreeSet<>(functions));
        tables = Collections.unmodifiableSet(new TreeSet<>(tables));
        ended = Collections.unmodifiableSet(new TreeSet<>(ended));
    }

    /** Whether nothing is declared: neither a variable nor a temporary function. */
    public boolean isEmpty() {
        return variables.isEmpty() && functions.isEmpty();
    }

    public boolean hasVariables() {
        return !variables.isEmpty();
    }

    public boolean declares(String name) {
        return variables.containsKey(normalize(name));
    }

    /** The declared type of a variable in GoogleSQL, or null when it takes its DEFAULT's type. */
    String type(String name) {
        return variables.get(normalize(name));
    }

    /** Names in declaration order. */
    public List<String> names() {
        return List.copyOf(variables.keySet());
    }

    ScriptScope with(String name, String type) {
        Map<String, String> more = new LinkedHashMap<>(variables);
        more.put(normalize(name), type);
        return new ScriptScope(more, functions, tables, ended, transaction);
    }

    /** This scope with the variables of {@code outer} only: those a BEGIN block declared end with the block. */
    ScriptScope withVariablesOf(ScriptScope outer) {
        return new ScriptScope(outer.variables, functions, tables, ended, transaction);
    }

    /** This scope, once blocks that declared {@code names} ended. */
    ScriptScope withEnded(Set<String> names) {
        Set<String> more = new TreeSet<>(ended);
        names.forEach(n -> more.add(normalize(n)));
        return new ScriptScope(variables, functions, tables, more, transaction);
    }

    /** The variables the action's end forgets: those declared, then those of ended blocks. */
    List<String> toForget() {
        List<String> all = new ArrayList<>(variables.keySet());
        ended.stream().filter(n -> !variables.containsKey(n)).forEach(all::add);
        return all;
    }

    ScriptScope withFunction(String name) {
        Set<String> more = new TreeSet<>(functions);
        more.add(name.toUpperCase(Locale.ROOT));
        return new ScriptScope(variables, more, tables, ended, transaction);
    }

    /** This scope and the temporary table {@code statement} creates, if it creates one. */
    ScriptScope withTempTableOf(String statement) {
        String table = TempTable.createdBy(statement);
        if (table == null) return this;
        Set<String> more = new TreeSet<>(tables);
        more.add(table);
        return new ScriptScope(variables, functions, more, ended, transaction);
    }

    /** This scope, once {@code statement} ran, if it begins a transaction. */
    ScriptScope withTransactionOf(String statement) {
        return "BEGIN TRANSACTION".equals(ScriptStatement.transaction(statement)) ? new ScriptScope(variables, functions, tables, ended, true) : this;
    }

    /**
     * What distinguishes this scope in a translation cache: the same statement translates
     * differently when another set of names (or types) is declared before it.
     */
    public String cacheKey() {
        String key = variables.entrySet().stream()
                .map(e -> e.getKey() + ":" + (e.getValue() == null ? "" : e.getValue()))
                .collect(Collectors.joining(",", "[", "]"));
        return functions.isEmpty() ? key : key + String.join(",", functions) + "()";
    }

    /**
     * The scope after the statements of {@code googleSql} ran: this one plus their DECLAREs and
     * temporary functions. Only reads declarations (a translator reports the errors of the text itself).
     */
    public ScriptScope after(String googleSql, SourceLocation location) {
        String upper = googleSql.toUpperCase(Locale.ROOT);
        if (!upper.contains("DECLARE") && !upper.contains("TEMP") && !upper.contains("BEGIN")) return this; // the common case: no lexing
        ScriptScope scope = this;
        for (GoogleSqlLexer.LexedStatement statement : GoogleSqlLexer.split(googleSql, location)) {
            if (ScriptStatement.isDeclare(statement)) {
                ScriptStatement.Declare declare = ScriptStatement.parseDeclare(statement.text());
                for (String name : declare.names()) scope = scope.with(name, declare.type());
            } else if (TempFunction.isTempFunction(statement.text())) {
                scope = scope.withFunction(TempFunction.parse(statement.text()).name());
            } else {
                scope = scope.withTempTableOf(statement.text()).withTransactionOf(statement.text());
            }
        }
        return scope;
    }

    static String normalize(String name) {
        return SqlQuoting.unquotedIdentifier(name).toLowerCase(Locale.ROOT);
    }
}
