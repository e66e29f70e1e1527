package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A warehouse file that cannot be opened is an error whose hint fits the cause, and no stack trace. */
class WarehouseOpenErrorsTest {
    @TempDir Path dir;

    private Path warehouseWithData() {
        Path file = dir.resolve("w.duckdb");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(file))) {
            engine.execute("CREATE TABLE t AS SELECT i, 'row ' || i AS s FROM range(2000000) r(i)");
        }
        return file;
    }

    @Test
    void aDamagedFileIsCalledDamagedNotLocked() throws Exception {
        Path file = warehouseWithData();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(12); // the storage version, which the header's checksum covers
            raf.write(new byte[] {1, 2, 3, 4});
        }
        CliRun.Result r = CliRun.run("history", "--warehouse", file.toString());
        assertThat(r.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        // DuckDB's message says "block": that is no lock held by another process
        assertThat(r.err()).contains("cannot open the warehouse").contains("hint: the file is damaged or truncated")
                .doesNotContain("another process").doesNotContain("Exception");
    }

    @Test
    void aTruncatedCopyIsCalledDamaged() throws Exception {
        Path file = warehouseWithData();
        Path copy = dir.resolve("copy.duckdb");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).isGreaterThan(1_000_000);
        Files.write(copy, java.util.Arrays.copyOf(bytes, 1_000_000));
        CliRun.Result r = CliRun.run("history", "--warehouse", copy.toString());
        assertThat(r.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(r.err()).contains("hint: the file is damaged or truncated").doesNotContain("Exception");
    }

    @Test
    void aFolderNamedAsTheWarehouseIsCalledAFolder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("wh"));
        CliRun.Result r = CliRun.run("history", "--warehouse", folder.toString());
        assertThat(r.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(r.err()).contains("hint: --warehouse names a folder").doesNotContain("Exception");
    }

    @Test
    void aFolderNamedByPorygonYamlIsCalledAFolderOfItsSettingNotOfWarehouseFlag() throws Exception {
        // the user passed no --warehouse: the hint names the setting to fix, and its file
        Files.createDirectory(dir.resolve("wh"));
        TestProjects.write(dir, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(dir, "porygon.yaml", "warehouse:\n  path: wh\n");
        Path settings = dir.resolve("porygon.yaml");
        CliRun.Result r = CliRun.run("history", dir.toString());
        assertThat(r.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(r.err()).contains("hint: warehouse.path (in " + settings + ") names a folder").doesNotContain("--warehouse");
        CliRun.Result flag = CliRun.run("history", "--warehouse", dir.resolve("wh").toString(), dir.toString());
        assertThat(flag.err()).contains("hint: --warehouse names a folder");
    }

    @Test
    void anEmptyFileSaysItIsEmptyAndWhatToDo() throws Exception {
        Path empty = Files.createFile(dir.resolve("made-by-touch.duckdb"));
        CliRun.Result r = CliRun.run("generate", "--scale", "0.001", "--warehouse", empty.toString());
        assertThat(r.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(r.err()).contains("is an empty file, not a DuckDB database; delete it").contains("hint: point --warehouse at a DuckDB file")
                .doesNotContain("Exception");
        assertThat(empty).isEmptyFile();
    }

    @Test
    void toDocsAndHistoryAFileThatIsNotADuckDbDatabaseIsNotSaidToBeCreated() throws Exception {
        // they only read the warehouse: neither the message nor the hint may promise a new one
        Path text = Files.writeString(dir.resolve("x.duckdb"), "hello\n");
        Path empty = Files.createFile(dir.resolve("empty.duckdb"));
        Path project = Path.of("..", "pipelines", "thelook").toAbsolutePath().normalize();
        for (Path file : new Path[] {text, empty}) {
            for (CliRun.Result r : new CliRun.Result[] {CliRun.run("history", "--warehouse", file.toString()),
                    CliRun.run("docs", "--warehouse", file.toString(), "--out", dir.resolve("site").toString(), project.toString())}) {
                assertThat(r.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
                assertThat(r.err()).contains("not a DuckDB database").contains("hint: point --warehouse at the DuckDB file a run wrote")
                        .doesNotContain("created there").doesNotContain("a new one is created").doesNotContain("a new warehouse is created")
                        .doesNotContain("Exception");
            }
        }
        assertThat(text).hasContent("hello\n");
        assertThat(empty).isEmptyFile();
    }

    @Test
    void docsAndHistoryLeaveAWarehousePathThatDoesNotExistAlone() {
        Path missing = dir.resolve("none").resolve("w.duckdb");
        Path project = Path.of("..", "pipelines", "thelook").toAbsolutePath().normalize();
        assertThat(CliRun.run("history", "--warehouse", missing.toString()).exitCode()).isZero();
        assertThat(CliRun.run("docs", "--warehouse", missing.toString(), "--out", dir.resolve("site").toString(), project.toString()).exitCode())
                .isZero();
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void theHintFollowsDuckDbsWords() {
        // DuckDB 1.4's words for a file a newer DuckDB (2.0) wrote, and for a file it may not open
        assertThat(WarehouseOptions.hint("IO Error: Trying to read a database file with version number 999, but we can only read versions"
                + " between 64 and 67.", false)).contains("written by a DuckDB version this Porygon cannot read");
        assertThat(WarehouseOptions.hint("IO Error: Cannot open file \"/w.duckdb\": Permission denied", false))
                .contains("read-only for you").contains("chmod u+w");
        assertThat(WarehouseOptions.hint("IO Error: Cannot open file \"/w.duckdb\": Permission denied", true)).contains("may not read");
        assertThat(WarehouseOptions.hint("IO Error: Could not set lock on file \"/w.duckdb\": Conflicting lock is held in java (PID 1)", false))
                .contains("writing needs the file alone");
        assertThat(WarehouseOptions.hint("something else", false)).contains("check --warehouse");
    }

    @Test
    void aFolderOrFileThatCannotBeWrittenIsCalledSoNotAnyOfTheOptions() {
        // the words of DuckDbEngine's folder check and of the OS for a read-only mount or an immutable file (chattr +i)
        assertThat(WarehouseOptions.hint("cannot write in /mnt/ro, where the warehouse and its log (.wal) are kept", false))
                .contains("folder is read-only").contains("--warehouse in a folder you can write in");
        assertThat(WarehouseOptions.hint("cannot create the warehouse's folder /mnt/ro/x (FileSystemException: /mnt/ro/x: Read-only file system)",
                false)).contains("folder is read-only");
        // the words of the OS for a folder that cannot be made in an immutable one: the folder is at fault, there is no file yet
        assertThat(WarehouseOptions.hint("cannot create the warehouse's folder /ro/sub (FileSystemException: /ro/sub: Operation not permitted)",
                false)).contains("folder is read-only").doesNotContain("the file cannot be written");
        assertThat(WarehouseOptions.hint("cannot create the warehouse's folder /tmp/f (FileAlreadyExistsException: /tmp/f)", false))
                .contains("a file has the name of the warehouse's folder");
        assertThat(WarehouseOptions.hint("IO Error: Cannot open file \"/w.duckdb\": Operation not permitted", false))
                .contains("cannot be written").contains("porygon history");
        assertThat(WarehouseOptions.hint("IO Error: Cannot open file \"/w.duckdb\": Read-only file system", false)).contains("cannot be written");
    }

    @Test
    void aSettingOfTheFileIsSetNotPassed() {
        String setting = "warehouse.path (in /p/porygon.yaml)";
        assertThat(WarehouseOptions.hint("cannot write in /mnt/ro, where the warehouse and its log (.wal) are kept", false, setting))
                .contains("set warehouse.path (in /p/porygon.yaml) to a file in a folder you can write in").doesNotContain("pass");
        assertThat(WarehouseOptions.hint("IO Error: Cannot open file \"/w.duckdb\": Read-only file system", false, setting))
                .contains("copy it to a folder you can write in and set warehouse.path (in /p/porygon.yaml) to the copy").doesNotContain("pass");
    }
}
