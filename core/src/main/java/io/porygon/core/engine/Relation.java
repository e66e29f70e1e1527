package io.porygon.core.engine;

import io.porygon.core.graph.Target;
import java.util.List;

/** A table and its columns as the caller last read them, so that an engine need not read them again. */
public record Relation(Target target, List<Column> columns) {}
