package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.engine.BulkWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowBufferTest {
    /** Records what it is given, as text. */
    static final class Recorder implements BulkWriter {
        final List<String> rows = new ArrayList<>();
        private final StringBuilder row = new StringBuilder();

        private BulkWriter add(String v) {
            row.append(row.isEmpty() ? "" : ",").append(v);
            return this;
        }

        @Override public BulkWriter append(long value) { return add("L" + value); }
        @Override public BulkWriter append(double value) { return add("D" + value); }
        @Override public BulkWriter append(String value) { return add("S" + value); }
        @Override public BulkWriter appendTimestampMicros(long micros) { return add("T" + micros); }
        @Override public BulkWriter appendNull() { return add("null"); }
        @Override public void endRow() { rows.add(row.toString()); row.setLength(0); }
        @Override public void close() {}
    }

    @Test
    void replaysTypedValuesAndShiftsSequenceIdsByTheirBase() {
        RowBuffer buffer = new RowBuffer(5, 1);
        for (int i = 1; i <= 40; i++) { // past the initial capacity, so the arrays grow
            buffer.ref(IdSequence.ORDER, i).ref(IdSequence.USER, 2).add(1.5).add(i % 2 == 0 ? "x" : null).time(i == 1 ? RowBuffer.NO_TIME : 7L);
            buffer.endRow();
        }
        long[] bases = new long[IdSequence.values().length];
        bases[IdSequence.ORDER.ordinal()] = 100;
        bases[IdSequence.USER.ordinal()] = 10;
        Recorder out = new Recorder();
        buffer.writeTo(out, bases);
        assertThat(out.rows).hasSize(40);
        assertThat(out.rows.get(0)).isEqualTo("L101,L12,D1.5,null,null");
        assertThat(out.rows.get(39)).isEqualTo("L140,L12,D1.5,Sx,T7");
    }

    @Test
    void aRowOfTheWrongWidthIsABug() {
        RowBuffer buffer = new RowBuffer(2, 1);
        buffer.add(1L);
        assertThatThrownBy(buffer::endRow).isInstanceOf(IllegalStateException.class).hasMessageContaining("expected 2");
    }
}
