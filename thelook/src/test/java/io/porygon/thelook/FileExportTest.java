package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.duckdb.DuckDbEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exporting into a place that is not a directory is the user's error to fix, said plainly. */
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
}
