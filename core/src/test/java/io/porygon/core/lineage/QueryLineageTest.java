package io.porygon.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.SourceLocation;
import io.porygon.core.graph.Target;
import io.porygon.core.sql.QueryParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryLineageTest {
    /** Two models with known columns (orders, customers) and a source whose columns are not known (events). */
    private static final Map<String, List<String>> KNOWN = Map.of(
            "p.s.orders", List.of("id", "customer_id", "amount", "created_at"),
            "p.s.customers", List.of("id", "name", "country"));
    private static final List<String> ACTIONS = List.of("p.s.orders", "p.s.customers", "p.s.events", "p.s.refunds");

    private static final Upstreams PROJECT = new Upstreams() {
        @Override
        public Optional<String> action(Target written) {
            return ACTIONS.stream().filter(id -> id.endsWith("." + written.name())).findFirst();
        }

        @Override
        public Optional<List<String>> columns(String actionId) {
            return Optional.ofNullable(KNOWN.get(actionId));
        }
    };

    private static Map<String, Derivation> lineage(String sql) {
        Map<String, Derivation> out = new LinkedHashMap<>();
        for (ColumnLineage c : new QueryLineage(PROJECT).columns(QueryParser.parse(sql, SourceLocation.of("t.sqlx")))) {
            out.put(c.name(), c.derivation());
        }
        return out;
    }

    private static ColumnSource src(String table, String column) {
        return new ColumnSource("p.s." + table, column);
    }

    @Test
    void followsColumnsThroughCtesAndAliases() {
        Map<String, Derivation> l = lineage("""
                WITH big AS (SELECT o.id AS order_id, o.amount * 2 AS doubled FROM `p.s.orders` AS o WHERE o.amount > 10),
                     renamed AS (SELECT order_id, doubled + 1 AS total FROM big)
                SELECT r.order_id, r.total AS grand_total FROM renamed AS r""");
        assertThat(l.keySet()).containsExactly("order_id", "grand_total");
        assertThat(l.get("order_id").sources()).containsExactly(src("orders", "id"));
        // WHERE o.amount filters: it is a source only because the expression reads it
        assertThat(l.get("grand_total").sources()).containsExactly(src("orders", "amount"));
    }

    @Test
    void resolvesJoinedTablesByAliasAndUnqualifiedColumnsByTheirOwner() {
        Map<String, Derivation> l = lineage("""
                SELECT o.id, c.name, country, o.amount - COALESCE(r.amount, 0) AS net
                FROM `p.s.orders` o
                JOIN `p.s.customers` AS c ON c.id = o.customer_id
                LEFT JOIN `p.s.refunds` AS r ON r.order_id = o.id""");
        assertThat(l.get("id").sources()).containsExactly(src("orders", "id"));
        assertThat(l.get("name").sources()).containsExactly(src("customers", "name"));
        // refunds' columns are unknown, but only customers is known to have a country
        assertThat(l.get("country").sources()).containsExactly(src("customers", "country"));
        assertThat(l.get("net").sources()).containsExactly(src("orders", "amount"), src("refunds", "amount"));
    }

    @Test
    void usingColumnComesFromTheSideTheJoinKeeps() {
        String join = "SELECT id, name FROM `p.s.orders` %s JOIN `p.s.customers` USING (id)";
        assertThat(lineage(join.formatted("INNER")).get("id").sources()).containsExactly(src("orders", "id"));
        assertThat(lineage(join.formatted("RIGHT")).get("id").sources()).containsExactly(src("customers", "id"));
        assertThat(lineage(join.formatted("FULL")).get("id").sources()).containsExactly(src("orders", "id"), src("customers", "id"));
        assertThat(lineage(join.formatted("INNER")).get("name").sources()).containsExactly(src("customers", "name"));
    }

    @Test
    void expandsStarsThroughKnownColumnsAndMarksUnknownOnes() {
        Map<String, Derivation> l = lineage("SELECT * EXCEPT (created_at) FROM `p.s.orders` JOIN `p.s.customers` USING (id)");
        // USING columns first, once; then each table's other columns
        assertThat(l.keySet()).containsExactly("id", "customer_id", "amount", "name", "country");
        assertThat(l.get("amount").sources()).containsExactly(src("orders", "amount"));

        Map<String, Derivation> unknown = lineage("SELECT e.*, 1 AS one FROM `p.s.events` AS e");
        assertThat(unknown.keySet()).containsExactly("one", ColumnLineage.UNKNOWN_STAR);
        assertThat(unknown.get("*").resolved()).isFalse();
        assertThat(unknown.get("*").unresolved()).contains("p.s.events");
        assertThat(unknown.get("one")).isEqualTo(Derivation.NONE);

        // a column of a CTE that selected * of a table with unknown columns is that table's column
        Map<String, Derivation> through = lineage("WITH e AS (SELECT *, TRUE AS flag FROM `p.s.events`) SELECT e.session_id, flag FROM e");
        assertThat(through.get("session_id").sources()).containsExactly(src("events", "session_id"));
        assertThat(through.keySet()).containsExactly("session_id", "flag");
    }

    @Test
    void replacedStarColumnsCteColumnListsAndStructFieldsAreFollowed() {
        Map<String, Derivation> l = lineage("""
                WITH c (key, label) AS (SELECT id, name FROM `p.s.customers`)
                SELECT * REPLACE (o.amount + c.key AS amount) FROM `p.s.orders` AS o JOIN c ON c.key = o.customer_id""");
        assertThat(l.get("amount").sources()).containsExactly(src("orders", "amount"), src("customers", "id"));
        assertThat(l.get("label").sources()).containsExactly(src("customers", "name"));
        assertThat(lineage("SELECT e.payload.device AS device FROM `p.s.events` AS e").get("device").sources())
                .containsExactly(src("events", "payload"));
    }

    @Test
    void setOperationsMatchColumnsByPosition() {
        Map<String, Derivation> l = lineage("""
                SELECT id AS key, amount FROM `p.s.orders`
                UNION ALL
                SELECT c.id, NULL FROM `p.s.customers` AS c
                UNION DISTINCT
                SELECT r.order_id, r.amount FROM `p.s.refunds` AS r""");
        assertThat(l.keySet()).containsExactly("key", "amount");
        assertThat(l.get("key").sources()).containsExactly(src("orders", "id"), src("customers", "id"), src("refunds", "order_id"));
        assertThat(l.get("amount").sources()).containsExactly(src("orders", "amount"), src("refunds", "amount"));
    }

    @Test
    void aggregatesCaseAndDatePartsKeepOnlyTheColumnsTheyRead() {
        Map<String, Derivation> l = lineage("""
                SELECT DATE_TRUNC(DATE(o.created_at), MONTH) AS month,
                  SUM(CASE WHEN c.country = 'ES' THEN o.amount ELSE 0 END) AS spain_amount,
                  COUNT(*) AS orders,
                  COUNT(DISTINCT o.customer_id)
                FROM `p.s.orders` AS o JOIN `p.s.customers` AS c ON c.id = o.customer_id
                GROUP BY 1""");
        assertThat(l.get("month").sources()).containsExactly(src("orders", "created_at"));
        assertThat(l.get("spain_amount").sources()).containsExactly(src("customers", "country"), src("orders", "amount"));
        assertThat(l.get("orders")).isEqualTo(Derivation.NONE);
        assertThat(l.get("f0_").sources()).containsExactly(src("orders", "customer_id"));
    }

    @Test
    void aNameIsADatePartOnlyWhereTheFunctionTakesOne() {
        // events' columns are unknown: date, day and hour are its columns wherever a date part cannot stand
        Map<String, Derivation> l = lineage("""
                SELECT DATE_TRUNC(date, WEEK(MONDAY)) AS week_start, SAFE.DATE_DIFF(day, date, DAY) AS days,
                  TIMESTAMP_TRUNC(created_at, HOUR, 'UTC') AS hour_start, LAST_DAY(date, MONTH) AS month_end,
                  COALESCE(day, hour) AS first_set, FORMAT_DATE('%Y', date) AS year
                FROM `p.s.events`""");
        assertThat(l.get("week_start").sources()).containsExactly(src("events", "date"));
        assertThat(l.get("days").sources()).containsExactly(src("events", "day"), src("events", "date"));
        assertThat(l.get("hour_start").sources()).containsExactly(src("events", "created_at"));
        assertThat(l.get("month_end").sources()).containsExactly(src("events", "date"));
        assertThat(l.get("first_set").sources()).containsExactly(src("events", "day"), src("events", "hour"));
        assertThat(l.get("year").sources()).containsExactly(src("events", "date"));
    }

    @Test
    void windowFunctionsReadTheirPartitionAndOrder() {
        Map<String, Derivation> l = lineage("""
                SELECT ROW_NUMBER() OVER (PARTITION BY e.session_id ORDER BY e.created_at) AS position,
                  MIN(o.amount) OVER w AS smallest
                FROM `p.s.events` AS e JOIN `p.s.orders` AS o ON o.id = e.order_id
                WINDOW w AS (PARTITION BY o.customer_id)""");
        assertThat(l.get("position").sources()).containsExactly(src("events", "session_id"), src("events", "created_at"));
        assertThat(l.get("smallest").sources()).containsExactly(src("orders", "amount"), src("orders", "customer_id"));
    }

    @Test
    void anAggregateOrderedInsideItsWindowReadsItsOwnOrderAndTheWindows() {
        // JSqlParser's visitor throws on ARRAY_AGG(x ORDER BY y) OVER (...) without a window ORDER BY
        Map<String, Derivation> l = lineage("""
                SELECT ARRAY_AGG(o.amount ORDER BY o.created_at) OVER (PARTITION BY o.customer_id) AS amounts,
                  STRING_AGG(c.name, ',' ORDER BY c.id) OVER () AS names,
                  LAG(o.amount, 1, o.id) OVER (ORDER BY o.created_at) AS previous
                FROM `p.s.orders` AS o JOIN `p.s.customers` AS c ON c.id = o.customer_id""");
        assertThat(l.get("amounts").sources()).containsExactlyInAnyOrder(src("orders", "amount"), src("orders", "created_at"),
                src("orders", "customer_id"));
        assertThat(l.get("names").sources()).containsExactlyInAnyOrder(src("customers", "name"), src("customers", "id"));
        assertThat(l.get("previous").sources()).containsExactlyInAnyOrder(src("orders", "amount"), src("orders", "id"),
                src("orders", "created_at"));
    }

    @Test
    void aRelationsNameAloneIsItsWholeRow() {
        // BigQuery reads a lone range variable as the row as a struct, before any column of that name
        Map<String, Derivation> l = lineage("""
                SELECT TO_JSON_STRING(c) AS customer_json, FARM_FINGERPRINT(TO_JSON_STRING(e)) AS event_hash, o.id
                FROM `p.s.customers` AS c JOIN `p.s.events` AS e ON e.customer_id = c.id
                JOIN (SELECT id, amount AS c FROM `p.s.orders`) AS o ON o.id = e.order_id""");
        assertThat(l.get("customer_json").sources()).containsExactly(src("customers", "id"), src("customers", "name"), src("customers", "country"));
        // not a column "e" of events, whose columns are not known
        assertThat(l.get("event_hash").resolved()).isFalse();
        assertThat(l.get("event_hash").unresolved()).contains("whole row of p.s.events");
    }

    @Test
    void aSubqueryInAnExpressionReadsTheQuerysCtesNotTablesOfTheirName() {
        // customers is a CTE here, not the project's model of that name
        Map<String, Derivation> l = lineage("""
                WITH customers AS (SELECT id, amount AS name FROM `p.s.orders`), biggest AS (SELECT MAX(amount) AS top FROM `p.s.orders`)
                SELECT (SELECT MAX(c.name) FROM customers c WHERE c.id = o.id) AS best, (SELECT top FROM biggest) AS top,
                  o.id IN (SELECT id FROM customers) AS known, ARRAY(SELECT AS STRUCT name FROM customers) AS names
                FROM `p.s.orders` o""");
        assertThat(l.get("best").sources()).containsExactly(src("orders", "amount"));
        assertThat(l.get("top").sources()).containsExactly(src("orders", "amount"));
        assertThat(l.get("known").sources()).containsExactly(src("orders", "id"));
        assertThat(l.get("names").sources()).containsExactly(src("orders", "amount"));
    }

    @Test
    void aLambdasParametersAreTheArraysElementsNotColumns() {
        // events' columns are not known: e, x and i would be taken for its columns
        Map<String, Derivation> l = lineage("""
                SELECT ARRAY_FILTER(e.items, item -> item > e.min_price) AS kept, ARRAY_TRANSFORM(e.items, (x, i) -> x * i) AS scaled
                FROM `p.s.events` AS e""");
        assertThat(l.get("kept").sources()).containsExactly(src("events", "items"), src("events", "min_price"));
        assertThat(l.get("scaled").sources()).containsExactly(src("events", "items"));
    }

    @Test
    void scalarSubqueriesReadWhatTheyReturn() {
        Map<String, Derivation> l = lineage("SELECT o.id, (SELECT MAX(c.name) FROM `p.s.customers` c WHERE c.id = o.customer_id) AS top FROM `p.s.orders` o");
        assertThat(l.get("top").sources()).containsExactly(src("customers", "name"));
    }

    @Test
    void anUnqualifiedNameInASubqueryOfUnknownColumnsMayBeTheEnclosingQuerys() {
        // refunds may have a name, or the name may be the enclosing customers' (a correlated reference): not told
        Map<String, Derivation> l = lineage(
                "SELECT (SELECT name FROM `p.s.refunds` r WHERE r.customer_id = c.id LIMIT 1) AS n FROM `p.s.customers` c");
        assertThat(l.get("n").resolved()).isFalse();
        assertThat(l.get("n").unresolved()).contains("p.s.refunds", "enclosing");
        // likewise when the enclosing relation's columns are not known either
        assertThat(lineage("SELECT (SELECT MAX(total) FROM `p.s.refunds`) AS m FROM `p.s.events`").get("m").resolved()).isFalse();
        // no enclosing relation can have it: it is the subquery's
        assertThat(lineage("SELECT (SELECT MAX(total) FROM `p.s.refunds`) AS m FROM `p.s.customers`").get("m").sources())
                .containsExactly(src("refunds", "total"));
    }

    @Test
    void leavesWhatItCannotFollowUnresolved() {
        Map<String, Derivation> l = lineage("""
                SELECT e.user_id, session_id
                FROM `p.s.events` AS e, UNNEST(e.items) AS item
                JOIN `p.s.refunds` AS r ON r.user_id = e.user_id""");
        assertThat(l.get("user_id").sources()).containsExactly(src("events", "user_id"));
        // two tables whose columns are unknown (and the items' struct fields): any could hold it, so it is not guessed
        assertThat(l.get("session_id").unresolved()).contains("p.s.events", "p.s.refunds", "UNNEST(e.items)");
        assertThat(l.get("session_id").sources()).isEmpty();
        // the reason names what is not followed
        assertThat(lineage("FROM `p.s.orders` |> WHERE amount > 0 |> SELECT id").get("*").unresolved()).contains("pipe syntax");
    }

    @Test
    void unnestedElementsTheirFieldsAndTheirOffsetDeriveFromTheArray() {
        Map<String, Derivation> l = lineage("""
                SELECT item, item.sku AS sku, pos, o.id, word, day, tag
                FROM `p.s.orders` AS o, UNNEST(o.items) AS item WITH OFFSET AS pos
                JOIN `p.s.customers` AS c ON c.id = o.customer_id
                CROSS JOIN UNNEST(SPLIT(c.name, ' ')) AS word
                LEFT JOIN UNNEST(GENERATE_DATE_ARRAY(DATE '2024-01-01', CURRENT_DATE())) AS day
                JOIN UNNEST(o.tags) tag ON TRUE""");
        assertThat(l.get("item").sources()).containsExactly(src("orders", "items"));
        assertThat(l.get("sku").sources()).containsExactly(src("orders", "items"));
        // the offset is the element's position in the array: it changes when the array does
        assertThat(l.get("pos").sources()).containsExactly(src("orders", "items"));
        assertThat(l.get("id").sources()).containsExactly(src("orders", "id"));
        assertThat(l.get("word").sources()).containsExactly(src("customers", "name"));
        assertThat(l.get("day")).isEqualTo(Derivation.NONE);
        assertThat(l.get("tag").sources()).containsExactly(src("orders", "tags"));

        // a name no known table has is a field of the struct elements; WITH OFFSET alone names the column offset
        Map<String, Derivation> fields = lineage("SELECT sku, offset, amount FROM `p.s.orders` AS o, UNNEST(o.items) WITH OFFSET");
        assertThat(fields.get("sku").sources()).containsExactly(src("orders", "items"));
        assertThat(fields.get("offset").sources()).containsExactly(src("orders", "items"));
        assertThat(fields.get("amount").sources()).containsExactly(src("orders", "amount"));
    }

    @Test
    void implicitArrayJoinsReadTheArrayOfTheRelationBeforeThem() {
        Map<String, Derivation> l = lineage("""
                SELECT a, a.city, addresses, c.name
                FROM `p.s.customers` AS c, c.addresses AS a LEFT JOIN c.addresses""");
        assertThat(l.get("a").sources()).containsExactly(src("customers", "addresses"));
        assertThat(l.get("city").sources()).containsExactly(src("customers", "addresses"));
        // without an alias the element is named by the path's last name
        assertThat(l.get("addresses").sources()).containsExactly(src("customers", "addresses"));
        assertThat(l.get("name").sources()).containsExactly(src("customers", "name"));
        assertThat(lineage("SELECT x FROM `p.s.events` AS e, e.payload.lines AS x").get("x").sources())
                .containsExactly(src("events", "payload"));
    }

    @Test
    void selectStarOfAnArrayCannotListTheFieldsOfItsElements() {
        Map<String, Derivation> l = lineage("SELECT * FROM `p.s.customers` AS c, UNNEST(c.tags) AS tag");
        assertThat(l.keySet()).containsExactly("id", "name", "country", ColumnLineage.UNKNOWN_STAR);
        assertThat(l.get("*").unresolved()).contains("UNNEST(c.tags)", "structs");
    }

    @Test
    void pivotedColumnsDeriveFromWhatTheirAggregateReadsAndTheOtherColumnsPassThrough() {
        Map<String, Derivation> l = lineage("""
                SELECT * FROM (SELECT customer_id, amount, created_at FROM `p.s.orders`)
                  PIVOT(SUM(amount) AS total, COUNT(*) AS n FOR created_at IN ('2024' AS y2024, 1, -1))""");
        // BigQuery's names: aggregate alias _ value name; 1 is _1, -1 minus_1; one column per value and aggregate
        assertThat(l.keySet()).containsExactly("customer_id", "total_y2024", "n_y2024", "total__1", "n__1", "total_minus_1", "n_minus_1");
        assertThat(l.get("customer_id").sources()).containsExactly(src("orders", "customer_id"));
        // the FOR column picks the rows each column aggregates, as a WHERE does: not a source
        assertThat(l.get("total_minus_1").sources()).containsExactly(src("orders", "amount"));
        assertThat(l.get("n_y2024")).isEqualTo(Derivation.NONE);

        Map<String, Derivation> named = lineage("SELECT p.Q1, p.id FROM `p.s.orders` PIVOT(MAX(amount) FOR created_at IN ('Q1')) AS p");
        assertThat(named.get("Q1").sources()).containsExactly(src("orders", "amount"));
        assertThat(named.get("id").sources()).containsExactly(src("orders", "id"));

        // events' columns are not known: a name the pivot does not make is one of its grouping columns
        Map<String, Derivation> unknown = lineage(
                "SELECT session_id, home FROM `p.s.events` AS e PIVOT(COUNT(e.user_id) FOR event_type IN ('home'))");
        assertThat(unknown.get("home").sources()).containsExactly(src("events", "user_id"));
        assertThat(unknown.get("session_id").sources()).containsExactly(src("events", "session_id"));

        // a value BigQuery cannot name a column after without an alias (a float) is not guessed
        assertThat(lineage("SELECT * FROM `p.s.orders` PIVOT(SUM(amount) FOR customer_id IN (1.5))").get("*").unresolved())
                .contains("alias");
    }

    @Test
    void unpivotedValuesDeriveFromEveryUnpivotedColumnAndTheNameColumnFromNone() {
        Map<String, Derivation> l = lineage("""
                SELECT * FROM (SELECT id, amount, customer_id FROM `p.s.orders`) UNPIVOT(value FOR field IN (amount, customer_id))""");
        assertThat(l.keySet()).containsExactly("id", "value", "field");
        assertThat(l.get("id").sources()).containsExactly(src("orders", "id"));
        assertThat(l.get("value").sources()).containsExactly(src("orders", "amount"), src("orders", "customer_id"));
        assertThat(l.get("field")).isEqualTo(Derivation.NONE);

        Map<String, Derivation> sets = lineage("""
                SELECT * FROM `p.s.customers` UNPIVOT((a, b) FOR which IN ((id, name) AS 'first', (country, name) AS 'second')) AS u""");
        assertThat(sets.keySet()).containsExactly("a", "b", "which");
        assertThat(sets.get("a").sources()).containsExactly(src("customers", "id"), src("customers", "country"));
        assertThat(sets.get("b").sources()).containsExactly(src("customers", "name"));
    }

    @Test
    void valuesRowsNamedByTheirAliasAreConstants() {
        assertThat(lineage("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (n, s)"))
                .containsExactly(Map.entry("n", Derivation.NONE), Map.entry("s", Derivation.NONE));
        assertThat(lineage("SELECT v.n FROM (VALUES (1, 'a')) AS v (n, s)")).containsExactly(Map.entry("n", Derivation.NONE));
        // without names each engine names the columns its own way
        assertThat(lineage("SELECT * FROM (VALUES (1, 'a')) AS v").get("*").unresolved()).contains("VALUES");
    }

    @Test
    void recursiveCteColumnsDeriveFromTheBaseAndEveryRoundOfTheRecursivePart() {
        Map<String, Derivation> l = lineage("""
                WITH RECURSIVE chain AS (
                  SELECT id, customer_id AS root, 0 AS depth FROM `p.s.orders`
                  UNION ALL
                  SELECT o.id, chain.root, chain.depth + o.amount FROM chain JOIN `p.s.orders` AS o ON o.customer_id = chain.id
                )
                SELECT id, root, depth FROM chain""");
        assertThat(l.get("id").sources()).containsExactly(src("orders", "id"));
        assertThat(l.get("root").sources()).containsExactly(src("orders", "customer_id"));
        assertThat(l.get("depth").sources()).containsExactly(src("orders", "amount"));

        // the recursive part rotates the columns: a reaches name only in the second round, through c
        Map<String, Derivation> rotated = lineage("""
                WITH RECURSIVE r (a, b, c) AS (SELECT id, name, country FROM `p.s.customers` UNION ALL SELECT c, a, b FROM r WHERE FALSE)
                SELECT a, b, c FROM r""");
        assertThat(rotated.get("a").sources()).containsExactly(src("customers", "id"), src("customers", "country"), src("customers", "name"));
        assertThat(rotated.get("b").sources()).containsExactly(src("customers", "name"), src("customers", "id"), src("customers", "country"));
        assertThat(rotated.get("c").sources()).containsExactly(src("customers", "country"), src("customers", "name"), src("customers", "id"));

        // a CTE read before WITH RECURSIVE defines it is not taken for a table of that name
        assertThat(lineage("WITH RECURSIVE a AS (SELECT x FROM b), b AS (SELECT 1 AS x) SELECT x FROM a").get("x").unresolved())
                .contains("before WITH RECURSIVE defines it");
    }

    @Test
    void rowsWrittenAsAnArrayOfStructsAreConstantsNamedByTheFirstStruct() {
        Map<String, Derivation> l = lineage("SELECT * FROM UNNEST([STRUCT('ES' AS code, 'Spain' AS name), STRUCT('FR', 'France')])");
        assertThat(l).containsExactly(Map.entry("code", Derivation.NONE), Map.entry("name", Derivation.NONE));
    }

    @Test
    void namesATableOutsideTheProjectAsWritten() {
        Map<String, Derivation> l = lineage("SELECT x.a FROM `other.dataset.thing` AS x");
        assertThat(l.get("a").sources()).containsExactly(new ColumnSource("other.dataset.thing", "a"));
    }
}
