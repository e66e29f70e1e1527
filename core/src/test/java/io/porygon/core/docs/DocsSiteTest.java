package io.porygon.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porygon.core.Porygon;
import io.porygon.core.graph.Action;
import io.porygon.core.graph.ActionDescriptor;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.AssertionAction;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.lineage.ColumnSource;
import io.porygon.core.lineage.Derivation;
import io.porygon.core.graph.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docs site of a small SQLX project and of the bundled pipeline, without a warehouse. */
class DocsSiteTest {
    @TempDir Path project;
    @TempDir Path out;

    private CompiledGraph smallProject() throws IOException {
        write("workflow_settings.yaml", """
                defaultProject: acme
                defaultDataset: analytics
                defaultLocation: US
                defaultAssertionDataset: checks
                """);
        write("definitions/sources/orders.sqlx", """
                config {
                  type: "declaration", schema: "raw", name: "orders",
                  description: "Raw orders <script>alert('x')</script> & \\"friends\\""
                }
                """);
        write("definitions/intermediate/orders_clean.sqlx", """
                config {
                  type: "table",
                  tags: ["daily", "<b>bold</b>"],
                  description: "Cleaned orders.",
                  columns: { order_id: "Order id <pk>.", amount: "Amount in EUR." },
                  assertions: { nonNull: ["order_id"] }
                }
                SELECT order_id, amount FROM ${ref("orders")} WHERE amount < 1000
                """);
        write("definitions/reporting/big_orders.sqlx", """
                config { type: "view", schema: "reports" }
                SELECT order_id, amount FROM ${ref("orders_clean")} WHERE amount >= 100
                """);
        write("definitions/reporting/order_totals.sqlx", """
                config { type: "table", schema: "reports" }
                SELECT COUNT(*) AS n, SUM(amount) AS total FROM ${ref("big_orders")}
                """);
        write("definitions/assertions/positive_amounts.sqlx", """
                config { type: "assertion" }
                SELECT * FROM ${ref("orders_clean")} WHERE amount <= 0
                """);
        write("definitions/maintenance/vacuum.sqlx", "config { type: \"operations\" }\nSELECT 1\n");
        write("definitions/maintenance/analyze.sqlx", "config { type: \"operations\" }\nSELECT 2\n");
        CompiledGraph graph = Porygon.compile(project);
        assertThat(graph.graphErrors()).isEmpty();
        return graph;
    }

    @Test
    void aBuiltInAssertionOfAFileDirectlyUnderDefinitionsIsInItsTablesLayer() {
        // such a file's layer is its schema; the assertion's own schema is the assertions dataset
        Target table = new Target("acme", "ds", "src");
        AssertionAction builtIn = new AssertionAction(new Target("acme", "ds_assert", "ds_src_assertions_uniqueKey_0"), "SELECT 1",
                table, List.of(table), List.of(), ActionDescriptor.EMPTY, false, "definitions/src.sqlx", 3);
        AssertionAction custom = new AssertionAction(new Target("acme", "ds_assert", "mine"), "SELECT 1",
                null, List.of(table), List.of(), ActionDescriptor.EMPTY, false, "definitions/mine.sqlx", 1);
        assertThat(DocsModelBuilder.layer(builtIn)).isEqualTo("ds");
        assertThat(DocsModelBuilder.layer(custom)).isEqualTo("ds_assert");
    }

    @Test
    void lineageEdgesNeighboursAndAssertionsFollowTheRefs() throws IOException {
        DocsModel model = new DocsModelBuilder(smallProject()).build("acme", Optional.empty());
        Map<String, ActionDoc> byId = model.byId();

        assertThat(model.edges().stream().map(e -> e.from() + " -> " + e.to()).toList()).contains(
                "acme.raw.orders -> acme.analytics.orders_clean",
                "acme.analytics.orders_clean -> acme.reports.big_orders",
                "acme.reports.big_orders -> acme.reports.order_totals",
                "acme.analytics.orders_clean -> acme.checks.positive_amounts");
        ActionDoc clean = byId.get("acme.analytics.orders_clean");
        assertThat(clean.upstream()).containsExactly("acme.raw.orders");
        assertThat(clean.downstream()).containsExactly("acme.reports.big_orders"); // assertions are listed apart
        assertThat(clean.customAssertions()).containsExactly("acme.checks.positive_amounts");
        assertThat(clean.builtinAssertions()).singleElement().asString().contains("orders_clean");
        assertThat(clean.layer()).isEqualTo("intermediate");
        assertThat(clean.columns()).extracting(c -> String.join(".", c.path())).containsExactly("order_id", "amount");
        assertThat(clean.sql()).singleElement().satisfies(s -> assertThat(s.sql()).contains("`acme.raw.orders`"));
        assertThat(byId.get("acme.raw.orders").rowCount()).isNull();

        LineageLayout.Layout layout = DocsSite.lineage(model);
        Map<String, LineageLayout.Node> at = layout.byId();
        assertThat(at).doesNotContainKey("acme.checks.positive_amounts");
        assertThat(List.of(at.get("acme.raw.orders").column(), at.get("acme.analytics.orders_clean").column(),
                at.get("acme.reports.big_orders").column(), at.get("acme.reports.order_totals").column())).containsExactly(0, 1, 2, 3);
    }

