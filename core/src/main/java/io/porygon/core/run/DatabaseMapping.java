package io.porygon.core.run;

/** What the database (GCP project) part of a target becomes in a warehouse with schemas only. */
public enum DatabaseMapping {
    /** Dropped: every project shares one catalog, so dataset names must not collide. */
    IGNORE,
    /** Folded into the schema: project {@code p}, dataset {@code d} becomes schema {@code p_d}. */
    PREFIX_SCHEMA
}
