package io.porygon.core.sql;

/** A catalog translation written in Java, for calls a template cannot express. */
@FunctionalInterface
interface CallRenderer {
    void render(CallContext call);
}
