package dev.vigil.api.notify;

import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * A target that delivers by POSTing JSON to one URL through an {@link HttpPoster}: what the
 * webhook, Slack and Alertmanager targets share, so each only says what it posts and when.
 * Subclasses must stay thread-safe; this part is immutable.
 */
abstract class HttpTarget implements NotificationTarget {
    private final String name;
    private final String type;
    private final String url;
    private final Map<String, String> headers;
    private final HttpPoster poster;

    /**
     * @param type    the {@link #type()} of the subclass, also the {@code type} tag of its metrics
     * @param headers sent with every request besides {@code Content-Type}
     */
    HttpTarget(String name, String type, String url, Map<String, String> headers, HttpPoster poster) {
        this.name = name;
        this.type = type;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.poster = poster;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String type() {
        return type;
    }

    /** Posts {@code body} to the URL with retries; completes (never fails) once delivered or given up. */
    final Future<Void> post(Buffer body) {
        return poster.post(name, type, url, headers, body);
    }
}
