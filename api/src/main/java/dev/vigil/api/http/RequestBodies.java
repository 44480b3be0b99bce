package dev.vigil.api.http;

import java.util.Locale;

import dev.vigil.ingest.codec.BodyInflater;
import dev.vigil.ingest.codec.CompressedBodyException;

/**
 * Undoes a request's {@code Content-Encoding} in the handler, strictly: the HTTP server does not
 * inflate bodies itself, because its inflater closes the connection on a body that is not what its
 * label says and accepts a gzip stream cut at a flush point as if it were complete. Here a damaged
 * body is a 400 that says what is wrong, a body that inflates past the body limit is a 413 naming
 * the limit and its setting, and an unknown coding is a 415.
 *
 * <p>Codings: none or {@code identity}, {@code gzip} (also {@code x-gzip}) and {@code deflate}
 * (zlib or raw deflate); a receiver may pass further codings through untouched (Loki's
 * {@code snappy}, which its decoder undoes). Stateless and thread-safe; {@link #decode} is CPU work
 * for a worker thread, {@link #check} is cheap enough for the event loop.
 */
public final class RequestBodies {
    /** The server setting that bounds request bodies, compressed and inflated. */
    public static final String BODY_LIMIT_SETTING = "body-limit";

    private RequestBodies() {
    }

    /**
     * @param passThrough codings the caller undoes itself (lower case)
     * @throws BodyDecodingException with 415 when the Content-Encoding is not one this route takes
     */
    public static void check(String contentEncoding, String... passThrough) {
        for (String coding : codings(contentEncoding)) {
            if (!known(coding) && !contains(passThrough, coding)) {
                throw new BodyDecodingException(415, "unsupported_encoding", "Content-Encoding '" + contentEncoding.trim()
                        + "' is not supported here; send the body uncompressed or with Content-Encoding gzip or deflate"
                        + (passThrough.length == 0 ? "" : " (or " + String.join(", ", passThrough) + ")"));
            }
        }
    }

    /**
     * The body with its Content-Encoding undone.
     *
     * @param limitBytes  largest inflated body accepted (the body limit)
     * @param passThrough codings left for the caller to undo
     * @throws BodyDecodingException 400 naming what is wrong with the compressed data, 413 when it
     *                               inflates past {@code limitBytes}, 415 for an unknown coding
     */
    public static byte[] decode(byte[] raw, String contentEncoding, long limitBytes, String... passThrough) {
        check(contentEncoding, passThrough);
        String[] codings = codings(contentEncoding);
        byte[] body = raw;
        // Codings are listed in the order they were applied: undo them from the last.
        for (int i = codings.length - 1; i >= 0; i--) {
            String coding = codings[i];
            try {
                switch (coding) {
                    case "gzip", "x-gzip" -> body = BodyInflater.gunzip(body, limitBytes);
                    case "deflate" -> body = BodyInflater.inflate(body, limitBytes);
                    default -> {
                        // identity, or a coding the caller undoes
                    }
                }
            } catch (CompressedBodyException e) {
                if (e.problem() == CompressedBodyException.Problem.TOO_LARGE) {
                    throw new BodyDecodingException(413, "body_too_large", "request body (Content-Encoding " + coding
                            + ") is larger than the body limit of " + limitBytes + " bytes after decompression (setting "
                            + BODY_LIMIT_SETTING + "); send smaller batches; nothing was stored");
                }
                throw new BodyDecodingException(400, "bad_compression", "request body could not be decompressed as Content-Encoding "
                        + coding + ": " + e.getMessage() + "; nothing was stored");
            }
        }
        return body;
    }

    /** The codings named by the header, lower case, identity dropped; empty for none. */
    private static String[] codings(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return new String[0];
        }
        return java.util.Arrays.stream(contentEncoding.toLowerCase(Locale.ROOT).split(","))
                .map(String::trim)
                .filter(c -> !c.isEmpty() && !c.equals("identity"))
                .toArray(String[]::new);
    }

    private static boolean known(String coding) {
        return coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("deflate");
    }

    private static boolean contains(String[] values, String value) {
        for (String candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
