package dev.vigil.api.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.vigil.analytics.anomaly.monitor.AnomalyMonitor;
import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.rca.alerts.AlertEngine;
import dev.vigil.rca.alerts.AlertingConfig;
import dev.vigil.rca.alerts.AnalyticsChecker;
import dev.vigil.rca.alerts.BurnRateSource;
import dev.vigil.rca.alerts.IncidentServiceOpener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A real Vigil node (HTTP server, journal, index) that test data is posted to over HTTP, and an
 * alert engine over its data with a scheduler on its own Vert.x, driven tick by tick.
 */
final class AlertingFixture implements AutoCloseable {
    final VigilNode node;
    final Vertx vertx = Vertx.vertx();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AlertEngine engine;
    AlertScheduler scheduler;

    AlertingFixture(Path dir) throws Exception {
        node = VigilNode.start(VigilConfig.defaults().with("data-dir", dir.resolve("node").toString()).with("host", "127.0.0.1")
                .with("port", "0").with("refresh-interval", "100ms").with("anomaly-step", "0"));
    }

    /** Opens the engine and scheduler over the node's data with the YAML alerting configuration. */
    void alerting(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("alerts.yaml");
        java.nio.file.Files.writeString(file, yaml);
        AlertingConfig config = AlertingConfig.load(file);
        AnomalyMonitor anomalies = node.anomalies();
        engine = AlertEngine.open(dir.resolve("alerts"), config, new AnalyticsChecker(node.pipeline(), node.templates(), anomalies,
                BurnRateSource.NONE), new IncidentServiceOpener(node.incidents()));
        scheduler = new AlertScheduler(vertx, engine, new Notifier(NotificationTargets.parse(vertx, config.notifications(), registry)), registry);
    }

    AlertEngine.Evaluation tick(Instant at) {
        return scheduler.tick(at).await();
    }

    /** Access-log lines of {@code service}: {@code requests} in the minute at {@code minute}, the first {@code errors} of them 503. */
    static void requests(List<String> out, String service, Instant minute, int requests, int errors) {
        for (int r = 0; r < requests; r++) {
            boolean error = r < errors;
            out.add(new JsonObject().put("timestamp", minute.plusSeconds(r * (55L / requests) + 1).toString()).put("service", service)
                    .put("level", error ? "error" : "info").put("message", "GET /api/items " + (error ? 503 : 200))
                    .put("attributes", new JsonObject().put("method", "GET").put("route", "/api/items").put("status", error ? "503" : "200")
                            .put("duration_ms", String.format(Locale.ROOT, "%.1f", 20.0 + r))).encode());
        }
    }

    /** POSTs NDJSON to the node and waits until it is searchable. */
    void ingest(List<String> lines) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port()
                + "/api/v1/logs?refresh=wait_for")).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ingest: " + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public void close() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        if (engine != null) {
            engine.close();
        }
        vertx.close().await();
        node.close();
    }
}
