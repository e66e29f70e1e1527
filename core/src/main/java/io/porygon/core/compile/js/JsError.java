package io.porygon.core.compile.js;

/** An error raised by project JavaScript, located in the project file (line 0 = unknown). */
public record JsError(String fileName, int line, int column, String message) {}
