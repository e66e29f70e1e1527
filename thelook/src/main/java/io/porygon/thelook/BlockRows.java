package io.porygon.thelook;

/** Everything one block produced: rows of the five growing tables and how many ids it drew. */
final class BlockRows {
    final RowBuffer users;
    final RowBuffer orders;
    final RowBuffer orderItems;
    final RowBuffer inventoryItems;
    final RowBuffer events;
    private final long[] drawn = new long[IdSequence.values().length];

    BlockRows(int expectedUsers) {
        users = new RowBuffer(RawTables.USERS.width(), expectedUsers);
        orders = new RowBuffer(RawTables.ORDERS.width(), expectedUsers * 13 / 10);
        orderItems = new RowBuffer(RawTables.ORDER_ITEMS.width(), expectedUsers * 19 / 10);
        inventoryItems = new RowBuffer(RawTables.INVENTORY_ITEMS.width(), expectedUsers * 5);
        events = new RowBuffer(RawTables.EVENTS.width(), expectedUsers * 25);
    }

    /** The next block-local id of a sequence, starting at 1. */
    long next(IdSequence sequence) {
        return ++drawn[sequence.ordinal()];
    }

    /** Replays the rows in table order and moves every sequence base past the ids this block used. */
    void writeTo(TableWriters writers, long[] bases) {
        users.writeTo(writers.users(), bases);
        orders.writeTo(writers.orders(), bases);
        orderItems.writeTo(writers.orderItems(), bases);
        inventoryItems.writeTo(writers.inventoryItems(), bases);
        events.writeTo(writers.events(), bases);
        advance(bases);
    }

    /** The rows of one growing table, by its index in {@link TableWriters#TABLES}. */
    RowBuffer table(int index) {
        return switch (index) {
            case 0 -> users;
            case 1 -> orders;
            case 2 -> orderItems;
            case 3 -> inventoryItems;
            case 4 -> events;
            default -> throw new IllegalArgumentException("no growing table " + index);
        };
    }

    /** Moves every sequence base past the ids this block used. */
    void advance(long[] bases) {
        for (int i = 0; i < bases.length; i++) bases[i] += drawn[i];
    }

    /** Rows per growing table, in {@link TableWriters} order. */
    long[] rowsPerTable() {
        return new long[] {users.rows(), orders.rows(), orderItems.rows(), inventoryItems.rows(), events.rows()};
    }
}
