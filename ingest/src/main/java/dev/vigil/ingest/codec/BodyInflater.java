package dev.vigil.ingest.codec;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Strict, bounded decompression of request bodies: gzip (RFC 1952, one or more members) and the
 * HTTP {@code deflate} coding (zlib, RFC 1950; raw deflate, RFC 1951, as some senders use).
 *
 * <p>Strict means a body is accepted only if it is complete: a gzip body must start with the gzip
 * header, end each member with its trailer (CRC-32 and length, both checked) and carry nothing
 * after the last member. A stream cut at a flush point would otherwise inflate to a plausible
 * prefix and be stored as if it were the whole batch. Bounded means the output never grows past
 * the limit: a small body that inflates to gigabytes is refused after {@code limit} bytes.
 *
 * <p>Stateless and thread-safe; call it on a worker thread (it is CPU work).
 */
public final class BodyInflater {
    private static final int FTEXT_HCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED_FLAGS = 0xe0;

    private BodyInflater() {
    }

    /**
     * @return the inflated bytes, at most {@code limit} of them
     * @throws CompressedBodyException naming the problem and the byte offset where it was found
     */
    public static byte[] gunzip(byte[] data, long limit) {
        if (data.length < 2 || (data[0] & 0xff) != 0x1f || (data[1] & 0xff) != 0x8b) {
            throw new CompressedBodyException(CompressedBodyException.Problem.WRONG_FORMAT, "body is not gzip: "
                    + describeStart(data) + ", not with the gzip magic bytes 1f 8b", -1);
        }
        Output out = new Output(limit, data.length);
        int pos = 0;
        int member = 0;
        while (pos < data.length) {
            member++;
            if (data.length - pos < 2 || (data[pos] & 0xff) != 0x1f || (data[pos + 1] & 0xff) != 0x8b) {
                throw corrupt("gzip body has " + (data.length - pos) + " byte(s) of trailing data after the end of gzip member "
                        + (member - 1) + " at byte " + pos);
            }
            pos = skipHeader(data, pos);
            Inflater inflater = new Inflater(true);
            CRC32 crc = new CRC32();
            long memberStart = out.size();
            try {
                int consumed = inflate(inflater, data, pos, out, crc, "gzip");
                if (!inflater.finished()) {
                    throw new CompressedBodyException(CompressedBodyException.Problem.TRUNCATED, "gzip body is truncated: the "
                            + "deflate stream of member " + member + " ends at byte " + data.length + " without its final block", -1);
                }
                pos += consumed;
            } finally {
                inflater.end();
            }
            if (data.length - pos < 8) {
                throw new CompressedBodyException(CompressedBodyException.Problem.TRUNCATED, "gzip body is truncated: the 8-byte"
                        + " trailer (CRC-32 and length) of member " + member + " is missing or cut at byte " + data.length, -1);
            }
            long expectedCrc = littleEndian32(data, pos);
            long expectedSize = littleEndian32(data, pos + 4);
            if (expectedCrc != crc.getValue()) {
                throw corrupt("gzip body is corrupt: CRC-32 of member " + member + " is " + Long.toHexString(crc.getValue())
                        + " but its trailer at byte " + pos + " says " + Long.toHexString(expectedCrc));
            }
            if (expectedSize != ((out.size() - memberStart) & 0xffffffffL)) {
                throw corrupt("gzip body is corrupt: member " + member + " inflated to " + (out.size() - memberStart)
                        + " bytes but its trailer says " + expectedSize);
            }
            pos += 8;
        }
        return out.toByteArray();
    }

