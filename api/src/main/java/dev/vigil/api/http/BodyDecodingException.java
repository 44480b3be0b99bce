package dev.vigil.api.http;

/**
 * A request body that {@link RequestBodies} cannot decode, with the HTTP status to answer
 * (400 damaged, 413 too large once inflated, 415 unknown Content-Encoding) and a short reason for
 * the rejection metrics. Receivers render it in their protocol's error shape.
 */
public final class BodyDecodingException extends RuntimeException {
    private final int status;
    private final String reason;

    BodyDecodingException(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    /** 400, 413 or 415. */
    public int status() {
        return status;
    }

    /** {@code bad_compression}, {@code body_too_large} or {@code unsupported_encoding}. */
    public String reason() {
        return reason;
    }

    /** The same refusal in Vigil's own error shape. */
    public ApiException toApiException() {
        String code = switch (status) {
            case 413 -> "body_too_large";
            case 415 -> "unsupported_encoding";
            default -> "invalid_request";
        };
        return new ApiException(status, code, getMessage());
    }
}
