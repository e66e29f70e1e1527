package io.porygon.core.graph;

/** Dataform's action types; the names are those of {@code dataform compile --json}. */
public enum ActionType {
    TABLE("table"),
    VIEW("view"),
    INCREMENTAL("incremental"),
    OPERATIONS("operations"),
    ASSERTION("assertion"),
    DECLARATION("declaration"),
    TEST("test");

    private final String jsonName;

    ActionType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
