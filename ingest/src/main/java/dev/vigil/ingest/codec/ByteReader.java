package dev.vigil.ingest.codec;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteWriter} wrote from a slice of a byte array. Reading past the slice or a
 * malformed varint throws {@link IllegalStateException}, since a journal record that does not
 * parse is corrupt rather than a caller's mistake.
 *
 * <p>Not thread-safe: one instance per decode call.
 */
final class ByteReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    ByteReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " outside array of " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    int readByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    byte[] readBytes(int count) {
        need(count);
        byte[] out = new byte[count];
        System.arraycopy(buf, pos, out, 0, count);
        pos += count;
        return out;
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw corrupt("varint longer than 10 bytes");
    }

    /** A varint that must fit a non-negative int, such as a count or a length. */
    int readVarInt() {
        long value = readVarLong();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw corrupt("count or length " + value + " out of range");
        }
        return (int) value;
    }

    long readZigZagLong() {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    double readDouble() {
        need(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (buf[pos++] & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }

    /** The nullable string format of {@link ByteWriter#writeString}. */
    String readString() {
        int prefix = readVarInt();
        if (prefix == 0) {
            return null;
        }
        int length = prefix - 1;
        need(length);
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    /** A string that the format says cannot be null. */
    String readRequiredString(String what) {
        String s = readString();
        if (s == null) {
            throw corrupt(what + " is missing");
        }
        return s;
    }

    int remaining() {
        return end - pos;
    }

    int position() {
        return pos;
    }

    IllegalStateException corrupt(String what) {
        return new IllegalStateException("corrupt journal record at byte " + pos + ": " + what);
    }

    private void need(int count) {
        if (count > end - pos) {
            throw corrupt("needs " + count + " more bytes but only " + (end - pos) + " remain");
        }
    }
}
