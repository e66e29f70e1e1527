package io.porygon.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedTranslatorTest {
    static final SourceLocation AT = new SourceLocation("definitions/t.sqlx", 1, 1);
    static final String SQL = "SELECT SAFE_DIVIDE(a, b) AS r FROM `p.d.t`";

    @TempDir
    Path dir;

    /** The real translator, remembering which statements reached it. */
    static final class Counting implements Translator {
        final List<String> seen = new ArrayList<>();
        final DuckDbTranslator real = new DuckDbTranslator();

        @Override
        public String translate(String googleSql, SourceLocation location) {
            seen.add(googleSql);
            return real.translate(googleSql, location);
        }

        @Override
        public ScriptTranslation translateViewQuery(String googleSql, SourceLocation location, ScriptScope scope) {
            seen.add(googleSql);
            return real.translateViewQuery(googleSql, location, scope);
        }
    }

    @Test
    void aSavedTranslationIsServedByTheNextRunWithoutTranslatingAgain() {
        Path file = dir.resolve("cache/translations");
        Counting first = new Counting();
        CachedTranslator run1 = CachedTranslator.open(first, file, "build-1");
        String translated = run1.translate(SQL, AT);
        run1.save();

        Counting second = new Counting();
        assertThat(CachedTranslator.open(second, file, "build-1").translate(SQL, AT)).isEqualTo(translated);
        assertThat(first.seen).containsExactly(SQL);
        assertThat(second.seen).isEmpty();
    }

    @Test
    void aViewsQueryIsKeptApartFromTheSameQueryRunForItsRows() {
        Path file = dir.resolve("translations");
        String sorted = "SELECT a FROM `p.d.t` ORDER BY a";
        CachedTranslator run1 = CachedTranslator.open(new Counting(), file, "build-1");
        String asView = run1.translateViewQuery(sorted, AT, ScriptScope.EMPTY).sql();
        String asQuery = run1.translate(sorted, AT);
        run1.save();

        CachedTranslator run2 = CachedTranslator.open(new Counting(), file, "build-1");
        assertThat(run2.translate(sorted, AT)).isEqualTo(asQuery).contains("ORDER BY");
        assertThat(run2.translateViewQuery(sorted, AT, ScriptScope.EMPTY).sql()).isEqualTo(asView).doesNotContain("ORDER BY");
    }

    @Test
    void anotherFingerprintIgnoresTheFile() {
        Path file = dir.resolve("translations");
        CachedTranslator run1 = CachedTranslator.open(new Counting(), file, "build-1");
        run1.translate(SQL, AT);
        run1.save();

        Counting other = new Counting();
        CachedTranslator.open(other, file, "build-2").translate(SQL, AT);
        assertThat(other.seen).containsExactly(SQL);
    }

    @Test
    void onlyTheStatementsOfTheLastRunAreKept() {
        Path file = dir.resolve("translations");
        CachedTranslator run1 = CachedTranslator.open(new Counting(), file, "b");
        run1.translate("SELECT 1 AS one", AT);
        run1.translate(SQL, AT);
        run1.save();
        CachedTranslator run2 = CachedTranslator.open(new Counting(), file, "b");
        run2.translate(SQL, AT);
        run2.save();

        Counting third = new Counting();
        CachedTranslator run3 = CachedTranslator.open(third, file, "b");
        run3.translate("SELECT 1 AS one", AT);
        run3.translate(SQL, AT);
        assertThat(third.seen).containsExactly("SELECT 1 AS one");
    }

    @Test
    void failuresAreNotStoredAndAreReportedEveryTime() {
        Path file = dir.resolve("translations");
        String bad = "SELECT NO_SUCH_FUNCTION(1)";
        CachedTranslator run1 = CachedTranslator.open(new Counting(), file, "b");
        assertThatThrownBy(() -> run1.translate(bad, AT)).isInstanceOf(PorygonException.class);
        run1.save();
        assertThatThrownBy(() -> CachedTranslator.open(new Counting(), file, "b").translate(bad, AT))
                .isInstanceOf(PorygonException.class);
    }

    @Test
    void aDamagedFileIsIgnored() throws Exception {
        Path file = dir.resolve("translations");
        CachedTranslator run1 = CachedTranslator.open(new Counting(), file, "b");
        run1.translate(SQL, AT);
        run1.save();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Counting next = new Counting();
        assertThat(CachedTranslator.open(next, file, "b").translate(SQL, AT)).isEqualTo(new DuckDbTranslator().translate(SQL, AT));
        assertThat(next.seen).containsExactly(SQL);
    }

    /** The real translator with BigQuery scripting, remembering which statements reached it. */
    static final class CountingScripts implements Translator {
        final List<String> seen = new ArrayList<>();
        final DuckDbTranslator real = new DuckDbTranslator();

        @Override
        public String translate(String googleSql, SourceLocation location) {
            return translate(googleSql, location, ScriptScope.EMPTY).sql();
        }

        @Override
        public ScriptTranslation translate(String googleSql, SourceLocation location, ScriptScope scope) {
            seen.add(googleSql);
            return real.translate(googleSql, location, scope);
        }

        @Override
        public List<String> endOfScript(ScriptScope scope) {
            return real.endOfScript(scope);
        }
    }

    @Test
    void theSameTextAfterOtherDeclarationsIsAnotherEntryAndTheScopeSurvivesTheCache() {
        Path file = dir.resolve("translations");
        String declare = "DECLARE cutoff INT64 DEFAULT 3";
        String query = "SELECT id FROM t WHERE id > cutoff";
        CachedTranslator run1 = CachedTranslator.open(new CountingScripts(), file, "b");
        ScriptTranslation declared = run1.translate(declare, AT, ScriptScope.EMPTY);
        String withVariable = run1.translate(query, AT, declared.scope()).sql();
        String withoutVariable = run1.translate(query, AT, ScriptScope.EMPTY).sql();
        run1.save();
        assertThat(withVariable).isEqualTo("SELECT id FROM t WHERE id > getvariable('cutoff')");
        assertThat(withoutVariable).isEqualTo("SELECT id FROM t WHERE id > cutoff");

        CountingScripts second = new CountingScripts();
        CachedTranslator run2 = CachedTranslator.open(second, file, "b");
        ScriptTranslation again = run2.translate(declare, AT, ScriptScope.EMPTY);
        assertThat(again).isEqualTo(declared);
        assertThat(again.scope().names()).containsExactly("cutoff");
        assertThat(run2.translate(query, AT, again.scope()).sql()).isEqualTo(withVariable);
        assertThat(run2.translate(query, AT, ScriptScope.EMPTY).sql()).isEqualTo(withoutVariable);
        assertThat(second.seen).isEmpty();
        assertThat(run2.endOfScript(again.scope())).containsExactly("RESET VARIABLE \"cutoff\"");
    }

    @Test
    void aTemporaryFunctionOfAnEarlierPieceKeysTheEntryAndSurvivesTheCache() {
        Path file = dir.resolve("translations");
        String define = "CREATE TEMP FUNCTION twice(x INT64) AS (x * 2)";
        String query = "SELECT twice(id) AS d FROM t";
        CachedTranslator run1 = CachedTranslator.open(new CountingScripts(), file, "b");
        ScriptTranslation defined = run1.translate(define, AT, ScriptScope.EMPTY);
        assertThat(run1.translate(query, AT, defined.scope()).sql()).isEqualTo("SELECT twice(id) AS d FROM t");
        run1.save();

        CountingScripts second = new CountingScripts();
        CachedTranslator run2 = CachedTranslator.open(second, file, "b");
        ScriptTranslation again = run2.translate(define, AT, ScriptScope.EMPTY);
        assertThat(again).isEqualTo(defined);
        assertThat(run2.translate(query, AT, again.scope()).sql()).isEqualTo("SELECT twice(id) AS d FROM t");
        assertThat(second.seen).isEmpty();
        // without the definition before it the cached entry does not apply: the call is unknown
        assertThatThrownBy(() -> run2.translate(query, AT, ScriptScope.EMPTY)).hasMessageContaining("TWICE");
        assertThat(run2.endOfScript(again.scope())).containsExactly("DROP MACRO IF EXISTS temp.main.twice");
    }
}