    @Test
    void anActionThatDependsOnAnAssertionIsDrawnWithArrowsFromWhatTheAssertionReads() throws IOException {
        smallProject();
        write("definitions/reporting/checked_totals.sqlx", """
                config { type: "table", schema: "reports", dependencies: ["positive_amounts", "analytics_orders_clean_assertions_rowConditions"] }
                SELECT 1 AS n
                """);
        write("definitions/intermediate/orders_clean.sqlx", """
                config { type: "table", assertions: { nonNull: ["order_id"], rowConditions: ["amount > 0"] } }
                SELECT order_id, amount FROM ${ref("orders")}
                """);
        CompiledGraph graph = Porygon.compile(project);
        assertThat(graph.graphErrors()).isEmpty();
        DocsModel model = new DocsModelBuilder(graph).build("acme", Optional.empty());
        LineageLayout.Layout layout = DocsSite.lineage(model);
        List<String> drawn = layout.edges().stream().map(e -> e.from() + " -> " + e.to()).toList();
        assertThat(drawn).contains("acme.raw.orders -> acme.analytics.orders_clean")
                .containsOnlyOnce("acme.analytics.orders_clean -> acme.reports.checked_totals") // through either assertion
                .doesNotHaveDuplicates()
                .noneMatch(e -> e.contains("checks."));
    }

    @Test
    void anAssertionThatRunsAfterAnotherIsItsDownstreamNotACustomAssertionOfIt() throws IOException {
        smallProject();
        write("definitions/assertions/after_positive.sqlx", """
                config { type: "assertion", dependencies: ["positive_amounts"] }
                SELECT * FROM ${ref("orders_clean")} WHERE amount > 1000
                """);
        CompiledGraph graph = Porygon.compile(project);
        assertThat(graph.graphErrors()).isEmpty();
        Map<String, ActionDoc> byId = new DocsModelBuilder(graph).build("acme", Optional.empty()).byId();

        ActionDoc positive = byId.get("acme.checks.positive_amounts");
        assertThat(positive.customAssertions()).isEmpty(); // after_positive checks orders_clean, not positive_amounts
        assertThat(positive.downstream()).containsExactly("acme.checks.after_positive");
        assertThat(byId.get("acme.checks.after_positive").upstream())
                .containsExactlyInAnyOrder("acme.checks.positive_amounts", "acme.analytics.orders_clean");
        assertThat(byId.get("acme.analytics.orders_clean").customAssertions())
                .containsExactly("acme.checks.after_positive", "acme.checks.positive_amounts");
    }

    @Test
    void aUnitTestsInputsAreWhatItsDatasetReadsNotTheAssertionsItRunsAfter() throws IOException {
        smallProject();
        write("definitions/reporting/checked.sqlx", """
                config { type: "view", schema: "reports", dependencies: ["positive_amounts"] }
                SELECT order_id FROM ${ref("orders_clean")}
                """);
        write("definitions/tests/checked_test.sqlx", """
                config { type: "test", dataset: { schema: "reports", name: "checked" } }
                input "orders_clean" { SELECT 1 AS order_id, 5 AS amount }
                SELECT 1 AS order_id
                """);
        CompiledGraph graph = Porygon.compile(project);
        assertThat(graph.graphErrors()).isEmpty();
        DocsModel model = new DocsModelBuilder(graph).build("acme", Optional.empty());
        // the test gives no rows for positive_amounts, which the view only runs after
        assertThat(model.tests()).singleElement().satisfies(t -> assertThat(t.inputs()).containsExactly("acme.analytics.orders_clean"));
    }

