package io.porygon.cli;

import io.porygon.core.run.WarehouseNames;
import io.porygon.core.sql.DuckDbTranslator;
import io.porygon.core.sql.Translator;

/** The GoogleSQL → engine translator the commands use, given how warehouse names are mapped. */
final class Translation {
    private Translation() {}

    /** Qualified BigQuery names become the warehouse names of {@code names} (dataset → schema). */
    static Translator forDuckDb(WarehouseNames names) {
        return new DuckDbTranslator(target -> DuckDbTranslator.schemaAndName(names.map(target)));
    }
}
