package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `porygon compile --watch` in-process: it compiles again on each change until its thread is interrupted. */
class CompileWatchTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private Thread watching;

    private void startWatching(String... args) throws InterruptedException {
        CommandLine cli = PorygonCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        watching = new Thread(() -> exitCode.set(cli.execute(args)), "compile-watch");
        watching.start();
        awaitWatching(1);
    }

    @AfterEach
    void stopWatching() throws InterruptedException {
        if (watching == null) return;
        watching.interrupt();
        watching.join(PATIENCE.toMillis());
    }

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void awaitWatching(int times) throws InterruptedException {
        await(() -> count(err.toString(), "Watching for changes") >= times);
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    @Test
    void compilesAgainAfterEachChangeAndGoesOnAfterAFailedCompile() throws Exception {
        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        startWatching("compile", "--watch", dir.toString());
        assertThat(out.toString()).contains("Compiled 1 action.");

        // waits on what a compile printed, not on how many ran: a loaded machine may see the new folder and its file apart
        write("definitions/more/b.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"nope\")}\n");
        await(() -> err.toString().contains("error: definitions/more/b.sqlx:2:") && err.toString().contains("after a change to definitions/more"));
        assertThat(err.toString()).contains("1 compile error").containsPattern("Compiled again in \\d+ ms after a change to definitions/more");

        int watchedBefore = count(err.toString(), "Watching for changes");
        write("definitions/more/b.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"a\")}\n");
        await(() -> out.toString().contains("Compiled 2 actions."));
        awaitWatching(watchedBefore + 1);
        assertThat(err.toString()).contains("after a change to definitions/more/b.sqlx.");

        watching.interrupt();
        watching.join(PATIENCE.toMillis());
        assertThat(exitCode.get()).as("the last compile's exit code").isZero();
    }

    @Test
    void settingsThatCannotBeReadAreReportedAndTheWatchGoesOn() throws Exception {
        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        startWatching("compile", "--watch", "--json", dir.toString());

        write("workflow_settings.yaml", "defaultProject: [p\n");
        awaitWatching(2);
        assertThat(err.toString()).contains("error: workflow_settings.yaml");

        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: e\n");
        awaitWatching(3);
        assertThat(out.toString()).contains("\"schema\": \"e\"");
        watching.interrupt();
        watching.join(PATIENCE.toMillis());
        assertThat(exitCode.get()).isZero();
    }

    @Test
    void filesTheCompilerDoesNotReadChangeNothing() throws Exception {
        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        startWatching("compile", "--watch", dir.toString());

        write("warehouse.duckdb", "not read by the compiler");
        write("LICENSE", "no extension: not a folder, which a deleted path could be");
        write("definitions/4913", "vim's probe that the folder can be written");
        write(".porygon/cache/compile", "hidden");
        write("node_modules/x/index.js", "module.exports = 1;");
        write("definitions/a.sqlx", "config { type: \"view\" }\nSELECT 2 AS x\n");
        awaitWatching(2);
        assertThat(err.toString()).contains("after a change to definitions/a.sqlx.").doesNotContain("warehouse.duckdb")
                .doesNotContain("node_modules").doesNotContain(".porygon")
                .doesNotContain("LICENSE").doesNotContain("4913");
    }

    @Test
    void aProjectDirectoryGivenAsALinkIsWatched() throws Exception {
        write("project/workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("project/definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("project"));
        startWatching("compile", "--watch", link.toString());

        write("project/definitions/b.sqlx", "config { type: \"view\" }\nSELECT 2 AS x\n");
        awaitWatching(2);
        assertThat(out.toString()).contains("Compiled 2 actions.");
        assertThat(err.toString()).contains("after a change to definitions/b.sqlx.");
    }

    @Test
    void aFolderMovedOutOfTheProjectIsACompileWhateverItsNameAndIsNoLongerWatched() throws Exception {
        write("project/workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("project/definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        write("project/definitions/v1.2/b.sqlx", "config { type: \"view\" }\nSELECT 2 AS x\n");
        startWatching("compile", "--watch", dir.resolve("project").toString());
        assertThat(out.toString()).contains("Compiled 2 actions.");

        Files.move(dir.resolve("project/definitions/v1.2"), dir.resolve("elsewhere"));
        awaitWatching(2);
        assertThat(out.toString()).contains("Compiled 1 action.");
        assertThat(err.toString()).contains("after a change to definitions/v1.2.");

        write("elsewhere/b.sqlx", "config { type: \"view\" }\nSELECT 3 AS x\n");
        write("project/definitions/a.sqlx", "config { type: \"view\" }\nSELECT 4 AS x\n");
        awaitWatching(3);
        assertThat(err.toString()).doesNotContain("v1.2/b.sqlx");
    }

    @Test
    void aRenamedFolderIsWatchedUnderItsNewName() throws Exception {
        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("definitions/old/a.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        startWatching("compile", "--watch", dir.toString());

        Files.move(dir.resolve("definitions/old"), dir.resolve("definitions/new"));
        awaitWatching(2);
        write("definitions/new/a.sqlx", "config { type: \"view\" }\nSELECT 2 AS x\n");
        awaitWatching(3);
        assertThat(err.toString()).contains("after a change to definitions/new/a.sqlx.").doesNotContain("definitions/old/a.sqlx");
    }

    @Test
    void theWatchEndsWithAnErrorWhenTheProjectDirectoryIsDeleted() throws Exception {
        write("project/workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("project/definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        startWatching("compile", "--watch", dir.resolve("project").toString());

        try (Stream<Path> files = Files.walk(dir.resolve("project"))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        watching.join(PATIENCE.toMillis());
        assertThat(watching.isAlive()).as("still watching").isFalse();
        assertThat(exitCode.get()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(err.toString()).contains("project: the project directory was deleted");
    }

    @Test
    void aConfigFileOutsideTheProjectIsWatchedToo() throws Exception {
        write("project/workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("project/definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        write("settings/dev.yaml", "warehouse:\n  database_mapping: ignore\n");
        startWatching("compile", "--watch", "--dialect", "duckdb", "--config", dir.resolve("settings/dev.yaml").toString(),
                dir.resolve("project").toString());
        assertThat(out.toString()).containsPattern("view +d\\.a").doesNotContain("p_d.a");

        write("settings/other.yaml", "not the --config file");
        write("settings/dev.yaml", "warehouse:\n  database_mapping: prefix\n");
        awaitWatching(2);
        assertThat(out.toString()).contains("p_d.a");
        assertThat(err.toString()).contains("after a change to " + dir.resolve("settings/dev.yaml").toRealPath() + ".")
                .doesNotContain("other.yaml");
    }

    @Test
    void aFolderCreatedWhenItsParentsEventsOverflowedIsWatched() throws Exception {
        // the watcher itself, not the command, so that nothing takes its events during the burst: a folder's key holds
        // 512 events (the JDK's AbstractWatchKey.MAX_EVENT_LIST_SIZE), then drops the rest for one OVERFLOW
        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        write("includes/keep.js", "module.exports = {};\n");
        ExecutorService waiting = Executors.newSingleThreadExecutor();
        try (ProjectWatcher watcher = new ProjectWatcher(dir, Duration.ofMillis(200), List.of());
                WatchService after = FileSystems.getDefault().newWatchService()) {
            dir.resolve("includes").register(after, StandardWatchEventKinds.ENTRY_CREATE);
            for (int i = 0; i < 600; i++) Files.createFile(dir.resolve("definitions/burst" + i + ".txt"));
            write("definitions/late/b.sqlx", "config { type: \"view\" }\nSELECT 2 AS x\n");
            // a file written last in another folder: once it is seen, the burst's events have been read too
            write("includes/last.js", "module.exports = {};\n");
            await(() -> after.poll() != null);

            Set<String> burst = watcher.awaitChange();
            assumeTrue(burst.contains("(too many changes to list)") && !burst.contains("definitions/late"),
                    "the creation of definitions/late was dropped in an overflow");
            write("definitions/late/b.sqlx", "config { type: \"view\" }\nSELECT 3 AS x\n");
            // without walking the project again after the overflow, this waited for ever: definitions/late was not watched
            assertThat(waiting.submit(watcher::awaitChange).get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).contains("definitions/late/b.sqlx");
        } finally {
            waiting.shutdownNow();
        }
    }

    @Test
    void aChangeToManyFilesNamesAFewOfThem() throws Exception {
        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        startWatching("compile", "--watch", dir.toString());

        // in a folder watched already (files written in a new one before its watch starts are not named), compiled once,
        // or in a few compiles of which one names more than five
        for (int i = 0; i < 40; i++) write("definitions/m" + i + ".sqlx", "config { type: \"view\" }\nSELECT " + i + " AS x\n");
        Pattern fewOfThem = Pattern.compile("after a change to [^\\n]* and \\d+ more\\.");
        await(() -> fewOfThem.matcher(err.toString()).find());
        assertThat(err.toString().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(200));
    }
}