    @Test
    void aTableOfAnotherDatasetIsNotTheProjectsActionOfThatName() throws IOException {
        smallProject();
        write("definitions/reporting/archived.sqlx", """
                config { type: "table", schema: "reports" }
                SELECT a.order_id, o.amount FROM `acme.archive.orders_clean` AS a JOIN `analytics.orders_clean` AS o USING (order_id)
                """);
        CompiledGraph graph = Porygon.compile(project);
        assertThat(graph.graphErrors()).isEmpty();
        DocsModel model = new DocsModelBuilder(graph).build("acme", Optional.empty());
        ActionDoc archived = model.actions().stream().filter(a -> a.name().equals("archived")).findFirst().orElseThrow();
        // archive.orders_clean is no action of the project: it keeps its written name; analytics.orders_clean is the model
        assertThat(archived.lineage().columns().get(0).derivation().sources())
                .containsExactly(new ColumnSource("acme.archive.orders_clean", "order_id"));
        assertThat(archived.lineage().columns().get(1).derivation().sources())
                .containsExactly(new ColumnSource("acme.analytics.orders_clean", "amount"));
    }

    @Test
    void aScriptVariableOfThePreOperationsIsDerivedFromWhatTheyGiveIt() throws IOException {
        smallProject();
        write("definitions/reporting/recent.sqlx", """
                config { type: "table", schema: "reports" }
                pre_operations {
                  DECLARE newest DEFAULT (SELECT MAX(c.order_id) FROM ${ref("orders_clean")} AS c);
                  DECLARE k, margin INT64 DEFAULT 2;
                  SET margin = (SELECT MIN(amount) FROM ${ref("big_orders")});
                }
                SELECT o.order_id, newest AS latest, o.order_id - margin AS shifted, k FROM ${ref("orders")} AS o
                """);
        CompiledGraph graph = Porygon.compile(project);
        assertThat(graph.graphErrors()).isEmpty();
        ActionDoc recent = new DocsModelBuilder(graph).build("acme", Optional.empty()).actions().stream()
                .filter(a -> a.name().equals("recent")).findFirst().orElseThrow();
        Map<String, Derivation> columns = new java.util.HashMap<>();
        recent.lineage().columns().forEach(c -> columns.put(c.name(), c.derivation()));
        // not columns "newest" and "margin" of the source orders, whose columns are not known
        assertThat(columns.get("latest").sources()).containsExactly(new ColumnSource("acme.analytics.orders_clean", "order_id"));
        assertThat(columns.get("shifted").sources()).containsExactly(new ColumnSource("acme.raw.orders", "order_id"),
                new ColumnSource("acme.reports.big_orders", "amount"));
        assertThat(columns.get("k")).isEqualTo(Derivation.NONE);
    }

    @Test
    void anIncrementalCardShowsWhatAnIncrementalRunDoesAndSends() throws IOException {
        smallProject();
        write("definitions/intermediate/orders_inc.sqlx", """
                config {
                  type: "incremental", uniqueKey: ["order_id"], onSchemaChange: "EXTEND",
                  bigquery: { partitionBy: "order_date", updatePartitionFilter: "order_date >= '2024-01-01'" }
                }
                pre_operations {
                  ${when(incremental(), `DECLARE wm DATE DEFAULT (SELECT MAX(order_date) FROM ${self()});`, `SELECT 'first';`)}
                }
                SELECT order_id, order_date FROM ${ref("orders")} ${when(incremental(), `WHERE order_date > wm`)}
                post_operations {
                  ${when(incremental(), `SELECT 'after increment';`)}
                }
                """);
        write("definitions/intermediate/orders_days.sqlx", """
                config { type: "incremental", incrementalStrategy: "INSERT_OVERWRITE", bigquery: { partitionBy: "order_date" } }
                SELECT order_id, order_date FROM ${ref("orders")}
                """);
        write("definitions/intermediate/orders_log.sqlx", """
                config { type: "incremental" }
                SELECT order_id FROM ${ref("orders")}
                """);
        CompiledGraph graph = Porygon.compile(project);
        assertThat(graph.graphErrors()).isEmpty();
        Map<String, ActionDoc> byId = new DocsModelBuilder(graph).build("acme", Optional.empty()).byId();

        ActionDoc inc = byId.get("acme.analytics.orders_inc");
        assertThat(inc.settings()).containsEntry("incremental run", "merges the new rows on the unique key")
                .containsEntry("on schema change", "EXTEND").containsEntry("update partition filter", "order_date >= '2024-01-01'");
        // the incremental run's own pre- and post-operations: the variable its query reads is declared there
        assertThat(inc.sql()).extracting(ActionDoc.SqlSection::label)
                .containsExactly("pre-operation", "query", "incremental pre-operation", "incremental query", "incremental post-operation");
        assertThat(inc.sql()).filteredOn(q -> q.label().equals("incremental pre-operation")).singleElement()
                .satisfies(q -> assertThat(q.sql()).contains("DECLARE wm DATE"));
        assertThat(inc.sql()).filteredOn(q -> q.label().equals("incremental post-operation")).singleElement()
                .satisfies(q -> assertThat(q.sql()).contains("after increment"));
        assertThat(byId.get("acme.analytics.orders_days").settings())
                .containsEntry("incremental run", "replaces the partitions the new rows fall in").containsEntry("on schema change", "IGNORE");
        assertThat(byId.get("acme.analytics.orders_log").settings()).containsEntry("incremental run", "appends the new rows");
        assertThat(byId.get("acme.analytics.orders_clean").settings()).doesNotContainKey("incremental run");
    }

