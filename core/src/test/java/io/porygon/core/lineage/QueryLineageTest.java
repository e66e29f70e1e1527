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
                SELECT item, e.user_id, session_id
                FROM `p.s.events` AS e, UNNEST(e.items) AS item
                JOIN `p.s.refunds` AS r ON r.user_id = e.user_id""");
        assertThat(l.get("item").resolved()).isFalse();
        assertThat(l.get("item").sources()).isEmpty();
        assertThat(l.get("user_id").sources()).containsExactly(src("events", "user_id"));
        // two tables whose columns are unknown: either could hold it, so it is not guessed
        assertThat(l.get("session_id").unresolved()).contains("p.s.events", "p.s.refunds");
        // the reason names what is not followed
        assertThat(lineage("FROM `p.s.orders` |> WHERE amount > 0 |> SELECT id").get("*").unresolved()).contains("pipe syntax");
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
