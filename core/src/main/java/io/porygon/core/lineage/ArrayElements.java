package io.porygon.core.lineage;

import io.porygon.core.sql.QueryParser;
import java.util.List;
import java.util.Optional;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * The rows of an array in FROM: {@code UNNEST(t.items) AS item [WITH OFFSET AS pos]}, or the implicit
 * {@code FROM t, t.items AS item}. Every column of it is derived from the array: the element, a field of a struct
 * element, and the offset too, which is the element's position in that array and so changes when the array does (as
 * sqlglot answers for any column of an UNNEST).
 *
 * @param element the name of the element column, null when the query gives none
 * @param offset the name of the {@code WITH OFFSET} column, null without one
 */
record ArrayElements(String label, String element, String offset, Derivation array) implements Relation {

    /** {@code UNNEST(array) [AS x] [WITH OFFSET [AS o]]}: BigQuery names the offset {@code offset} when no alias does. */
    static ArrayElements unnest(TableFunction unnest, Derivation array) {
        String label = unnest.getFunction().toString();
        String alias = unnest.getAlias() == null ? null : unnest.getAlias().getName();
        if (unnest.getWithClause() == null) return new ArrayElements(label, alias == null ? null : QueryParser.identifier(alias), null, array);
        if (alias == null) return new ArrayElements(label, null, "offset", array);
        List<String> names = QueryParser.unnestNames(alias);
        // one name after WITH OFFSET is the offset's: UNNEST(a) WITH OFFSET AS o leaves the element unnamed
        return names.size() == 2 ? new ArrayElements(label, names.get(0), names.get(1), array)
                : new ArrayElements(label, null, QueryParser.identifier(alias), array);
    }

    /** Not listed: the elements may be structs, whose fields stand as columns under names the query does not say. */
    @Override
    public Optional<List<String>> columns() {
        return Optional.empty();
    }

    @Override
    public boolean has(String name) {
        return name.equalsIgnoreCase(element) || name.equalsIgnoreCase(offset);
    }

    @Override
    public Derivation column(String name) {
        return array;
    }

    @Override
    public String whyColumnsUnknown() {
        return "the elements of the array may be structs, whose fields the query does not name";
    }
}
