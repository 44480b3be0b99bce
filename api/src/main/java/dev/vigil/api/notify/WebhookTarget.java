package dev.vigil.api.notify;

import java.util.Map;

import dev.vigil.rca.alerts.Alert;
import dev.vigil.rca.alerts.Notification;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The generic webhook: POSTs the notification as JSON (see docs/api.md, "Webhook payload"):
 * {@code {"version":"1","status","group_key","group_labels","alerts":[...],"sent_at"}}, each alert
 * as {@code GET /api/v1/alerts} shows it. Retries per its policy. Thread-safe.
 */
final class WebhookTarget extends HttpTarget {
    WebhookTarget(String name, String url, Map<String, String> headers, HttpPoster poster) {
        super(name, "webhook", url, headers, poster);
    }

    @Override
    public Future<Void> send(Notification notification) {
        return post(payload(notification).toBuffer());
    }

    static JsonObject payload(Notification n) {
        JsonArray alerts = new JsonArray();
        for (Alert a : n.alerts()) {
            alerts.add(alert(a));
        }
        return new JsonObject().put("version", "1").put("status", n.status()).put("group_key", n.groupKey())
                .put("group_labels", new JsonObject(new java.util.TreeMap<>(n.groupLabels()))).put("alerts", alerts)
                .put("sent_at", n.at().toString());
    }

    /** An alert as JSON; a value that is not a number becomes null (JSON has no NaN). */
    static JsonObject alert(Alert a) {
        JsonObject json = new JsonObject();
        a.fields().forEach((k, v) -> {
            if (v instanceof Double d && !Double.isFinite(d)) {
                json.putNull(k);
            } else if (v instanceof Map<?, ?> map) {
                json.put(k, new JsonObject(new java.util.LinkedHashMap<>(castMap(map))));
            } else if (v instanceof java.util.List<?> list) {
                json.put(k, new JsonArray(new java.util.ArrayList<>(list)));
            } else {
                json.put(k, v);
            }
        });
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
