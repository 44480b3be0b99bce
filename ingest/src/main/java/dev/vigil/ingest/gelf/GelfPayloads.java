package dev.vigil.ingest.gelf;

import dev.vigil.ingest.codec.BodyInflater;
import dev.vigil.ingest.codec.CompressedBodyException;

/**
 * Undoes the optional compression of a GELF payload: gzip (magic {@code 1f 8b}), zlib (first byte
 * {@code 78} with a valid header check, e.g. {@code 78 9c}) or none. Decompression is strict (a
 * truncated stream or a bad checksum is refused, see {@link BodyInflater}) and bounded so that a
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
        try {
            if (isGzip(data)) {
                return BodyInflater.gunzip(data, maxBytes);
            }
            if (isZlib(data)) {
                return BodyInflater.inflate(data, maxBytes);
            }
        } catch (CompressedBodyException e) {
            if (e.problem() == CompressedBodyException.Problem.TOO_LARGE) {
                throw tooLarge(maxBytes);
            }
            throw new GelfException("bad_compression", null, "payload is not valid " + (isGzip(data) ? "gzip" : "zlib") + ": "
                    + e.getMessage());
        }
        if (data.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return data;
    }

    static GelfException tooLarge(int maxBytes) {
        return new GelfException("too_large", null, "message is larger than the limit of " + maxBytes + " bytes (uncompressed)");
    }
}
