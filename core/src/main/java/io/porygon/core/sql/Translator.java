package io.porygon.core.sql;

import io.porygon.core.SourceLocation;

/**
 * Turns one GoogleSQL (BigQuery dialect) statement into an engine's dialect. A construct that
 * cannot be translated faithfully throws a {@link io.porygon.core.PorygonException} naming the
 * construct and {@code location} (the action's file and the line where its SQL starts).
 */
public interface Translator {
    String translate(String googleSql, SourceLocation location);
}
