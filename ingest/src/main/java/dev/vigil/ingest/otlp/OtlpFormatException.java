package dev.vigil.ingest.otlp;

/** The request as a whole cannot be decoded (answer 400; nothing of it is stored). */
public final class OtlpFormatException extends RuntimeException {
    public OtlpFormatException(String message) {
        super(message);
    }

    public OtlpFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
