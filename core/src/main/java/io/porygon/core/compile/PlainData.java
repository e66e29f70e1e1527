package io.porygon.core.compile;

import static io.porygon.core.CacheFile.readLength;
import static io.porygon.core.CacheFile.readString;
import static io.porygon.core.CacheFile.writeString;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of the plain data the JavaScript session returns (null, booleans, Integer and Double
 * numbers, strings, lists, maps with string keys), read back with the same Java types and order.
 * Strings are UTF-8, so one holding half of a surrogate pair reads back with a replacement character.
 */
final class PlainData {
    private static final byte NULL = 0, FALSE = 1, TRUE = 2, INT = 3, DOUBLE = 4, STRING = 5, LIST = 6, MAP = 7;

    private PlainData() {}

    static void write(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object item : list) write(out, item);
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                writeString(out, e.getKey().toString());
                write(out, e.getValue());
            }
        } else {
            // e.g. a BigInt (BigInteger): such a compile is not kept rather than read back changed
            throw new IllegalArgumentException("not plain data: " + value.getClass().getName());
        }
    }

    static Object read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> false;
            case TRUE -> true;
            case INT -> in.readInt();
            case DOUBLE -> in.readDouble();
            case STRING -> readString(in);
            case LIST -> {
                int n = readLength(in);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(read(in));
                yield list;
            }
            case MAP -> {
                int n = readLength(in);
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) map.put(readString(in), read(in));
                yield map;
            }
            default -> throw new IOException("unknown tag " + tag);
        };
    }
}
