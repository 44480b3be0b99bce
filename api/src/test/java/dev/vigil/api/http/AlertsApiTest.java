package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.rca.alerts.RuleValidationException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting routes on a real node: rules by API (validated, persisted across a restart) and
 * by configuration file (read-only), alerts after evaluations driven with a test clock, silences,
 * and the history.
 */
class AlertsApiTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private VigilNode start(String... settings) throws Exception {
        VigilConfig config = VigilConfig.defaults().with("data-dir", dir.resolve("data").toString()).with("host", "127.0.0.1")
                .with("port", "0").with("refresh-interval", "100ms").with("anomaly-step", "0");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            config = config.with(settings[i], settings[i + 1]);
        }
        return VigilNode.start(config);
    }

    private record Reply(int status, String body, HttpResponse<String> response) {
        JsonObject json() {
            return new JsonObject(body);
        }

        JsonObject error(int expected) {
            assertEquals(expected, status, body);
            return json().getJsonObject("error");
        }
    }

    private Reply send(VigilNode node, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }

    private static final String RULE = """
            {"name": "Checkout Errors", "type": "threshold", "service": "checkout", "stat": "error_rate", "window": "2m",
             "op": ">", "value": 0.1, "for": "1m", "labels": {"severity": "page"}, "open_incident": true}""";

    @Test
    void rulesAreValidatedPersistedAndEvaluatedIntoAlertsSilencesAndHistory() throws Exception {
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(20));
        try (VigilNode node = start()) {
            JsonObject bad = send(node, "POST", "/api/v1/alert-rules", RULE.replace("\"2m\"", "\"2 minutes\"")).error(400);
            assertEquals("invalid_rule", bad.getString("code"));
            assertEquals("window", bad.getString("field"));
            assertEquals("invalid_json", send(node, "POST", "/api/v1/alert-rules", "{\"name\": ").error(400).getString("code"));
            assertEquals("type", send(node, "POST", "/api/v1/alert-rules", "{\"name\": \"x\"}").error(400).getString("field"));

            Reply created = send(node, "POST", "/api/v1/alert-rules", RULE);
            assertEquals(201, created.status(), created.body());
            assertEquals("/api/v1/alert-rules/checkout-errors", created.response().headers().firstValue("Location").orElse(""));
            assertEquals("api", created.json().getString("origin"));
            assertEquals("conflict", send(node, "POST", "/api/v1/alert-rules", RULE).error(409).getString("code"));
            assertEquals("id", send(node, "PUT", "/api/v1/alert-rules/checkout-errors", RULE.replace("{\"name\"", "{\"id\": \"other\", \"name\""))
                    .error(400).getString("field"));
            Reply replaced = send(node, "PUT", "/api/v1/alert-rules/checkout-errors", RULE.replace("0.1", "0.2"));
            assertEquals(200, replaced.status(), replaced.body());
            assertEquals(0.2, replaced.json().getDouble("value"));
            assertEquals(404, send(node, "GET", "/api/v1/alert-rules/nope", null).status());

            List<String> lines = new ArrayList<>();
            for (int m = 0; m < 20; m++) {
                for (int r = 0; r < 10; r++) {
                    boolean error = m >= 10 && r < 5;
                    lines.add(new JsonObject().put("timestamp", base.plus(Duration.ofMinutes(m)).plusSeconds(r * 5L + 1).toString())
                            .put("service", "checkout").put("level", error ? "error" : "info").put("message", "POST /pay " + (error ? 500 : 200))
                            .put("attributes", new JsonObject().put("method", "POST").put("route", "/pay").put("status", error ? "500" : "200")
                                    .put("duration_ms", String.format(Locale.ROOT, "%d.0", 10 + r))).encode());
                }
            }
            Reply ingested = send(node, "POST", "/api/v1/logs?refresh=wait_for", String.join("\n", lines));
            assertEquals(200, ingested.status(), ingested.body());

            node.alerts().tick(base.plus(Duration.ofMinutes(11))).await();
            JsonArray pending = send(node, "GET", "/api/v1/alerts?state=pending", null).json().getJsonArray("alerts");
            assertEquals(1, pending.size(), pending::encode);
            assertEquals(0, send(node, "GET", "/api/v1/alerts?state=firing", null).json().getJsonArray("alerts").size());
            node.alerts().tick(base.plus(Duration.ofMinutes(12))).await();
            JsonObject firing = send(node, "GET", "/api/v1/alerts?state=firing", null).json().getJsonArray("alerts").getJsonObject(0);
            assertEquals("checkout-errors", firing.getString("rule"));
            assertEquals(new JsonObject().put("alertname", "Checkout Errors").put("service", "checkout").put("severity", "page"),
                    firing.getJsonObject("labels"));
            assertEquals(0.5, firing.getDouble("value"));
            String incidentId = firing.getJsonObject("annotations").getString("incident_id");
            JsonObject incident = send(node, "GET", "/api/v1/incidents/" + incidentId, null).json();
            assertEquals("Checkout Errors", incident.getJsonObject("origin").getString("alert"), incident::encodePrettily);
            String metrics = send(node, "GET", "/metrics", null).body();
            assertTrue(metrics.contains("vigil_alerts{state=\"firing\"} 1.0"), metrics);
            assertEquals("invalid_request", send(node, "GET", "/api/v1/alerts?state=burning", null).error(400).getString("code"));

            assertEquals("matchers", send(node, "POST", "/api/v1/silences", "{\"duration\": \"1h\"}").error(400).getString("field"));
            Reply silence = send(node, "POST", "/api/v1/silences", new JsonObject().put("matchers", new JsonArray().add(new JsonObject()
                    .put("name", "service").put("value", "check.*").put("is_regex", true))).put("duration", "2h").put("comment", "deploy").encode());
            assertEquals(201, silence.status(), silence.body());
            String silenceId = silence.json().getString("id");
            assertEquals("active", silence.json().getString("status"));
            node.alerts().tick(Instant.now()).await();
            JsonArray silenced = send(node, "GET", "/api/v1/alerts?silenced=true", null).json().getJsonArray("alerts");
            assertEquals(new JsonArray().add(silenceId), silenced.getJsonObject(0).getJsonArray("silenced_by"));
            assertEquals(1, send(node, "GET", "/api/v1/silences?status=active", null).json().getJsonArray("silences").size());
            Reply expired = send(node, "DELETE", "/api/v1/silences/" + silenceId, null);
            assertEquals("expired", expired.json().getString("status"), expired.body());
            assertEquals(404, send(node, "DELETE", "/api/v1/silences/nope", null).status());

            JsonArray history = send(node, "GET", "/api/v1/alerts/history?rule=checkout-errors", null).json().getJsonArray("transitions");
            assertTrue(history.size() >= 2, history::encode);
            JsonObject last = history.getJsonObject(history.size() - 1);
            assertEquals("inactive", last.getString("from"));
            assertEquals("pending", last.getString("to"));
            assertEquals(base.plus(Duration.ofMinutes(11)).toString(), last.getString("at"));
        }
        try (VigilNode node = start()) {
            JsonArray rules = send(node, "GET", "/api/v1/alert-rules", null).json().getJsonArray("rules");
            assertEquals(1, rules.size(), "the rule survives a restart");
            assertEquals(0.2, rules.getJsonObject(0).getDouble("value"));
            assertTrue(send(node, "GET", "/api/v1/alerts/history", null).json().getJsonArray("transitions").size() >= 2);
            assertEquals(1, send(node, "GET", "/api/v1/silences?status=expired", null).json().getJsonArray("silences").size());
            assertEquals(204, send(node, "DELETE", "/api/v1/alert-rules/checkout-errors", null).status());
            assertEquals(404, send(node, "DELETE", "/api/v1/alert-rules/checkout-errors", null).status());
        }
    }

    @Test
    void burnRateRulesReadTheNodesSlos() throws Exception {
        Instant now = Instant.now();
        try (VigilNode node = start()) {
            Reply slo = send(node, "POST", "/api/v1/slos", "{\"name\": \"Checkout availability\", \"service\": \"checkout\","
                    + " \"indicator\": {\"type\": \"availability\"}, \"target\": 99, \"window\": \"30d\"}");
            assertTrue(slo.status() == 200 || slo.status() == 201, slo.body());
            List<String> lines = new ArrayList<>();
            int n = 0;
            for (Instant at = now.minus(Duration.ofMinutes(70)); at.isBefore(now); at = at.plusSeconds(6)) {
                boolean failed = n++ % 5 == 0;
                lines.add(new JsonObject().put("timestamp", at.toString()).put("service", "checkout").put("message", "POST /pay")
                        .put("attributes", new JsonObject().put("method", "POST").put("route", "/pay").put("status", failed ? "503" : "200"))
                        .encode());
            }
            assertEquals(200, send(node, "POST", "/api/v1/logs?refresh=wait_for", String.join("\n", lines)).status());
            assertEquals(201, send(node, "POST", "/api/v1/alert-rules",
                    "{\"name\": \"Budget\", \"type\": \"burn_rate\", \"slo\": \"checkout-availability\", \"severity\": \"page\"}").status());
            node.alerts().tick(now).await();
            JsonArray firing = send(node, "GET", "/api/v1/alerts?state=firing", null).json().getJsonArray("alerts");
            List<String> windows = firing.stream().map(a -> ((JsonObject) a).getJsonObject("labels"))
                    .filter(l -> l.getString("slo").equals("checkout-availability") && l.getString("service").equals("checkout"))
                    .map(l -> l.getString("burn_window")).sorted().toList();
            assertEquals(List.of("1h/5m", "6h/30m"), windows, firing::encodePrettily);
        }
    }

    @Test
    void theNodeEvaluatesOnItsOwnScheduleAndNotifies() throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            java.util.concurrent.CompletableFuture<JsonObject> hook = new java.util.concurrent.CompletableFuture<>();
            io.vertx.core.http.HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                hook.complete(body.toJsonObject());
                request.response().end();
            })).listen(0, "127.0.0.1").await();
            Path file = dir.resolve("alerts.yaml");
            Files.writeString(file, "evaluation_interval: 1s\n"
                    + "grouping: {group_wait: 0s}\n"
                    + "rules:\n  - {name: Ghost silent, type: absence, service: ghost, window: 1m}\n"
                    + "notifications:\n  - {type: webhook, url: 'http://127.0.0.1:" + server.actualPort() + "/hook'}\n");
            try (VigilNode node = start("alerts-config", file.toString())) {
                JsonObject notification = hook.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals("firing", notification.getString("status"));
                assertEquals("ghost", notification.getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("service"));
                assertTrue(send(node, "GET", "/api/v1/alert-rules/ghost-silent", null).json().getString("last_evaluation") != null);
            }
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void configurationFileRulesAreReadOnlyAndABadFileStopsTheStart() throws Exception {
        Path file = dir.resolve("alerts.yaml");
        Files.writeString(file, "rules:\n  - {name: Billing silent, type: absence, service: billing, window: 10m}\n");
        try (VigilNode node = start("alerts-config", file.toString())) {
            JsonObject rule = send(node, "GET", "/api/v1/alert-rules/billing-silent", null).json();
            assertEquals("file", rule.getString("origin"));
            assertEquals("conflict", send(node, "DELETE", "/api/v1/alert-rules/billing-silent", null).error(409).getString("code"));
            assertEquals(409, send(node, "POST", "/api/v1/alert-rules", "{\"name\": \"Billing silent\", \"type\": \"burn_rate\"}").status());
            node.alerts().tick(Instant.now()).await();
            assertEquals("Billing silent", send(node, "GET", "/api/v1/alerts?state=firing", null).json().getJsonArray("alerts")
                    .getJsonObject(0).getJsonObject("labels").getString("alertname"), "no billing data at all: absent");
        }
        Files.writeString(file, "rules:\n  - {name: A, type: absence, service: billing, window: 10 minutes}\n");
        RuleValidationException e = assertThrows(RuleValidationException.class, () -> start("alerts-config", file.toString()).close());
        assertTrue(e.getMessage().contains("rules[0].window"), e.getMessage());
    }
}
