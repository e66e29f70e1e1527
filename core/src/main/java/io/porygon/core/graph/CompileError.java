package io.porygon.core.graph;

import io.porygon.core.SourceLocation;

/** One problem found while compiling; compiles report all of them at once. */
public record CompileError(SourceLocation location, String message, String hint, String actionName) {}
