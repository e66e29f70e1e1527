package io.porygon.core.engine;

/** A column of a warehouse table; {@code type} is the engine's own type name (e.g. BIGINT, VARCHAR). */
public record Column(String name, String type) {}
