package io.porygon.core.graph;

import java.util.Objects;

/** A warehouse object: GCP project (database), dataset (schema) and name. */
public record Target(String database, String schema, String name) {

    /** {@code database.schema.name}, leaving out the parts that are null. */
    public String qualifiedName() {
        StringBuilder sb = new StringBuilder();
        if (database != null) sb.append(database).append('.');
        if (schema != null) sb.append(schema).append('.');
        return sb.append(name).toString();
    }

    /** {@code schema.name}, or the name alone when there is no schema: how output and history name an action. */
    public String schemaAndName() {
        return schema == null ? name : schema + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }

    // Written out rather than the record's own, which go through method handles that stay slow until
    // the JIT compiles them: a compile hashes and compares targets throughout graph assembly. Same
    // values as the record's.
    @Override
    public boolean equals(Object o) {
        return o instanceof Target t && Objects.equals(database, t.database) && Objects.equals(schema, t.schema) && Objects.equals(name, t.name);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Objects.hashCode(database) + Objects.hashCode(schema)) + Objects.hashCode(name);
    }
}
