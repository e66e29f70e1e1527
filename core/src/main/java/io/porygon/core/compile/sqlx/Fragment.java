package io.porygon.core.compile.sqlx;

/** A piece of generated JavaScript text and where its first character came from in the SQLX file (1-based). */
public record Fragment(String text, int line, int column) {}
