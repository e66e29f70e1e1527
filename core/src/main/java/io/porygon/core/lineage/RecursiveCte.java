package io.porygon.core.lineage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * A CTE of {@code WITH RECURSIVE}: {@code base UNION ALL recursive part}, whose rows feed back into the CTE. The base
 * names the columns; each is derived from the sources of every branch, where the recursive part's reads of the CTE
 * stand for the sources found so far. Those are derived again until they stop growing, which they must: they only grow,
 * and only to columns the query names.
 */
final class RecursiveCte {
    /** Far more rounds than a query's columns could need; a guard, not a limit anything reaches. */
    private static final int MAX_ROUNDS = 100;

    private RecursiveCte() {}

    /** @param visible the CTEs the body may read, this one's name among them (it is replaced while deriving) */
    static Relation derive(String name, Select body, List<SelectItem<?>> columnNames, Scope outer, Map<String, Relation> visible,
                           QueryLineage queries) {
        Map<String, Relation> ctes = new HashMap<>(visible);
        ctes.put(Scope.key(name), new OpaqueRelation(name, "the base rows of the recursive CTE " + name + " read " + name + " itself"));
        DerivedRelation rows = QueryLineage.renamed(queries.select(base(body), outer, ctes), columnNames, name);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            ctes.put(Scope.key(name), rows);
            DerivedRelation next = QueryLineage.renamed(queries.select(body, outer, ctes), columnNames, name);
            if (sameSources(rows, next)) return next;
            rows = next;
        }
        return new OpaqueRelation(name, "the sources of the recursive CTE " + name + " did not settle");
    }

    /** The first branch of the body's set operation: BigQuery requires it to be the non-recursive one. */
    private static Select base(Select body) {
        Select inner = body instanceof ParenthesedSelect p ? p.getSelect() : body;
        return inner instanceof SetOperationList set ? set.getSelects().get(0) : inner;
    }

    private static boolean sameSources(DerivedRelation a, DerivedRelation b) {
        if (a.lineage().size() != b.lineage().size() || a.unknownStars().size() != b.unknownStars().size()) return false;
        for (int i = 0; i < a.lineage().size(); i++) {
            Derivation x = a.lineage().get(i).derivation();
            Derivation y = b.lineage().get(i).derivation();
            if (x.resolved() != y.resolved() || !new HashSet<>(x.sources()).equals(new HashSet<>(y.sources()))) return false;
        }
        return true;
    }
}
