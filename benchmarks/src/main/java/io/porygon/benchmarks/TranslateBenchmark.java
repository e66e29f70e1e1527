package io.porygon.benchmarks;

import io.porygon.core.Porygon;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.TableAction;
import io.porygon.core.sql.DuckDbTranslator;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Translating the pipeline's compiled statements (GoogleSQL to DuckDB) against the baseline of
 * JSqlParser alone parsing and printing the same statements. The acceptance bar is a ratio of at
 * most 1.2 between the two, measured in the same run (scripts/bench-translate.sh).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranslateBenchmark {

    private static final SourceLocation LOCATION = new SourceLocation("pipelines/thelook", 1, 1);

    private List<String> statements;
    private DuckDbTranslator translator;

    @Setup
    public void load() throws JSQLParserException {
        statements = PipelineStatements.load();
        translator = new DuckDbTranslator();
        for (String s : statements) {
            // both sides must accept every statement, or the comparison is not of the same work
            CCJSqlParserUtil.parse(s, p -> p.withAllowComplexParsing(true));
            translator.translate(s, LOCATION);
        }
    }

    @Benchmark
    public void jsqlParserParseAndPrint(Blackhole bh) throws JSQLParserException {
        for (String s : statements) {
            bh.consume(CCJSqlParserUtil.parse(s, p -> p.withAllowComplexParsing(true)).toString());
        }
    }

    @Benchmark
    public void porygonTranslateToDuckDb(Blackhole bh) {
        for (String s : statements) {
            bh.consume(translator.translate(s, LOCATION));
        }
    }

    // The same two workloads side by side, one thread each, measured at the same time: on a shared
    // machine whose load drifts, their ratio is steadier than that of two runs one after the other.

    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public void baseline(Blackhole bh) throws JSQLParserException {
        jsqlParserParseAndPrint(bh);
    }

    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public void translate(Blackhole bh) {
        porygonTranslateToDuckDb(bh);
    }

    /**
     * Every SQL statement of the compiled Porygon pipeline (queries, incremental queries, pre/post
     * operations, operations and assertions) that JSqlParser alone can parse too: the baseline
     * needs the same input. The pipeline directory is {@code -Dporygon.pipeline} (default
     * pipelines/thelook, from the repository root).
     */
    static final class PipelineStatements {
        private PipelineStatements() {}

        static List<String> load() {
            CompiledGraph graph = Porygon.compile(Path.of(System.getProperty("porygon.pipeline", "pipelines/thelook")));
            List<String> all = new ArrayList<>();
            for (TableAction t : graph.tables()) {
                all.add(t.query());
                if (t.incrementalQuery() != null && !t.incrementalQuery().equals(t.query())) all.add(t.incrementalQuery());
                all.addAll(t.preOps());
                all.addAll(t.postOps());
            }
            graph.operations().forEach(o -> all.addAll(o.queries()));
            graph.assertions().forEach(a -> all.add(a.query()));
            List<String> parseable = all.stream().filter(s -> !s.isBlank()).filter(PipelineStatements::jsqlParserAccepts).toList();
            System.out.printf("pipeline statements: %d compiled, %d that JSqlParser alone parses are measured%n", all.size(), parseable.size());
            return parseable;
        }

        private static boolean jsqlParserAccepts(String sql) {
            try {
                CCJSqlParserUtil.parse(sql, p -> p.withAllowComplexParsing(true));
                return true;
            } catch (JSQLParserException e) {
                return false;
            }
        }
    }
}