    @Test
    void aBuiltInAssertionsCardLinksToTheTableItChecks() throws IOException {
        CompiledGraph graph = smallProject();
        String index = Files.readString(DocsSite.write(graph, Optional.empty(), out).index());
        String builtIn = graph.runnableActions().filter(a -> a instanceof AssertionAction as && as.parentAction() != null)
                .map(a -> a.target().qualifiedName()).findFirst().orElseThrow();
        String card = index.substring(index.indexOf("id=\"" + Html.anchor(builtIn) + "\""));
        card = card.substring(0, card.indexOf("<details>")); // up to its compiled SQL
        assertThat(card).contains("<div>checks: <a href=\"#" + Html.anchor("acme.analytics.orders_clean") + "\">analytics.orders_clean</a></div>");
    }

    @Test
    void siteListsEveryActionEscapesProjectTextAndWritesLineageJson() throws IOException {
        CompiledGraph graph = smallProject();
        DocsSite.Written w = DocsSite.write(graph, Optional.empty(), out);
        String index = Files.readString(w.index());

        for (Action a : graph.runnableActions().toList()) {
            assertThat(index).contains("id=\"" + Html.anchor(a.target().qualifiedName()) + "\"");
        }
        assertThat(index).contains("Raw orders &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;")
                .doesNotContain("<script>alert").doesNotContain("<b>bold</b>").contains("&lt;b&gt;bold&lt;/b&gt;")
                .contains("Order id &lt;pk&gt;.").contains("<svg").contains("2 operations,").contains(">operations</h3>")
                .doesNotContain("operationss").doesNotContain("http://cdn").doesNotContain("<link ");
        // every <a href="#..."> points at an anchor on the page
        List<String> targets = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("href=\"#([^\"]+)\"").matcher(index);
        while (m.find()) targets.add(m.group(1));
        assertThat(targets).isNotEmpty().allSatisfy(t -> assertThat(index).contains("id=\"" + t + "\""));

        JsonNode json = new ObjectMapper().readTree(w.lineage().toFile());
        assertThat(json.get("nodes")).hasSize((int) graph.runnableActions().count());
        List<String> edges = new ArrayList<>();
        json.get("edges").forEach(e -> edges.add(e.get("from").asText() + " -> " + e.get("to").asText()));
        assertThat(edges).contains("acme.raw.orders -> acme.analytics.orders_clean", "acme.reports.big_orders -> acme.reports.order_totals");

        String dashboard = Files.readString(w.dashboard());
        // no reporting views: the page says so rather than asking for a warehouse that would not help
        assertThat(dashboard).contains("this project has none").doesNotContain("No warehouse").contains("id=\"dashboard-data\"");
    }

    @Test
    void aLongNameWithAnEmojiAtTheCutIsShortenedWholeInTheLineage() throws IOException {
        // the 24th UTF-16 unit is the emoji's first half: cut there, the page could not be written as UTF-8
        write("workflow_settings.yaml", "defaultProject: acme\ndefaultDataset: analytics\ndefaultLocation: US\n");
        write("definitions/e.sqlx", "config { type: \"table\", name: \"abcdefghijklmnopqrstuvw\uD83D\uDE00xyz\" }\nSELECT 1 AS x\n");
        DocsSite.Written w = DocsSite.write(Porygon.compile(project), Optional.empty(), out);
        assertThat(Files.readString(w.index())).contains(">abcdefghijklmnopqrstuvw\uD83D\uDE00…</text>");
    }

