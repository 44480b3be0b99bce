package dev.vigil.ingest.codec;

import java.util.Arrays;

/**
 * A growable byte buffer with the primitive encodings of the journal format: unsigned and
 * zig-zag varints, big-endian doubles, and strings as a length prefix plus UTF-8 bytes.
 *
 * <p>Strings are encoded straight into the buffer, without {@code String.getBytes}, because that
 * would allocate a temporary array per field and encoding dominates the cost of a record.
 *
 * <p>Not thread-safe: one instance per encode call.
 */
final class ByteWriter {
    private byte[] buf;
    private int size;

    ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void writeBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    /** Unsigned LEB128: 7 bits per byte, low bits first, high bit set on all but the last byte. */
    void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buf[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
    }

    /** Zig-zag first, so that small negative numbers stay short too. */
    void writeZigZagLong(long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    /** The raw IEEE 754 bits, big-endian; raw so that NaN payloads (Prometheus stale markers) survive. */
    void writeDouble(double value) {
        long bits = Double.doubleToRawLongBits(value);
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (bits >>> shift);
        }
    }

    /**
     * A nullable string: varint 0 for null, else varint (UTF-8 length + 1) and the UTF-8 bytes.
     * Unpaired surrogates become {@code ?}, as {@code String.getBytes(UTF_8)} would do.
     */
    void writeString(String s) {
        if (s == null) {
            writeByte(0);
            return;
        }
        int chars = s.length();
        int ascii = 0;
        while (ascii < chars && s.charAt(ascii) < 0x80) {
            ascii++;
        }
        if (ascii == chars) {
            writeVarLong(chars + 1L);
            ensure(chars);
            copyAscii(s, chars);
            return;
        }
        int utf8Length = utf8Length(s, ascii);
        writeVarLong(utf8Length + 1L);
        ensure(utf8Length);
        for (int i = 0; i < ascii; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
        encodeNonAscii(s, ascii);
    }

    /** Bulk copy of an all-ASCII string: for compact (Latin-1) strings this is an array copy. */
    @SuppressWarnings("deprecation")
    private void copyAscii(String s, int chars) {
        s.getBytes(0, chars, buf, size);
        size += chars;
    }

    private static int utf8Length(String s, int from) {
        int length = from;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private void encodeNonAscii(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[size++] = (byte) c;
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xC0 | (c >> 6));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[size++] = (byte) (0xF0 | (cp >> 18));
                buf[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                buf[size++] = '?';
            } else {
                buf[size++] = (byte) (0xE0 | (c >> 12));
                buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    /** A copy of exactly the bytes written. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    int size() {
        return size;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            // Doubling keeps the total copying linear in the record size.
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
