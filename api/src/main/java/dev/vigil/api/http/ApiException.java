package dev.vigil.api.http;

import io.vertx.core.json.JsonArray;

/**
 * A request the API refuses, with the HTTP status and the JSON error code to answer with.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final JsonArray details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, JsonArray details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public JsonArray details() {
        return details;
    }
}
