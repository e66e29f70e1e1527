package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.duckdb.DuckDbEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exporting into a place that is not a directory is the user's error to fix, said plainly; a failed export changes no file. */
class FileExportTest {
    @TempDir Path dir;

    @Test
    void exportingIntoAFileIsAUserError() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            for (Path out : new Path[] {file, file.resolve("below")}) {
                assertThatThrownBy(() -> FileExport.export(engine, Warehouses.SCHEMA, out, FileExport.Format.CSV))
                        .isInstanceOfSatisfying(PorygonException.class, e -> {
                            assertThat(e.location().file()).isEqualTo(out.toString());
                            assertThat(e.getMessage()).contains("not a directory").doesNotContain("Exception");
                            assertThat(e.hint()).contains("directory");
                        });
            }
        }
        assertThat(file).hasContent("keep me");
    }

    @Test
    void aDirectoryInTheWayIsRefusedBeforeAnyFileIsWritten() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path users = Files.writeString(out.resolve("users.csv"), "the earlier export");
        Files.createDirectories(out.resolve("events.csv")); // written last: every other table would be written before it
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 7, 0.001, 1);
            assertThatThrownBy(() -> FileExport.export(engine, Warehouses.SCHEMA, out, FileExport.Format.CSV))
                    .isInstanceOfSatisfying(PorygonException.class, e -> {
                        assertThat(e.location().file()).isEqualTo(out.resolve("events.csv").toAbsolutePath().toString());
                        assertThat(e.getMessage()).contains("a directory of that name is in the way");
                    });
        }
        assertThat(users).hasContent("the earlier export");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("users.csv", "events.csv");
        }
    }

    @Test
    void aTableThatFailsToExportLeavesTheEarlierFilesAsTheyWereAndIsNamed() throws IOException {
        Path out = Files.createDirectories(dir.resolve("failed"));
        Path users = Files.writeString(out.resolve("users.csv"), "the earlier export");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w4.duckdb"))) {
            Warehouses.generate(engine, 7, 0.001, 1);
            engine.execute("DROP TABLE " + Warehouses.SCHEMA + ".events"); // written last: the six others are written before it fails
            assertThatThrownBy(() -> FileExport.export(engine, Warehouses.SCHEMA, out, FileExport.Format.CSV))
                    .isInstanceOfSatisfying(PorygonException.class, e -> {
                        assertThat(e.location().file()).isEqualTo(out.resolve("events.csv").toAbsolutePath().toString());
                        assertThat(e.getMessage()).startsWith("cannot write the file: ");
                        assertThat(e.hint()).contains("earlier files are unchanged");
                    });
        }
        assertThat(users).hasContent("the earlier export");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("users.csv");
        }
    }

    @Test
    void anExportStoppedAfterSomeFilesLeavesTheEarlierFilesAsTheyWere() throws IOException {
        // a Ctrl-C once the generator is done comes while the files are written: none is to replace the earlier ones
        Path out = Files.createDirectories(dir.resolve("stopped"));
        Path users = Files.writeString(out.resolve("users.csv"), "the earlier export");
        AtomicInteger asked = new AtomicInteger();
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w3.duckdb"))) {
            Warehouses.generate(engine, 7, 0.001, 1);
            assertThatThrownBy(() -> FileExport.export(engine, Warehouses.SCHEMA, out, FileExport.Format.CSV, () -> asked.incrementAndGet() > 4))
                    .isInstanceOf(CancellationException.class);
        }
        assertThat(asked).hasValueGreaterThan(4);
        assertThat(users).hasContent("the earlier export");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("users.csv");
        }
    }

    @Test
    void anExportRemovesTheStagingDirectoryAKilledExportLeftAndKeepsOtherDirectories() throws IOException {
        // what a kill -9 during an export leaves: its hidden staging directory with some files, and a lock nobody holds
        Path out = Files.createDirectories(dir.resolve("killed"));
        Path left = Files.createDirectories(out.resolve(FileExport.STAGING_PREFIX + "123"));
        Files.writeString(left.resolve(WorkDirectory.LOCK_FILE), "");
        Files.writeString(left.resolve("users.csv"), "half written");
        WorkDirectoryTest.pastGrace(left);
        Path own = Files.createDirectories(out.resolve(".git"));
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w5.duckdb"))) {
            Warehouses.generate(engine, 7, 0.001, 1);
            FileExport.export(engine, Warehouses.SCHEMA, out, FileExport.Format.CSV);
        }
        assertThat(left).doesNotExist();
        assertThat(own).isDirectory();
    }

    @Test
    void anExportReplacesTheEarlierFilesAndLeavesNothingElse() throws IOException {
        Path out = Files.createDirectories(dir.resolve("again"));
        Files.writeString(out.resolve("users.csv"), "the earlier export");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w2.duckdb"))) {
            Warehouses.generate(engine, 7, 0.001, 1);
            FileExport.export(engine, Warehouses.SCHEMA, out, FileExport.Format.CSV);
        }
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("distribution_centers.csv", "products.csv",
                    "users.csv", "orders.csv", "order_items.csv", "inventory_items.csv", "events.csv");
        }
        assertThat(Files.readString(out.resolve("users.csv"))).startsWith("id,first_name");
    }
}
