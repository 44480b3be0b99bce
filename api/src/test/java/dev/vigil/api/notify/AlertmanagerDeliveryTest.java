package dev.vigil.api.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vigil notifies a real Prometheus Alertmanager through its v2 API and the test reads the alerts
 * back from Alertmanager's own {@code GET /api/v2/alerts}. Data: 40 minutes up to about now;
 * {@code checkout} is deployed at minute 24 and fails half its requests from minute 25 to 34;
 * {@code search} fails throughout but is silenced in Vigil.
 */
class AlertmanagerDeliveryTest {
    @TempDir
    Path dir;

    @Test
    void firingAlertsReachAlertmanagerWithLabelsAnnotationsAndRootCauseAndResolve() throws Exception {
        // Near the real time: Alertmanager judges endsAt against its own clock.
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40));
        try (AlertmanagerProcess am = AlertmanagerProcess.start(dir.resolve("am")); AlertingFixture f = new AlertingFixture(dir)) {
            f.alerting(dir, """
                    evaluation_interval: 1m
                    rules:
                      - name: CheckoutErrors
                        type: threshold
                        service: checkout
                        stat: error_rate
                        window: 2m
                        op: ">"
                        value: 0.1
                        for: 1m
                        labels: {severity: page, team: shop}
                        annotations: {summary: "checkout error rate {{ $value }}"}
                        open_incident: true
                      - {name: SearchErrors, type: threshold, service: search, stat: error_rate, window: 2m, op: ">", value: 0.1}
                    notifications:
                      - {type: alertmanager, url: "AM", generator_url: "http://vigil.test:8686", resend: 1h}
                    """.replace("AM", am.url()));
            List<String> lines = new ArrayList<>();
            for (int m = 0; m < 40; m++) {
                Instant minute = base.plus(Duration.ofMinutes(m));
                AlertingFixture.requests(lines, "checkout", minute, 20, m >= 25 && m < 35 ? 10 : 0);
                AlertingFixture.requests(lines, "search", minute, 10, 5);
            }
            f.ingest(lines);
            HttpResponse<String> deploy = f.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.node.port()
                    + "/api/v1/events?refresh=wait_for")).POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                    .put("timestamp", base.plus(Duration.ofMinutes(24)).toString()).put("type", "deploy").put("service", "checkout")
                    .put("version", "v2.0.0").encode())).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, deploy.statusCode(), deploy.body());
            f.engine.silences().create(Map.of("matchers", List.of(Map.of("name", "alertname", "value", "SearchErrors")), "starts_at",
                    base.toString(), "duration", "3h"), base);

            for (int m = 20; m <= 26; m++) {
                f.tick(base.plus(Duration.ofMinutes(m)));
            }
            assertEquals(new JsonArray(), am.alerts(), "pending (for: 1m) and silenced alerts are not sent");
            f.tick(base.plus(Duration.ofMinutes(27)));
            JsonArray alerts = am.alerts();
            assertEquals(1, alerts.size(), alerts::encodePrettily);
            JsonObject alert = alerts.getJsonObject(0);
            assertEquals(new JsonObject(Map.of("alertname", "CheckoutErrors", "service", "checkout", "severity", "page", "team", "shop")),
                    alert.getJsonObject("labels"));
            assertEquals("active", alert.getJsonObject("status").getString("state"));
            assertEquals("http://vigil.test:8686/api/v1/alerts?rule=checkouterrors", alert.getString("generatorURL"));
            assertEquals(base.plus(Duration.ofMinutes(27)), Instant.parse(alert.getString("startsAt")));
            JsonObject annotations = alert.getJsonObject("annotations");
            assertEquals("checkout error rate 0.5", annotations.getString("summary"));
            String rootCause = annotations.getString("root_cause");
            assertNotNull(rootCause, () -> "the incident's top root cause: " + annotations.encodePrettily());
            assertTrue(rootCause.contains("checkout"), rootCause);
            String incident = annotations.getString("incident_id");
            assertEquals(base.plus(Duration.ofMinutes(27)), f.node.incidents().get(incident).orElseThrow().window().to(),
                    "the incident covers the 30 minutes before the alert fired");

            for (int m = 28; m <= 36; m++) {
                f.tick(base.plus(Duration.ofMinutes(m)));
            }
            assertEquals(1, am.alerts().size(), "still firing at minute 36 (window 34-36)");
            f.tick(base.plus(Duration.ofMinutes(37)));
            assertEquals(new JsonArray(), am.alerts(), "resolved: endsAt in the past, Alertmanager lists it no more");
        }
    }
}
