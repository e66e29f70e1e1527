package io.porygon.cli;

import io.porygon.core.PorygonException;
import io.porygon.core.run.WarehouseNames;
import io.porygon.core.sql.Translator;

/** The GoogleSQL → engine translator the commands use, given how warehouse names are mapped. */
final class Translation {
    private Translation() {}

    static Translator forDuckDb(WarehouseNames names) {
        throw new PorygonException(null, "GoogleSQL to DuckDB translation is not part of this build yet",
                "build a version that includes the translator (issue 3)");
    }
}
