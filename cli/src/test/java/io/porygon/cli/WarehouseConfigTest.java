package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.run.DatabaseMapping;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WarehouseConfigTest {
    final Path file = Path.of("/projects/shop/porygon.yaml");

    @Test
    void readsEverySettingAndResolvesThePathAgainstTheProject() {
        WarehouseConfig c = WarehouseConfig.parse("""
                warehouse:
                  path: data/wh.duckdb
                  threads: 3
                  memory_limit: 2GB
                  database_mapping: prefix
                run:
                  threads: 5
                """, file);
        assertThat(c).isEqualTo(new WarehouseConfig(Path.of("/projects/shop/data/wh.duckdb"), 3, "2GB", DatabaseMapping.PREFIX_SCHEMA, 5));
        assertThat(WarehouseConfig.parse("", file)).isEqualTo(WarehouseConfig.EMPTY);
    }

    @Test
    void rejectsUnknownKeysBadNumbersAndMappings() {
        assertThatThrownBy(() -> WarehouseConfig.parse("run:\n  thread: 2\n", file))
                .isInstanceOf(PorygonException.class).hasMessageContaining("unknown setting 'run.thread'");
        assertThatThrownBy(() -> WarehouseConfig.parse("warehouse:\n  threads: many\n", file))
                .isInstanceOf(PorygonException.class).hasMessageContaining("warehouse.threads must be a whole number from 1 to 1024");
        // a fraction, or more threads than a machine can start (YAML reads 1e9 as a float)
        for (String bad : new String[] {"2.5", "1e9", "0", "100000"}) {
            assertThatThrownBy(() -> WarehouseConfig.parse("run:\n  threads: " + bad + "\n", file))
                    .isInstanceOf(PorygonException.class).hasMessageContaining("run.threads must be a whole number from 1 to 1024, not");
        }
        assertThatThrownBy(() -> WarehouseConfig.parse("warehouse:\n  database_mapping: merge\n", file))
                .isInstanceOf(PorygonException.class).hasMessageContaining("'ignore' or 'prefix'");
    }

    @Test
    void aMemoryLimitIsASizeAsDuckDbReadsOneCheckedAtItsLine() {
        for (String size : new String[] {"4GB", "1.5 gb", ".5GB", "512MiB", "2g", "none"}) {
            assertThat(WarehouseConfig.parse("warehouse:\n  memory_limit: " + size + "\n", file).memoryLimit()).isEqualTo(size);
        }
        // DuckDB refuses a number without a unit too
        for (String bad : new String[] {"lots", "100000", "80%", "NONE", "0GB", "0.0 mb"}) {
            assertThatThrownBy(() -> WarehouseConfig.parse("warehouse:\n  path: a.duckdb\n  memory_limit: " + bad + "\n", file))
                    .isInstanceOfSatisfying(PorygonException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("warehouse.memory_limit must be a size above zero, not '" + bad + "'");
                        assertThat(e.location().line()).isEqualTo(3);
                    });
        }
    }

    @Test
    void errorsNameTheLineOfTheSetting() {
        assertThatThrownBy(() -> WarehouseConfig.parse("# settings\nwarehouse:\n  threads: 2\nrun:\n  threads: many\n", file))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.location().line()).isEqualTo(5);
                    assertThat(e.hint()).isEqualTo("for example threads: 4");
                });
        assertThatThrownBy(() -> WarehouseConfig.parse("warehouse:\n  path: a.duckdb\n  treads: 2\n", file))
                .isInstanceOfSatisfying(PorygonException.class, e -> assertThat(e.location().line()).isEqualTo(3));
        assertThatThrownBy(() -> WarehouseConfig.parse("warehouse:\n  path: [unclosed\n", file))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.location().line()).isGreaterThanOrEqualTo(2);
                    assertThat(e.getMessage()).startsWith("invalid YAML").doesNotContain("\n");
                });
    }
}
