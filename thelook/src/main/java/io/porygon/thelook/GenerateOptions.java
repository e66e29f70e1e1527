package io.porygon.thelook;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What to generate. The output is byte-identical for the same seed, scale and as-of date, whatever
 * the thread count.
 *
 * @param asOf "now" of the calendar: activity runs over the five years before this day's midnight UTC
 */
public record GenerateOptions(long seed, double scale, LocalDate asOf, int threads, String schema) {
    public static final int HISTORY_YEARS = 5;
    /**
     * The largest scale: about 3.5 billion rows, hundreds of gigabytes. A larger one (a typo, {@code 1e9},
     * {@code Infinity}) would run until the disk is full.
     */
    public static final double MAX_SCALE = 1000;

    public GenerateOptions {
        if (!(scale > 0 && scale <= MAX_SCALE)) {
            throw new IllegalArgumentException("scale must be above 0 and at most " + (long) MAX_SCALE + ", got " + scale);
        }
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }

    long nowMicros() {
        return asOf.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    }

    long calendarStartMicros() {
        return asOf.minusYears(HISTORY_YEARS).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    }

    /** 100,000 users at scale 1, as in the public dataset. */
    long userCount() {
        return Math.max(1, Math.round(100_000 * scale));
    }
}
