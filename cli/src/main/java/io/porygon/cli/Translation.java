package io.porygon.cli;

import io.porygon.core.run.WarehouseNames;
import io.porygon.core.sql.CachedTranslator;
import io.porygon.core.sql.DuckDbTranslator;
import io.porygon.core.sql.Translator;
import java.nio.file.Path;
import java.util.Optional;

/** The GoogleSQL → engine translator the commands use, given how warehouse names are mapped. */
final class Translation {
    private Translation() {}

    /** Qualified BigQuery names become the warehouse names of {@code names} (dataset → schema). */
    static Translator forDuckDb(WarehouseNames names) {
        return new DuckDbTranslator(target -> DuckDbTranslator.schemaAndName(names.map(target)));
    }

    /**
     * As {@link #forDuckDb}, remembering translations in the project's {@code .porygon/cache} between
     * runs; empty when Porygon does not run from a jar (its build then has no identity to key them by).
     */
    static Optional<CachedTranslator> cachedForDuckDb(WarehouseNames names, Path projectDir) {
        return Build.jar().map(build -> CachedTranslator.open(forDuckDb(names),
                projectDir.resolve(".porygon/cache/duckdb-translations"), build + "|" + names.mappingKey()));
    }
}
