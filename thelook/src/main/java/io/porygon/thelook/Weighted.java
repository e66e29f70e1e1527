package io.porygon.thelook;

import java.util.List;
import java.util.SplittableRandom;

/** A fixed list of values drawn with given weights. */
final class Weighted<T> {
    private final List<T> values;
    private final double[] cumulative;

    Weighted(List<T> values, double[] weights) {
        if (values.size() != weights.length) throw new IllegalArgumentException("one weight per value");
        this.values = List.copyOf(values);
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (double w : weights) sum += w;
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i] / sum;
            cumulative[i] = acc;
        }
        cumulative[weights.length - 1] = 1.0;
    }

    T pick(SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) return values.get(i);
        }
        return values.get(values.size() - 1);
    }
}
