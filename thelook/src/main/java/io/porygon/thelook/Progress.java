package io.porygon.thelook;

/** Told after each block is written; the CLI draws a progress bar from it. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> {};

    void update(long done, long total);
}
