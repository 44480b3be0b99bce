package dev.vigil.ingest.promrw;

/**
 * A remote-write body that cannot be read at all (not snappy, too large, not a {@code WriteRequest}):
 * the whole request is refused and nothing of it is stored.
 */
public final class RemoteWriteFormatException extends RuntimeException {
    private final String reason;

    /**
     * @param reason  a short stable code for metrics and the JSON error ({@code bad_snappy},
     *                {@code too_large}, {@code bad_protobuf})
     * @param message what is wrong, naming the problem
     */
    public RemoteWriteFormatException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
