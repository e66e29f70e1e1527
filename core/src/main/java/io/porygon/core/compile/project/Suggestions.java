package io.porygon.core.compile.project;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" suggestions by edit distance. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The shortest candidate that holds {@code word} (strategy: incrementalStrategy), else the one closest to it by
     * edit distance, or null when none is reasonably close.
     */
    public static String closest(String word, Collection<String> candidates) {
        String holding = null;
        for (String c : candidates) {
            if (word.length() >= 4 && c.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)) && (holding == null || c.length() < holding.length())) holding = c;
        }
        if (holding != null) return holding;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 2) ? best : null;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