    /**
     * The HTTP {@code deflate} coding: zlib when the body starts with a valid zlib header (its
     * Adler-32 is checked), raw deflate otherwise.
     *
     * @throws CompressedBodyException naming the problem
     */
    public static byte[] inflate(byte[] data, long limit) {
        boolean zlib = isZlib(data);
        String format = zlib ? "zlib" : "deflate";
        Output out = new Output(limit, data.length);
        Inflater inflater = new Inflater(!zlib);
        try {
            int consumed = inflate(inflater, data, 0, out, null, format);
            if (!inflater.finished()) {
                throw new CompressedBodyException(data.length == 0 ? CompressedBodyException.Problem.WRONG_FORMAT
                        : CompressedBodyException.Problem.TRUNCATED, data.length == 0 ? "body is not deflate: it is empty"
                        : "deflate body (" + format + ") is truncated: the stream ends at byte " + data.length
                        + " without its final block" + (zlib ? " and Adler-32 checksum" : ""), -1);
            }
            if (consumed < data.length) {
                throw corrupt("deflate body (" + format + ") has " + (data.length - consumed)
                        + " byte(s) of trailing data after the end of the stream at byte " + consumed);
            }
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    /** RFC 1950 header: deflate method, window up to 32 KiB, no preset dictionary, check bits right. */
    static boolean isZlib(byte[] data) {
        if (data.length < 2) {
            return false;
        }
        int cmf = data[0] & 0xff;
        int flg = data[1] & 0xff;
        return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (flg & 0x20) == 0 && ((cmf << 8) | flg) % 31 == 0;
    }

    /** @return bytes of {@code data} consumed from {@code offset} */
    private static int inflate(Inflater inflater, byte[] data, int offset, Output out, CRC32 crc, String format) {
        inflater.setInput(data, offset, data.length - offset);
        byte[] buffer = new byte[16 * 1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0) {
                    if (inflater.needsInput() || inflater.needsDictionary()) {
                        break;
                    }
                    continue;
                }
                out.write(buffer, n);
                if (crc != null) {
                    crc.update(buffer, 0, n);
                }
            }
        } catch (DataFormatException e) {
            throw corrupt(format + " body is corrupt: " + (e.getMessage() == null ? "invalid deflate data" : e.getMessage())
                    + " (after " + inflater.getBytesRead() + " compressed bytes)");
        }
        return data.length - offset - inflater.getRemaining();
    }

    private static int skipHeader(byte[] data, int start) {
        if (data.length - start < 10) {
            throw new CompressedBodyException(CompressedBodyException.Problem.TRUNCATED,
                    "gzip body is truncated: its 10-byte header at byte " + start + " is cut short", -1);
        }
        if ((data[start + 2] & 0xff) != 8) {
            throw corrupt("gzip body is corrupt: compression method " + (data[start + 2] & 0xff) + " at byte " + (start + 2)
                    + " is not deflate (8)");
        }
        int flags = data[start + 3] & 0xff;
        if ((flags & RESERVED_FLAGS) != 0) {
            throw corrupt("gzip body is corrupt: reserved header flags are set (" + Integer.toHexString(flags) + ")");
        }
        int pos = start + 10;
        if ((flags & FEXTRA) != 0) {
            if (pos + 2 > data.length) {
                throw truncatedHeader(start);
            }
            pos += 2 + ((data[pos] & 0xff) | ((data[pos + 1] & 0xff) << 8));
        }
        if ((flags & FNAME) != 0) {
            pos = skipZeroTerminated(data, pos, start);
        }
        if ((flags & FCOMMENT) != 0) {
            pos = skipZeroTerminated(data, pos, start);
        }
        if ((flags & FTEXT_HCRC) != 0) {
            pos += 2;
        }
        if (pos > data.length) {
            throw truncatedHeader(start);
        }
        return pos;
    }

    private static int skipZeroTerminated(byte[] data, int pos, int start) {
        while (pos < data.length && data[pos] != 0) {
            pos++;
        }
        if (pos >= data.length) {
            throw truncatedHeader(start);
        }
        return pos + 1;
    }

    private static CompressedBodyException truncatedHeader(int start) {
        return new CompressedBodyException(CompressedBodyException.Problem.TRUNCATED,
                "gzip body is truncated: the header of the member at byte " + start + " is cut short", -1);
    }

    private static CompressedBodyException corrupt(String message) {
        return new CompressedBodyException(CompressedBodyException.Problem.CORRUPT, message, -1);
    }

    private static long littleEndian32(byte[] data, int pos) {
        return (data[pos] & 0xffL) | (data[pos + 1] & 0xffL) << 8 | (data[pos + 2] & 0xffL) << 16 | (data[pos + 3] & 0xffL) << 24;
    }

    /** The first bytes of a body in hex and as text, for "it starts with ..." messages. */
    private static String describeStart(byte[] data) {
        if (data.length == 0) {
            return "it is empty";
        }
        int n = Math.min(8, data.length);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = data[i] & 0xff;
            hex.append(i == 0 ? "" : " ").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return "it starts with " + hex + " ('" + text + "')";
    }

    /** Output that refuses to grow past the limit. */
    private static final class Output {
        private final long limit;
        private final ByteArrayOutputStream bytes;

        Output(long limit, int compressedLength) {
            this.limit = limit;
            this.bytes = new ByteArrayOutputStream((int) Math.min(limit, Math.max(256L, compressedLength * 4L)));
        }

        void write(byte[] buffer, int n) {
            if (bytes.size() + (long) n > limit) {
                throw new CompressedBodyException(CompressedBodyException.Problem.TOO_LARGE, "body inflates to more than the limit of "
                        + limit + " bytes", limit);
            }
            bytes.write(buffer, 0, n);
        }

        long size() {
            return bytes.size();
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
