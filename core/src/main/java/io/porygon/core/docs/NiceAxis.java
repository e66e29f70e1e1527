package io.porygon.core.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value axis with round ticks: the step is 1, 2, 2.5 or 5 × 10^n, the ticks are multiples of it
 * (so 0 is one of them whenever the range holds 0), and labels show as many decimals as the step
 * needs (2,500 in thousands is "2.5k", not "3k").
 *
 * @param ticks from the lowest to the highest, covering the data's range
 */
record NiceAxis(List<Double> ticks, double step) {
    private static final double[] STEPS = {1, 2, 2.5, 5, 10};

    /** An axis over [min, max] with about {@code target} intervals. */
    static NiceAxis of(double min, double max, int target) {
        if (max < min) return of(max, min, target);
        if (max == min) {
            min = Math.min(min, 0);
            max = max == min ? min + 1 : max;
        }
        double raw = (max - min) / target;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * p;
        for (double f : STEPS) {
            if (f * p >= raw) {
                step = f * p;
                break;
            }
        }
        long lo = (long) Math.floor(min / step + 1e-9), hi = (long) Math.ceil(max / step - 1e-9);
        List<Double> ticks = new ArrayList<>();
        for (long i = lo; i <= hi; i++) ticks.add(i * step);
        return new NiceAxis(ticks, step);
    }

    double low() {
        return ticks.get(0);
    }

    double high() {
        return ticks.get(ticks.size() - 1);
    }

    boolean crossesZero() {
        return low() < 0 && high() > 0;
    }

    /** A tick's label in the axis' unit (k for thousands, M for millions), with the step's precision. */
    String label(double v) {
        double biggest = Math.max(Math.abs(low()), Math.abs(high()));
        double unit = biggest >= 1e6 ? 1e6 : biggest >= 1e3 ? 1e3 : 1;
        String suffix = unit == 1e6 ? "M" : unit == 1e3 ? "k" : "";
        int decimals = 0;
        while (decimals < 6 && Math.abs(step / unit * Math.pow(10, decimals) - Math.rint(step / unit * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        double shown = v / unit;
        if (Math.abs(shown) < 1e-9) return "0";
        return String.format(Locale.ROOT, "%." + decimals + "f", shown) + suffix;
    }
}
