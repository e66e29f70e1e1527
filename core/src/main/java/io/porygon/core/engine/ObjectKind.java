package io.porygon.core.engine;

/** What a name in the warehouse currently holds. */
public enum ObjectKind {
    TABLE,
    VIEW,
    NONE
}
