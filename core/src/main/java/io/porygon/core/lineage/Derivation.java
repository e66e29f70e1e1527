package io.porygon.core.lineage;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a value is derived from: the upstream columns it reads, or why they cannot be told. An unresolved
 * derivation lists no sources: a partial list would read as the whole answer.
 *
 * @param sources the upstream columns, without repeats, in the order the query reads them (empty for a constant)
 * @param unresolved why the sources are unknown, or null when they are known
 */
public record Derivation(List<ColumnSource> sources, String unresolved) {
    public static final Derivation NONE = new Derivation(List.of(), null);

    public Derivation {
        sources = List.copyOf(sources);
    }

    public static Derivation of(ColumnSource source) {
        return new Derivation(List.of(source), null);
    }

    public static Derivation unresolved(String reason) {
        return new Derivation(List.of(), reason);
    }

    public boolean resolved() {
        return unresolved == null;
    }

    /** The sources of all of them; unresolved as soon as one is (the first reason is kept). */
    public static Derivation merge(Collection<Derivation> parts) {
        Set<ColumnSource> sources = new LinkedHashSet<>();
        for (Derivation d : parts) {
            if (!d.resolved()) return d;
            sources.addAll(d.sources());
        }
        return new Derivation(List.copyOf(sources), null);
    }
}
