package dev.vigil.api.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.rca.alerts.AlertEngine;
import dev.vigil.rca.alerts.AlertState;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts from data posted to a real node, evaluated tick by tick with a test clock, delivered to
 * real receivers: a local Vert.x HTTP server (a webhook, one that fails once, one that always
 * fails, a Slack-compatible endpoint) and a GreenMail SMTP server.
 *
 * <p>Data from {@link #B}, one minute at a time: services s1..s5 answer 10 requests a minute,
 * half of them 503 from minute 5 to minute 19; service {@code flappy} fails every request in even
 * minutes only. Ticks come each minute and look at the minute before.
 */
class NotificationDeliveryTest {
    private static final Instant B = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;

    private final Map<String, Queue<JsonObject>> received = new ConcurrentHashMap<>();
    private final AtomicInteger flakyCalls = new AtomicInteger();

    private Queue<JsonObject> at(String path) {
        return received.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>());
    }

    private HttpServer receivers(AlertingFixture f) {
        return f.vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String path = request.path();
            at(path).add(body.toJsonObject());
            int status = switch (path) {
                case "/flaky" -> flakyCalls.incrementAndGet() == 1 ? 500 : 200;
                case "/dead" -> 503;
                default -> 200;
            };
            request.response().setStatusCode(status).end(status == 200 ? "ok" : "try later");
        })).listen(0, "127.0.0.1").await();
    }

    private static Instant minute(int m) {
        return B.plus(Duration.ofMinutes(m));
    }

    @Test
    void stormIsOneNotificationRetriedSilencedAndFlappingHeld() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try (AlertingFixture f = new AlertingFixture(dir)) {
            HttpServer server = receivers(f);
            String base = "http://127.0.0.1:" + server.actualPort();
            f.alerting(dir, """
                    evaluation_interval: 1m
                    grouping: {group_by: [alertname], group_wait: 0s, group_interval: 0s, repeat_interval: 4h}
                    flapping: {window: 10m, start_changes: 4, stop_changes: 1}
                    rules:
                      - name: ServiceErrors
                        type: threshold
                        stat: error_rate
                        window: 1m
                        op: ">"
                        value: 0.2
                        for: 2m
                        labels: {severity: page}
                        annotations: {summary: "{{ $labels.service }} fails {{ $value }} of its requests"}
                        open_incident: true
                      - {name: FlappyErrors, type: threshold, service: flappy, stat: error_rate, window: 1m, op: ">", value: 0.2}
                    notifications:
                      - {type: webhook, name: hook, url: "BASE/hook"}
                      - {type: webhook, name: flaky, url: "BASE/flaky", initial_delay: 50ms, match: {alertname: ServiceErrors}}
                      - {type: webhook, name: dead, url: "BASE/dead", max_attempts: 3, initial_delay: 10ms, max_delay: 20ms,
                         match: {alertname: ServiceErrors}}
                      - {type: slack, name: chat, url: "BASE/slack"}
                      - {type: email, name: mail, smtp_host: 127.0.0.1, smtp_port: SMTP, starttls: disabled,
                         from: vigil@example.org, to: [oncall@example.org], match: {alertname: ServiceErrors}}
                    """.replace("BASE", base).replace("SMTP", Integer.toString(smtp.getSmtp().getPort())));
            List<String> lines = new ArrayList<>();
            for (int m = 0; m < 20; m++) {
                for (int s = 1; s <= 5; s++) {
                    AlertingFixture.requests(lines, "s" + s, minute(m), 10, m >= 5 ? 5 : 0);
                }
                AlertingFixture.requests(lines, "flappy", minute(m), 10, m % 2 == 0 ? 10 : 0);
            }
            f.ingest(lines);
            f.engine.silences().create(Map.of("matchers", List.of(Map.of("name", "service", "value", "s5")), "starts_at", B.toString(),
                    "duration", "2h", "comment", "s5 is being migrated"), B);

            List<Integer> flappingTicks = new ArrayList<>();
            for (int m = 0; m <= 32; m++) {
                AlertEngine.Evaluation e = f.tick(minute(m));
                long serviceFiring = e.alerts().stream().filter(a -> a.name().equals("ServiceErrors") && a.state() == AlertState.FIRING).count();
                if (m < 8) {
                    assertEquals(0, serviceFiring, "for: 2m holds the alerts back at tick " + m);
                } else if (m <= 20) {
                    assertEquals(5, serviceFiring, "tick " + m);
                }
                if (e.alerts().stream().anyMatch(a -> a.name().equals("FlappyErrors") && a.flapping())) {
                    flappingTicks.add(m);
                }
            }

            io.micrometer.core.instrument.Timer timer = f.registry.get("vigil.alerts.evaluation").timer();
            System.out.printf("alert evaluations: %d, mean %.2f ms, max %.2f ms (2 rules, 6 services, 1-minute windows)%n", timer.count(),
                    timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS), timer.max(java.util.concurrent.TimeUnit.MILLISECONDS));
            List<JsonObject> hook = new ArrayList<>(at("/hook"));
            List<JsonObject> storm = hook.stream().filter(n -> n.getJsonObject("group_labels").getString("alertname").equals("ServiceErrors"))
                    .toList();
            assertEquals(2, storm.size(), "one notification when the storm fires, one when it resolves: " + storm);
            JsonObject firing = storm.get(0);
            assertEquals("firing", firing.getString("status"));
            JsonArray alerts = firing.getJsonArray("alerts");
            assertEquals(4, alerts.size(), "five services, s5 silenced: " + alerts);
            assertEquals(minute(8).toString(), firing.getString("sent_at"));
            JsonObject s1 = alerts.stream().map(JsonObject.class::cast).filter(a -> a.getJsonObject("labels").getString("service")
                    .equals("s1")).findFirst().orElseThrow();
            assertEquals("page", s1.getJsonObject("labels").getString("severity"));
            assertEquals("s1 fails 0.5 of its requests", s1.getJsonObject("annotations").getString("summary"));
            assertEquals(minute(6).toString(), s1.getString("active_since"));
            assertEquals(minute(8).toString(), s1.getString("fired_at"));
            assertEquals("resolved", storm.get(1).getString("status"));
            assertEquals(4, storm.get(1).getJsonArray("alerts").size());

            List<String> flappy = hook.stream().filter(n -> n.getJsonObject("group_labels").getString("alertname").equals("FlappyErrors"))
                    .map(n -> n.getString("status") + "@" + n.getString("sent_at")).toList();
            assertEquals(List.of("firing@" + minute(1), "resolved@" + minute(2), "firing@" + minute(3), "resolved@" + minute(30)), flappy,
                    "held from the 4th change until stable; flapping at ticks " + flappingTicks);
            assertEquals(4, flappingTicks.get(0));

            assertEquals(3, at("/flaky").size(), "the first POST got 500 and was retried; then the resolution");
            assertEquals(at("/flaky").peek(), storm.get(0), "the retry carries the same payload");
            assertEquals(6, at("/dead").size(), "two notifications, three attempts each");
            String metrics = f.registry.scrape();
            assertTrue(metrics.contains("vigil_notify_failures_total{target=\"dead\",type=\"webhook\"} 2.0"), metrics);
            assertTrue(metrics.contains("vigil_notify_retries_total{target=\"flaky\",type=\"webhook\"} 1.0"), metrics);
            assertTrue(metrics.contains("vigil_notify_sent_total{target=\"hook\",type=\"webhook\"} 6.0"), metrics);

            JsonObject slack = at("/slack").peek();
            assertTrue(slack.getString("text").startsWith("[FIRING:1] FlappyErrors"), slack.encode());
            assertEquals("header", slack.getJsonArray("blocks").getJsonObject(0).getString("type"));
            assertEquals(6, at("/slack").size());

            MimeMessage[] mails = smtp.getReceivedMessages();
            assertEquals(2, mails.length);
            assertEquals("[FIRING:4] ServiceErrors", mails[0].getSubject());
            String body = GreenMailUtil.getBody(mails[0]);
            assertTrue(body.contains("s1 fails 0.5 of its requests"), body);
            assertEquals("oncall@example.org", mails[0].getAllRecipients()[0].toString());
            assertEquals("[RESOLVED] ServiceErrors", mails[1].getSubject());
        } finally {
            smtp.stop();
        }
    }
}
