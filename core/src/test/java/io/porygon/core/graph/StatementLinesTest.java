package io.porygon.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementLinesTest {
    private static final List<String> FILE = """
            config { type: "incremental" }
            SELECT a,
              ${cols.join(",\\n  ")}
            FROM ${ref("t")}
            ${when(incremental(), `WHERE a > 1
              AND b < 2`)}
            GROUP BY a
            """.lines().toList();

    private static int[] lines(String compiled) {
        StatementLines s = new StatementLines(Map.of(compiled, 2), FILE);
        int[] out = new int[(int) compiled.lines().count()];
        for (int i = 0; i < out.length; i++) out[i] = s.lineOf(compiled, i + 1, -1);
        return out;
    }

    @Test
    void aQueryJavaScriptPassesAsAStringStartsWhereItsFirstLineIsWritten() {
        // definitions/gen.js: the call is on line 2, the query's text from line 3 on
        List<String> js = List.of("[\"a\", \"b\"].forEach(function (n) {", "  publish(\"t_\" + n).query(ctx => `",
                "SELECT 1 AS x", "UNION ALL", "SELECT emial FROM u", "`);", "});");
        String query = "\nSELECT 1 AS x\nUNION ALL\nSELECT emial FROM u\n";
        StatementLines s = StatementLines.locate(js, 2, List.of(query), List.of());
        assertThat(s.lineOf(query, 4, -1)).isEqualTo(5);
        // a query JavaScript builds otherwise starts at the call
        String built = "SELECT 2 AS y";
        assertThat(StatementLines.locate(js, 2, List.of(built), List.of()).lineOf(built, -1)).isEqualTo(2);
    }

    @Test
    void aJavaScriptQueryEndingWithAPlaceholderStillMapsLineByLine() {
        // definitions/stg.js: the template's last line is a helper's text, which the closing backtick follows
        List<String> js = List.of("publish(\"stg\", {", "  type: \"view\"", "}).query(ctx => `", "SELECT", "  '${c.name}' AS channel,",
                "  impresions", "FROM ${ctx.ref(\"src\")}", "WHERE ${sql.sinceStart(\"DATE(day)\")}`);", "publish(\"next\").query(`SELECT 1`);");
        String query = "\nSELECT\n  'google' AS channel,\n  impresions\nFROM `p.raw.src`\nWHERE DATE(day) >= DATE '2024-01-01'";
        StatementLines s = StatementLines.locate(js, 1, List.of(query), List.of());
        assertThat(s.lineOf(query, 4, -1)).isEqualTo(6);
        assertThat(s.lineOf(query, 6, -1)).isEqualTo(8);
    }

    @Test
    void linesBelowAPlaceholderThatCompiledToSeveralLinesOrNoneKeepTheirFileLine() {
        // the column list took three lines, the incremental condition none
        assertThat(lines("SELECT a,\n  b,\n  c,\n  d\nFROM `p.d.t`\n\nGROUP BY a\n"))
                .containsExactly(2, 3, 3, 3, 4, 5, 7);
    }

    @Test
    void aTemplateLiteralWrittenInPlaceMapsLineByLine() {
        assertThat(lines("SELECT a,\n  b\nFROM `p.d.t`\nWHERE a > 1\n  AND b < 2\nGROUP BY a\n"))
                .containsExactly(2, 3, 4, 5, 6, 7);
    }

    @Test
    void blocksAfterALeadingCommentAreLeftOutAsTheCompiledSqlLeavesThemOut() {
        List<String> file = List.of("-- a model", "config {", "  type: \"table\"", "}", "js { const a = 1; }", "", "SELECT", "  nope", "FROM t");
        String compiled = "-- a model\n\n\n\nSELECT\n  nope\nFROM t";
        StatementLines s = new StatementLines(Map.of(compiled, 1), file);
        assertThat(s.lineOf(compiled, 6, -1)).isEqualTo(8);
        assertThat(s.lineOf(compiled, 5, -1)).isEqualTo(7);
    }

    @Test
    void aStatementOnTheLineThatOpensItsBlockStartsAfterTheBrace() {
        List<String> file = List.of("config { type: \"table\" }", "SELECT 1 AS id", "pre_operations { SELECT 1 AS id }",
                "post_operations { SELECT a,", "  nosuchcol FROM ${self()} }");
        String pre = " SELECT 1 AS id ";
        String post = " SELECT a,\n  nosuchcol FROM `p.d.t` ";
        StatementLines s = StatementLines.locate(file, 2, List.of("\nSELECT 1 AS id\n"), List.of(pre, post));
        assertThat(s.lineOf(pre, -1)).isEqualTo(3); // not the query's line of the same text
        assertThat(s.lineOf(post, 2, -1)).isEqualTo(5);
        // a column on the block's first line counts after the brace; none on a line with a ${...}
        assertThat(s.shiftOf(pre, 1, 3)).isEqualTo("pre_operations {".length());
        assertThat(s.shiftOf(post, 1, 4)).isEqualTo("post_operations {".length());
        assertThat(s.shiftOf(post, 2, 5)).isEqualTo(-1);
    }

    @Test
    void aStatementOnTheLineThatClosesItsBlockIsFound() {
        List<String> file = List.of("config { type: \"table\" }", "SELECT 1 AS id", "post_operations {", "  SELECT 2", "  ---",
                "  SELECT nosuchcol FROM ${self()} }");
        String last = "\n  SELECT nosuchcol FROM `p.d.t` ";
        StatementLines s = StatementLines.locate(file, 2, List.of("\nSELECT 1 AS id\n"), List.of("\n  SELECT 2\n", last));
        assertThat(s.lineOf(last, -1)).isEqualTo(6);
    }

    @Test
    void anOperationOnALineOfItsOwnIsFoundInItsBlockNotOnAQueryLineOfTheSameShape() {
        // the query's line 2 and the post-operation's line 4 both compile to "SELECT <anything>"
        List<String> file = List.of("config { type: \"incremental\" }", "SELECT ${when(incremental(), \"2 AS id\", \"1 AS id\")}",
                "post_operations {", "  SELECT ${post}", "}");
        String post = "\n  SELECT error('x')\n";
        StatementLines s = StatementLines.locate(file, 2, List.of("\nSELECT 1 AS id\n"), List.of(post));
        assertThat(s.lineOf(post, -1)).isEqualTo(4);
        // the same text as the query's first line, on a line of its own in a pre_operations block below the query
        List<String> same = List.of("config { type: \"table\" }", "SELECT 1 AS id", "pre_operations {", "  SELECT 1 AS id", "}");
        String pre = "\n  SELECT 1 AS id\n";
        assertThat(StatementLines.locate(same, 2, List.of("\nSELECT 1 AS id\n"), List.of(pre)).lineOf(pre, -1)).isEqualTo(4);
    }

    @Test
    void aStatementThatDoesNotFollowTheFileIsUnknown() {
        assertThat(lines("SELECT x\nFROM y\n")).containsExactly(-1, -1);
        assertThat(new StatementLines(Map.of(), FILE).lineOf("SELECT a", 1, 9)).isEqualTo(9);
    }
}
