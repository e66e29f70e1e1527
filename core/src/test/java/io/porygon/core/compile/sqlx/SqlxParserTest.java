package io.porygon.core.compile.sqlx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import org.junit.jupiter.api.Test;

class SqlxParserTest {
    private static SqlxFile parse(String src) {
        return SqlxParser.parse("definitions/x.sqlx", src);
    }

    /** The placeholder prefix the parser adds to locate ${} expressions. */
    private static String at(int line, int column) {
        return "${__porygonAt(" + line + ", " + column + "), ";
    }

    @Test
    void splitsConfigJsAndSql() {
        SqlxFile f = parse("config { type: \"view\" }\njs { const a = 1; }\nSELECT ${a}\n");
        assertThat(f.config().text()).isEqualTo("{ type: \"view\" }");
        assertThat(f.config().line()).isEqualTo(1);
        assertThat(f.config().column()).isEqualTo(8);
        assertThat(f.js()).singleElement().satisfies(js -> assertThat(js.text()).isEqualTo(" const a = 1; "));
        assertThat(f.statements()).singleElement().satisfies(s -> assertThat(s.text()).isEqualTo("\n\nSELECT " + at(3, 8) + "a}\n"));
    }

    @Test
    void bracesInStringsAndCommentsDoNotCloseBlocks() {
        SqlxFile f = parse("config { a: \"}\", b: '}', c: `${\"}\"}`, // }\n /* } */ d: 1 }\nSELECT 1");
        assertThat(f.config().text()).endsWith("d: 1 }");
        assertThat(f.statements().get(0).text()).isEqualTo("\nSELECT 1");
    }

    @Test
    void sqlCommentsAndStringsKeepBackticksAndPlaceholdersLiteral() {
        SqlxFile f = parse("SELECT '`' -- a ` and ${x}\n/* ${y} ` */ 'a\\\\b'");
        assertThat(f.statements().get(0).text()).isEqualTo("SELECT '\\`' -- a \\` and \\${x}\n/* \\${y} \\` */ 'a\\\\\\\\b'");
    }

    @Test
    void placeholdersInsideSqlStringsAreEvaluated() {
        SqlxFile f = parse("SELECT '${v}' AS a, \"${w}\" AS b");
        assertThat(f.statements().get(0).text()).isEqualTo("SELECT '" + at(1, 9) + "v}' AS a, \"" + at(1, 22) + "w}\" AS b");
    }

    @Test
    void separatorsSplitStatements() {
        SqlxFile f = parse("config { type: \"operations\" }\nSELECT 1\n---\nSELECT 2\n  ---  \nSELECT 3");
        assertThat(f.statements()).hasSize(3);
        assertThat(f.statements().get(1).text()).isEqualTo("\nSELECT 2\n");
        assertThat(f.statements().get(2).line()).isEqualTo(5);
    }

    @Test
    void operationBlocksAndInputs() {
        SqlxFile f = parse("pre_operations { SELECT 1 }\nSELECT 2\npost_operations {\n  SELECT 3\n  ---\n  SELECT 4\n}\ninput \"users\" { SELECT 5 }\n");
        assertThat(f.preOperations()).extracting(Fragment::text).containsExactly(" SELECT 1 ");
        assertThat(f.postOperations()).extracting(Fragment::text).containsExactly("\n  SELECT 3\n", "\n  SELECT 4\n");
        assertThat(f.inputs()).singleElement().satisfies(i -> {
            assertThat(i.nameParts()).containsExactly("users");
            assertThat(i.sql().text()).isEqualTo(" SELECT 5 ");
        });
    }

    @Test
    void removedBlocksKeepLaterSqlOnItsOwnLine() {
        SqlxFile f = parse("SELECT\npre_operations {\n  SELECT 0\n}\n1");
        String text = f.statements().get(0).text();
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(4);
        assertThat(text).startsWith("SELECT\n").endsWith("\n1").contains("*/''}");
    }

    @Test
    void unterminatedBlocksAreLocatedAtTheirOpening() {
        assertThatThrownBy(() -> parse("SELECT 1\njs {\n  const a = {;\n"))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.location()).isEqualTo(new SourceLocation("definitions/x.sqlx", 2, 4));
                    assertThat(e.getMessage()).isEqualTo("unterminated js { block");
                });
        assertThatThrownBy(() -> parse("SELECT ${ref(\"a\"\n"))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.location()).isEqualTo(new SourceLocation("definitions/x.sqlx", 1, 9));
                    assertThat(e.getMessage()).isEqualTo("unterminated ${ placeholder");
                });
    }
}