    @Test
    void aPageAKilledDocsLeftAsideIsRemovedByTheNextDocs() throws IOException {
        long gone = Long.MAX_VALUE / 1000; // no process has an id this large
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        Path abandoned = Files.writeString(out.resolve(".index.html." + gone + ".tmp"), "half a page");
        Path anotherDocsWriting = Files.writeString(out.resolve(".dashboard.html." + alive + ".tmp"), "being written");
        Path notAPage = Files.writeString(out.resolve(".notes.txt." + gone + ".tmp"), "someone else's");

        DocsSite.write(smallProject(), Optional.empty(), out);

        assertThat(abandoned).doesNotExist();
        assertThat(anotherDocsWriting).exists();
        assertThat(notAPage).exists();
    }

    @Test
    void bundledPipelineHasEveryActionAndTheReportingLineage() throws IOException {
        CompiledGraph graph = Porygon.compile(Path.of("..", "pipelines", "thelook"));
        assertThat(graph.graphErrors()).isEmpty();
        DocsSite.Written w = DocsSite.write(graph, Optional.empty(), out);
        String index = Files.readString(w.index());
        for (Action a : graph.runnableActions().toList()) assertThat(index).contains(Html.anchor(a.target().qualifiedName()));

        DocsModel model = w.model();
        Map<String, String> idByName = model.actions().stream().filter(a -> a.type() != ActionType.ASSERTION)
                .collect(Collectors.toMap(ActionDoc::name, ActionDoc::id));
        List<String> edges = model.edges().stream().map(e -> e.from() + " -> " + e.to()).toList();
        assertThat(edges).contains(idByName.get("trx_fct") + " -> " + idByName.get("profit_view"),
                idByName.get("trx_fct") + " -> " + idByName.get("profit_matrix_view"),
                idByName.get("order_items") + " -> " + idByName.get("trx_fct"));
        LineageLayout.Layout layout = DocsSite.lineage(model);
        Map<String, LineageLayout.Node> at = layout.byId();
        assertThat(at.get(idByName.get("users")).column()).isZero();
        assertThat(at.get(idByName.get("profit_matrix_view")).column()).isEqualTo(layout.columns() - 1);
        for (DocsModel.Edge e : layout.edges()) assertThat(at.get(e.from()).column()).isLessThan(at.get(e.to()).column());
        LineageLayoutTest.assertNoRouteCrossesABox(layout);
        // wider than the page's 1400 px: the drawing scales down (down to 3/4 of its size) instead of overflowing
        assertThat(index).contains("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + layout.width() + "\"")
                .contains("style=\"min-width:" + layout.width() * 3 / 4 + "px\"").contains(".lineage svg { display: block; max-width: 100%; height: auto; }");
        assertThat(model.byId().get(idByName.get("profit_view")).builtinAssertions())
                .anySatisfy(id -> assertThat(id).contains("uniqueKey")).anySatisfy(id -> assertThat(id).contains("rowConditions"));
        assertThat(model.byId().get(idByName.get("trx_fct")).customAssertions()).isNotEmpty();
        assertThat(model.byId().get(idByName.get("trx_fct")).settings()).containsEntry("unique key", "order_item_id");
        assertThat(index).contains("unique key: <code>order_item_id</code>");

        // the five unit tests, in their own section and on the tested dataset's card
        assertThat(model.tests()).hasSize(graph.tests().size()).hasSize(5);
        UnitTestDoc margins = model.tests().stream().filter(t -> t.fileName().endsWith("products_dim_margins.sqlx")).findFirst().orElseThrow();
        assertThat(margins.testedId()).isEqualTo(idByName.get("products_dim"));
        assertThat(margins.inputs()).containsExactlyInAnyOrder(idByName.get("products"), idByName.get("distribution_centers"));
        String tests = index.substring(index.indexOf("<h2 id=\"tests\">Unit tests</h2>"));
        assertThat(tests).contains("definitions/tests/products_dim_margins.sqlx", "href=\"#" + Html.anchor(idByName.get("products_dim")) + "\"",
                "href=\"#" + Html.anchor(idByName.get("distribution_centers")) + "\"");
        String card = index.substring(index.indexOf("id=\"" + Html.anchor(idByName.get("products_dim")) + "\""));
        assertThat(card.substring(0, card.indexOf("<details>"))) // before its compiled SQL
                .contains("Unit tests: <a href=\"#t-" + Html.idSafe(margins.name()) + "\">");
    }

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
