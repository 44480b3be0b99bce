package dev.vigil.api.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.rca.alerts.Alert;
import dev.vigil.rca.alerts.AlertEngine;
import dev.vigil.rca.alerts.AlertState;
import dev.vigil.rca.alerts.Notification;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A Prometheus Alertmanager, through its v2 API ({@code POST /api/v2/alerts}), the way Prometheus
 * talks to it: Alertmanager groups, routes, inhibits and silences itself, so this target receives
 * every evaluation's firing and just-resolved alerts rather than Vigil's groups. It posts when the
 * set changed, and otherwise every {@code resend} so Alertmanager keeps them alive: a firing
 * alert's {@code endsAt} is four resends ahead, so alerts of a Vigil that stopped resolve on their
 * own. Thread-safe (the last-sent state is confined to the synchronized method).
 */
final class AlertmanagerTarget extends HttpTarget {
    private final String generatorBase;
    private final Duration resend;
    private Map<String, AlertState> lastSent = Map.of();
    private Instant lastPost;

    /**
     * @param baseUrl       the Alertmanager, e.g. {@code http://alertmanager:9093}
     * @param generatorBase Vigil's external URL, for each alert's {@code generatorURL}
     * @param resend        how often unchanged alerts are posted again
     */
    AlertmanagerTarget(String name, String baseUrl, String generatorBase, Duration resend, HttpPoster poster) {
        super(name, "alertmanager", baseUrl.replaceAll("/+$", "") + "/api/v2/alerts", Map.of(), poster);
        this.generatorBase = generatorBase.replaceAll("/+$", "");
        this.resend = resend;
    }

    @Override
    public Future<Void> send(Notification notification) {
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> evaluated(AlertEngine.Evaluation evaluation) {
        List<Alert> alerts = evaluation.notifiable();
        JsonArray body;
        synchronized (this) {
            Map<String, AlertState> now = new HashMap<>();
            alerts.forEach(a -> now.put(a.fingerprint(), a.state()));
            boolean due = lastPost == null || !evaluation.at().isBefore(lastPost.plus(resend));
            if (alerts.isEmpty() || (now.equals(lastSent) && !due)) {
                lastSent = now;
                return Future.succeededFuture();
            }
            lastSent = now;
            lastPost = evaluation.at();
            body = payload(alerts, evaluation.at());
        }
        return post(body.toBuffer());
    }

    JsonArray payload(List<Alert> alerts, Instant at) {
        JsonArray out = new JsonArray();
        for (Alert a : alerts) {
            Instant endsAt = a.state() == AlertState.RESOLVED ? a.resolvedAt() : at.plus(resend.multipliedBy(4));
            out.add(new JsonObject()
                    .put("labels", new JsonObject(new java.util.TreeMap<>(a.labels())))
                    .put("annotations", new JsonObject(new java.util.TreeMap<>(a.annotations())))
                    .put("startsAt", a.firedAt().toString())
                    .put("endsAt", endsAt.toString())
                    .put("generatorURL", generatorBase + "/api/v1/alerts?rule=" + a.ruleId()));
        }
        return out;
    }
}
