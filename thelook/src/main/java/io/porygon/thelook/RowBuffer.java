package io.porygon.thelook;

import io.porygon.core.engine.BulkWriter;
import java.util.Arrays;

/**
 * The rows of one table made by one block, kept as typed values until the writer replays them in
 * block order. Ids from an {@link IdSequence} are stored block-local and shifted by the sequence's
 * base at replay time: that is how blocks made in parallel still get dense, ordered ids.
 */
final class RowBuffer {
    static final long NO_TIME = Long.MIN_VALUE;

    private static final byte LONG = 0;
    private static final byte DOUBLE = 1;
    private static final byte STRING = 2;
    private static final byte TIMESTAMP = 3;
    private static final byte NULL = 4;
    private static final byte REF = 5; // REF + sequence ordinal

    private final int width;
    private byte[] kinds;
    private long[] numbers;
    private String[] strings;
    private int size;
    private int rows;

    RowBuffer(int width, int expectedRows) {
        this.width = width;
        int capacity = Math.max(16, width * expectedRows);
        kinds = new byte[capacity];
        numbers = new long[capacity];
        strings = new String[capacity];
    }

    int rows() {
        return rows;
    }

    /** Reserves the next value slot; callers index the arrays only after this call, as it may grow them. */
    private int slot(byte kind) {
        if (size == kinds.length) {
            int capacity = kinds.length * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            numbers = Arrays.copyOf(numbers, capacity);
            strings = Arrays.copyOf(strings, capacity);
        }
        kinds[size] = kind;
        return size++;
    }

    RowBuffer add(long value) {
        int i = slot(LONG);
        numbers[i] = value;
        return this;
    }

    RowBuffer add(double value) {
        int i = slot(DOUBLE);
        numbers[i] = Double.doubleToRawLongBits(value);
        return this;
    }

    RowBuffer add(String value) {
        if (value == null) {
            slot(NULL);
        } else {
            int i = slot(STRING);
            strings[i] = value;
        }
        return this;
    }

    /** A timestamp in epoch microseconds, or NULL for {@link #NO_TIME}. */
    RowBuffer time(long micros) {
        if (micros == NO_TIME) {
            slot(NULL);
        } else {
            int i = slot(TIMESTAMP);
        numbers[i] = micros;
        }
        return this;
    }

    RowBuffer addNull() {
        slot(NULL);
        return this;
    }

    /** An id drawn from a sequence: block-local here, shifted by the sequence base on replay. */
    RowBuffer ref(IdSequence sequence, long localId) {
        int i = slot((byte) (REF + sequence.ordinal()));
        numbers[i] = localId;
        return this;
    }

    void endRow() {
        rows++;
        if (size != rows * width) {
            throw new IllegalStateException("row " + rows + " has " + (size - (rows - 1) * width) + " values, expected " + width);
        }
    }

    /** Appends every row to the writer; {@code bases[s]} is added to the ids of sequence s. */
    void writeTo(BulkWriter writer, long[] bases) {
        int column = 0;
        for (int i = 0; i < size; i++) {
            byte kind = kinds[i];
            switch (kind) {
                case LONG -> writer.append(numbers[i]);
                case DOUBLE -> writer.append(Double.longBitsToDouble(numbers[i]));
                case STRING -> writer.append(strings[i]);
                case TIMESTAMP -> writer.appendTimestampMicros(numbers[i]);
                case NULL -> writer.appendNull();
                default -> writer.append(numbers[i] + bases[kind - REF]);
            }
            if (++column == width) {
                writer.endRow();
                column = 0;
            }
        }
    }
}
