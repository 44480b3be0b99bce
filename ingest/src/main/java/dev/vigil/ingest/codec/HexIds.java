package dev.vigil.ingest.codec;

/**
 * Trace and span ids between their lower-case hex text (as the event model holds them) and raw
 * bytes (as the journal stores them, at half the size).
 *
 * <p>Stateless and thread-safe.
 */
final class HexIds {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexIds() {
    }

    /** Must be given lower-case hex of even length, which the event model guarantees. */
    static byte[] toBytes(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((digit(hex.charAt(2 * i)) << 4) | digit(hex.charAt(2 * i + 1)));
        }
        return out;
    }

    static String toHex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        throw new IllegalArgumentException("not a lower-case hex digit: '" + c + "'");
    }
}
