package dev.vigil.api.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.rca.alerts.Alert;
import dev.vigil.rca.alerts.AlertState;
import dev.vigil.rca.alerts.Fingerprint;
import dev.vigil.rca.alerts.Notification;
import dev.vigil.rca.alerts.RuleValidationException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The shapes receivers parse (webhook, Slack, the text of emails), the backoff bounds, and target validation. */
class NotificationPayloadsTest {
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    private static Alert alert(int i, AlertState state, double value) {
        Map<String, String> labels = Map.of("alertname", "HighErrors", "service", "svc-" + i);
        return new Alert(Fingerprint.of(labels), "high-errors", labels, Map.of("summary", "svc-" + i + " fails", "root_cause",
                "deployment svc-1 v2 (score 0.9): deployed before the errors"), state, value, AT, AT,
                state == AlertState.RESOLVED ? AT.plusSeconds(60) : null, AT, false, List.of());
    }

    @Test
    void webhookPayloadHasTheDocumentedFieldsAndNoNaN() {
        Notification n = new Notification("{alertname=\"HighErrors\"}", Map.of("alertname", "HighErrors"),
                List.of(alert(1, AlertState.FIRING, Double.NaN), alert(2, AlertState.RESOLVED, 0.3)), AT);
        JsonObject json = new JsonObject(WebhookTarget.payload(n).encode());
        assertEquals("1", json.getString("version"));
        assertEquals("firing", json.getString("status"));
        assertEquals("{alertname=\"HighErrors\"}", json.getString("group_key"));
        assertEquals(2, json.getJsonArray("alerts").size());
        JsonObject first = json.getJsonArray("alerts").getJsonObject(0);
        assertTrue(first.containsKey("value") && first.getValue("value") == null, first.encode());
        assertEquals("svc-1", first.getJsonObject("labels").getString("service"));
        assertEquals("resolved", json.getJsonArray("alerts").getJsonObject(1).getString("state"));
    }

    @Test
    void slackMessageOfAStormStaysWithinTheBlockLimit() {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            alerts.add(alert(i, AlertState.FIRING, i));
        }
        JsonObject slack = SlackTarget.payload(new Notification("{}", Map.of("alertname", "HighErrors"), alerts, AT));
        assertEquals(1 + SlackTarget.MAX_SECTIONS + 1, slack.getJsonArray("blocks").size());
        assertTrue(slack.getJsonArray("blocks").size() <= 50);
        assertTrue(slack.getString("text").startsWith("[FIRING:120] HighErrors\n"), slack.getString("text"));
        assertTrue(slack.getString("text").contains("- and 100 more"), slack.getString("text"));
        assertTrue(slack.getString("text").contains("top root cause: deployment svc-1 v2"), slack.getString("text"));
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int trial = 0; trial < 200; trial++) {
            long first = policy.delayMillis(1);
            long third = policy.delayMillis(3);
            long tenth = policy.delayMillis(10);
            assertTrue(first >= 50 && first <= 100, "attempt 1: " + first);
            assertTrue(third >= 200 && third <= 400, "attempt 3: " + third);
            assertTrue(tenth >= 500 && tenth <= 1000, "attempt 10 is capped: " + tenth);
        }
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void targetErrorsNameTheField() {
        Vertx vertx = Vertx.vertx();
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            assertEquals("notifications[1].url", assertThrows(RuleValidationException.class, () -> NotificationTargets.parse(vertx,
                    List.of(Map.of("type", "slack", "url", "http://x/y"), Map.of("type", "webhook", "url", "ftp://x")), registry)).field());
            assertEquals("notifications[0].type", assertThrows(RuleValidationException.class, () -> NotificationTargets.parse(vertx,
                    List.of(Map.of("type", "pager")), registry)).field());
            assertEquals("notifications[0].to", assertThrows(RuleValidationException.class, () -> NotificationTargets.parse(vertx,
                    List.of(Map.of("type", "email", "smtp_host", "localhost", "from", "a@b")), registry)).field());
            assertEquals("notifications[0].retries", assertThrows(RuleValidationException.class, () -> NotificationTargets.parse(vertx,
                    List.of(Map.of("type", "webhook", "url", "http://x", "retries", 3)), registry)).field());
        } finally {
            vertx.close().await();
        }
    }
}
