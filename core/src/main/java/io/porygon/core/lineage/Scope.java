package io.porygon.core.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The relations one SELECT reads, by the name the query gives each (its alias, else the table's name), and the
 * columns its JOIN ... USING merged. A correlated subquery's scope has the enclosing one as parent.
 */
final class Scope {
    private final Scope parent;
    private final Map<String, Relation> relations = new LinkedHashMap<>();
    /** A USING column named without a qualifier is the merged column, not one side's. */
    private final Map<String, Derivation> usingColumns = new LinkedHashMap<>();

    /** The CTEs visible here, by lower-case name: a subquery in an expression reads them as FROM does. */
    private final Map<String, Relation> ctes;

    /** The script variables of the action's pre-operations, by lower-case name: what each was given. */
    private final Map<String, Derivation> variables;

    Scope(Scope parent) {
        this(parent, parent == null ? Map.of() : parent.ctes, parent == null ? Map.of() : parent.variables);
    }

    Scope(Scope parent, Map<String, Relation> ctes, Map<String, Derivation> variables) {
        this.parent = parent;
        this.ctes = ctes;
        this.variables = variables;
    }

    Map<String, Relation> ctes() {
        return ctes;
    }

    Scope parent() {
        return parent;
    }

    /** {@code name}: null for a subquery without an alias, which no column can name. */
    void add(String name, Relation relation) {
        relations.putIfAbsent(name == null ? "#" + relations.size() : key(name), relation);
    }

    /** The relations by name, as added. */
    Map<String, Relation> named() {
        return new LinkedHashMap<>(relations);
    }

    void merge(String usingColumn, Derivation merged) {
        usingColumns.put(key(usingColumn), merged);
    }

    Map<String, Derivation> usingColumns() {
        return usingColumns;
    }

    List<Relation> relations() {
        return List.copyOf(relations.values());
    }

    Relation relation(String name) {
        Relation r = relations.get(key(name));
        return r != null || parent == null ? r : parent.relation(name);
    }

    /** Whether a relation of this scope (or an enclosing one) is known to have a column of that name. */
    boolean knows(String column) {
        if (usingColumns.containsKey(key(column))) return true;
        for (Relation r : relations.values()) if (r.has(column)) return true;
        return parent != null && parent.knows(column);
    }

    /** Whether this scope or an enclosing one may have a column of that name: known to, or has a relation of unknown columns. */
    private boolean mayHave(String column) {
        if (knows(column)) return true;
        for (Scope s = this; s != null; s = s.parent) {
            for (Relation r : s.relations.values()) if (r.columns().isEmpty()) return true;
        }
        return false;
    }

    /**
     * A column named by a path: {@code alias.column[.field...]}, or {@code column[.field...]} (a struct's field
     * is derived from the struct column).
     */
    Derivation resolve(List<String> path) {
        if (path.size() > 1) {
            Relation r = relation(path.get(0));
            if (r != null) return r.column(path.get(1));
        }
        return unqualified(path.get(0));
    }

    /**
     * A column named without its relation: the one relation that has it, as BigQuery finds it. A name of a relation
     * itself ({@code TO_JSON_STRING(t)} of {@code FROM x AS t}) is its whole row as a struct, even when a column has that
     * name too: BigQuery looks up the relation first.
     */
    Derivation unqualified(String name) {
        Relation named = relations.get(key(name));
        // an array's element is a value of its own, not a row of columns
        if (named != null && !(named instanceof ArrayElements)) return wholeRow(named);
        Derivation merged = usingColumns.get(key(name));
        if (merged != null) return merged;
        List<Relation> having = new ArrayList<>();
        List<Relation> unknown = new ArrayList<>();
        for (Relation r : relations.values()) {
            if (r.has(name)) having.add(r);
            else if (r.columns().isEmpty()) unknown.add(r);
        }
        // a valid query names no column two relations have: a known owner rules out the unknown ones
        if (having.size() == 1) return having.get(0).column(name);
        if (having.size() > 1) return Derivation.unresolved(name + " is in several relations: " + DerivedRelation.labels(having));
        // a script variable: BigQuery reads a column of that name first, but none is known to have one (a relation of
        // unknown columns is not taken to, as the translator reads the name as the variable)
        Derivation variable = variables.get(key(name));
        if (variable != null && (parent == null || !parent.knows(name))) return variable;
        if (unknown.size() == 1 && parent != null && parent.mayHave(name)) {
            // BigQuery looks in the subquery's own relations first, and the unknown one may not have it
            return Derivation.unresolved(name + " may come from " + unknown.get(0).label() + ", whose columns are not known, or from the"
                    + " enclosing query");
        }
        if (unknown.size() == 1) return unknown.get(0).column(name);
        if (unknown.size() > 1) {
            return Derivation.unresolved(name + " may come from any of " + DerivedRelation.labels(unknown) + ", whose columns are not known");
        }
        if (parent != null) return parent.unqualified(name);
        return Derivation.unresolved("no relation of the query has a column " + name);
    }

    /** Every column of the relation, as a struct of its row reads them. */
    private static Derivation wholeRow(Relation r) {
        if (r.columns().isEmpty()) return Derivation.unresolved("the whole row of " + r.label() + ", whose columns are not known");
        List<Derivation> parts = new ArrayList<>();
        for (String c : r.columns().get()) parts.add(r.column(c));
        return Derivation.merge(parts);
    }

    /** A name as looked up: BigQuery's column, alias and CTE names ignore case. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
