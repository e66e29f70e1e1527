package io.porygon.thelook;

/**
 * Everything one block produced: rows of the five growing tables and how many ids it drew. Events
 * from {@code recentFrom} on are kept apart ({@link #RECENT_EVENTS}), so that the generator can
 * write them in time order at the end of the table, as a table loaded day by day holds them.
 */
final class BlockRows {
    /** The index of the recent events in {@link #table(int)}; 0 to 4 are the tables of {@link TableWriters#TABLES}. */
    static final int RECENT_EVENTS = 5;

    final RowBuffer users;
    final RowBuffer orders;
    final RowBuffer orderItems;
    final RowBuffer inventoryItems;
    private final RowBuffer events;
    private final RowBuffer recentEvents;
    private final long recentFrom;
    private final long[] drawn = new long[IdSequence.values().length];

    /** {@code recentFrom}: events from this time on (epoch microseconds) are recent; Long.MAX_VALUE for none. */
    BlockRows(int expectedUsers, long recentFrom) {
        users = new RowBuffer(RawTables.USERS.width(), expectedUsers);
        orders = new RowBuffer(RawTables.ORDERS.width(), expectedUsers * 13 / 10);
        orderItems = new RowBuffer(RawTables.ORDER_ITEMS.width(), expectedUsers * 19 / 10);
        inventoryItems = new RowBuffer(RawTables.INVENTORY_ITEMS.width(), expectedUsers * 5);
        events = new RowBuffer(RawTables.EVENTS.width(), expectedUsers * 25);
        recentEvents = new RowBuffer(RawTables.EVENTS.width(), recentFrom == Long.MAX_VALUE ? 0 : expectedUsers);
        this.recentFrom = recentFrom;
    }

    /** Where an event at {@code micros} goes. */
    RowBuffer eventsAt(long micros) {
        return micros >= recentFrom ? recentEvents : events;
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
        recentEvents.writeTo(writers.events(), bases);
        advance(bases);
    }

    /** The rows of one growing table, by its index in {@link TableWriters#TABLES}, or the {@link #RECENT_EVENTS}. */
    RowBuffer table(int index) {
        return switch (index) {
            case 0 -> users;
            case 1 -> orders;
            case 2 -> orderItems;
            case 3 -> inventoryItems;
            case 4 -> events;
            case RECENT_EVENTS -> recentEvents;
            default -> throw new IllegalArgumentException("no growing table " + index);
        };
    }

    /** Moves every sequence base past the ids this block used. */
    void advance(long[] bases) {
        for (int i = 0; i < bases.length; i++) bases[i] += drawn[i];
    }

    /** Rows per growing table, in {@link TableWriters} order. */
    long[] rowsPerTable() {
        return new long[] {users.rows(), orders.rows(), orderItems.rows(), inventoryItems.rows(), events.rows() + recentEvents.rows()};
    }
}
