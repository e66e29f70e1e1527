package io.porygon.thelook;

/**
 * Seeds of the per-block random generators, mixed from (seed, stream, block) so that a block's
 * content does not depend on which thread makes it or on any other block.
 */
final class Seeds {
    static final int PRODUCTS = 1;
    static final int CUSTOMERS = 2;
    static final int ADVANCE = 3;

    private Seeds() {}

    static long of(long seed, int stream, long block) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ (stream * 0xBF58476D1CE4E5B9L));
        return mix(h ^ (block * 0x94D049BB133111EBL));
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
