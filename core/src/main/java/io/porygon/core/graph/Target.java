package io.porygon.core.graph;

/** A warehouse object: GCP project (database), dataset (schema) and name. */
public record Target(String database, String schema, String name) {

    /** {@code database.schema.name}, leaving out the parts that are null. */
    public String qualifiedName() {
        StringBuilder sb = new StringBuilder();
        if (database != null) sb.append(database).append('.');
        if (schema != null) sb.append(schema).append('.');
        return sb.append(name).toString();
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
