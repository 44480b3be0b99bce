package dev.vigil.ingest.codec;

/** A compressed body that {@link BodyInflater} refuses; {@link #problem()} says how to answer it. */
public final class CompressedBodyException extends RuntimeException {
    /** What is wrong with the body. */
    public enum Problem {
        /** Not in the format its label claims (e.g. {@code Content-Encoding: gzip} on plain JSON). */
        WRONG_FORMAT,
        /** Ends before the compressed stream does (cut in transfer, or cut at a flush point). */
        TRUNCATED,
        /** In the format but damaged: bad header, bad checksum, trailing garbage. */
        CORRUPT,
        /** Inflates to more than the limit (a compression bomb, or just too large a batch). */
        TOO_LARGE
    }

    private final Problem problem;
    private final long limit;

    CompressedBodyException(Problem problem, String message, long limit) {
        super(message);
        this.problem = problem;
        this.limit = limit;
    }

    public Problem problem() {
        return problem;
    }

    /** The inflated-size limit that was exceeded, for {@link Problem#TOO_LARGE}; else -1. */
    public long limit() {
        return limit;
    }
}
