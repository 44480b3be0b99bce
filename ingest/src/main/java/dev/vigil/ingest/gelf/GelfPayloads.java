package dev.vigil.ingest.gelf;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes the optional compression of a GELF payload: gzip (magic {@code 1f 8b}), zlib (first byte
 * {@code 78} with a valid header check, e.g. {@code 78 9c}) or none. Output is bounded so that a
 * small "zip bomb" cannot allocate more than the limit.
 */
public final class GelfPayloads {
    private GelfPayloads() {
    }

    public static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }

    public static boolean isZlib(byte[] data) {
        if (data.length < 2 || (data[0] & 0xff) != 0x78) {
            return false;
        }
        return (((data[0] & 0xff) << 8) | (data[1] & 0xff)) % 31 == 0;
    }

    /**
     * @return the uncompressed payload (the input itself when it is not compressed)
     * @throws GelfException {@code bad_compression} when the data is corrupt or truncated,
     *                       {@code too_large} when it inflates beyond {@code maxBytes}
     */
    public static byte[] decompress(byte[] data, int maxBytes) {
        if (isGzip(data)) {
            return inflateGzip(data, maxBytes);
        }
        if (isZlib(data)) {
            return inflate(new Inflater(false), data, 0, data.length, maxBytes, "zlib");
        }
        if (data.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return data;
    }

    private static byte[] inflateGzip(byte[] data, int maxBytes) {
        // RFC 1952 header: magic(2) method(1) flags(1) mtime(4) xfl(1) os(1), then optional parts.
        if (data.length < 18) {
            throw bad("gzip", "shorter than a gzip header and trailer");
        }
        if ((data[2] & 0xff) != 8) {
            throw bad("gzip", "unsupported compression method " + (data[2] & 0xff));
        }
        int flags = data[3] & 0xff;
        int pos = 10;
        if ((flags & 0x04) != 0) {
            if (pos + 2 > data.length) {
                throw bad("gzip", "truncated header");
            }
            pos += 2 + ((data[pos] & 0xff) | ((data[pos + 1] & 0xff) << 8));
        }
        if ((flags & 0x08) != 0) {
            pos = skipZeroTerminated(data, pos);
        }
        if ((flags & 0x10) != 0) {
            pos = skipZeroTerminated(data, pos);
        }
        if ((flags & 0x02) != 0) {
            pos += 2;
        }
        if (pos >= data.length) {
            throw bad("gzip", "truncated header");
        }
        return inflate(new Inflater(true), data, pos, data.length - pos, maxBytes, "gzip");
    }

    private static int skipZeroTerminated(byte[] data, int pos) {
        while (pos < data.length && data[pos] != 0) {
            pos++;
        }
        return pos + 1;
    }

    private static byte[] inflate(Inflater inflater, byte[] data, int offset, int length, int maxBytes, String format) {
        try {
            inflater.setInput(data, offset, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(256, length * 4)));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0) {
                    if (inflater.needsInput() || inflater.needsDictionary()) {
                        throw bad(format, "truncated stream (ended before the end of the compressed data)");
                    }
                    continue;
                }
                if (out.size() + n > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw bad(format, e.getMessage() == null ? "corrupt data" : e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static GelfException bad(String format, String why) {
        return new GelfException("bad_compression", null, "payload is not valid " + format + ": " + why);
    }

    static GelfException tooLarge(int maxBytes) {
        return new GelfException("too_large", null, "message is larger than the limit of " + maxBytes + " bytes (uncompressed)");
    }
}
