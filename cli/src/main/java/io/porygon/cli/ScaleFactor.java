package io.porygon.cli;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.thelook.GenerateOptions;
import java.math.BigDecimal;

/** The generator's --scale, checked where the user typed it: generate's own, or the demo's, which hands it on to generate. */
final class ScaleFactor {
    private ScaleFactor() {}

    /** Refuses a scale the generator cannot make (zero, negative, not a number) or one that would fill the disk, naming {@code command}. */
    static void check(double scale, String command) {
        if (!(scale > 0)) {
            throw new PorygonException(SourceLocation.of("porygon " + command), "--scale must be positive, got " + plain(scale),
                    "use e.g. --scale 0.01 for a small data set");
        }
        if (!(scale <= GenerateOptions.MAX_SCALE)) {
            throw new PorygonException(SourceLocation.of("porygon " + command), "--scale must be at most " + (long) GenerateOptions.MAX_SCALE
                    + " (about 3.5 billion rows), got " + plain(scale), "--scale 1 gives the public row counts (about 3.5 million rows)");
        }
    }

    /** 0.0001 and 5000, not Java's 1.0E-4 and 5000.0. */
    static String plain(double scale) {
        return Double.isFinite(scale) ? BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString() : String.valueOf(scale);
    }
}
