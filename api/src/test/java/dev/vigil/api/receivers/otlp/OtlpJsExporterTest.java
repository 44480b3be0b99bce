package dev.vigil.api.receivers.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.vigil.ingest.metrics.SeriesSamples;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenTelemetry JS exporters (npm {@code @opentelemetry/exporter-*-otlp-http} for OTLP/JSON
 * with gzip, {@code -otlp-proto} for protobuf) send logs, metrics and spans from node; Vigil must
 * hold exactly them afterwards.
 */
class OtlpJsExporterTest {
    static final String INSTALL = "mkdir -p .clients/otel-js && cd .clients/otel-js && npm init -y >/dev/null && "
            + "npm install --no-audit --no-fund @opentelemetry/api@1.9.1 @opentelemetry/api-logs@0.223.1 "
            + "@opentelemetry/resources@2.12.1 @opentelemetry/sdk-logs@0.223.1 @opentelemetry/sdk-metrics@2.12.1 "
            + "@opentelemetry/sdk-trace-base@2.12.1 @opentelemetry/exporter-logs-otlp-http@0.223.1 "
            + "@opentelemetry/exporter-logs-otlp-proto@0.223.1 @opentelemetry/exporter-metrics-otlp-http@0.223.0 "
            + "@opentelemetry/exporter-metrics-otlp-proto@0.223.0 @opentelemetry/exporter-trace-otlp-http@0.223.1 "
            + "@opentelemetry/exporter-trace-otlp-proto@0.223.1";

    @TempDir
    Path dir;
    OtlpNode node;

    @BeforeEach
    void start() throws Exception {
        node = OtlpNode.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private static Path modules() {
        Path base = Path.of(System.getProperty("vigil.otelJsDir", "../.clients/otel-js")).toAbsolutePath();
        Path modules = base.resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("@opentelemetry/exporter-logs-otlp-http"))
                || !Files.isDirectory(modules.resolve("@opentelemetry/exporter-trace-otlp-proto"))) {
            fail("the OpenTelemetry JS exporters are not installed in " + base + "; from the repository root run: " + INSTALL);
        }
        return modules;
    }

    private JsonObject runClient(String mode, String tag) throws Exception {
        Path modules = modules();
        Path script = Path.of(OtlpJsExporterTest.class.getResource("/otlp/otel-js-client.cjs").toURI());
        Path out = dir.resolve("node-" + mode + ".out");
        ProcessBuilder builder = new ProcessBuilder("node", script.toString(), node.base, mode, tag)
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("NODE_PATH", modules.toString());
        Process process;
        try {
            process = builder.start();
        } catch (java.io.IOException e) {
            throw new AssertionError("node is not installed (apt-get install -y nodejs npm): " + e.getMessage(), e);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the node client did not finish within 60 s: " + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "node client failed: " + output);
        String[] lines = output.trim().split("\n");
        return new JsonObject(lines[lines.length - 1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "proto"})
    void theJsExportersDeliverLogsMetricsAndSpans(String mode) throws Exception {
        JsonObject ids = runClient(mode, mode);
        long t0 = 1_795_600_800_000_000_000L;

        List<LogEvent> logs = OtlpNode.await("2 logs", node::logs, l -> l.size() >= 2).stream()
                .sorted(java.util.Comparator.comparingLong(LogEvent::timestampNanos)).toList();
        assertEquals(2, logs.size(), logs.toString());
        LogEvent declined = logs.get(0);
        assertEquals(t0 + 1_000_000, declined.timestampNanos());
        assertEquals(mode + " card declined", declined.message());
        assertEquals("js-" + mode, declined.service());
        assertEquals("node-1", declined.host());
        assertEquals(Level.ERROR, declined.level());
        assertEquals("A-1", declined.attributes().get("order.id"));
        assertEquals("2", declined.attributes().get("retries"));
        assertEquals("js-scope", declined.attributes().get("scope.name"));
        assertEquals("0.1.0", declined.attributes().get("scope.version"));
        assertEquals("js-" + mode, declined.attributes().get("resource.service.name"));
        assertEquals("node-1", declined.attributes().get("resource.host.name"));
        assertEquals(mode + " order shipped", logs.get(1).message());
        assertEquals(Level.INFO, logs.get(1).level());

        List<SeriesSamples> orders = OtlpNode.await("orders", () -> node.series("orders_placed_total"), s -> !s.isEmpty());
        assertEquals(1, orders.size());
        assertEquals(Map.of("service", "js-" + mode, "channel", "web"), orders.get(0).labels());
        assertAllEqual(3.0, orders.get(0));
        assertEquals(3.0, OtlpNode.await("count", () -> node.series("checkout_seconds_count"), s -> !s.isEmpty()).get(0).values()[0]);
        assertEquals(9.5, node.series("checkout_seconds_sum").get(0).values()[0], 1e-9);
        Map<String, Double> buckets = new TreeMap<>();
        for (SeriesSamples s : node.series("checkout_seconds_bucket")) {
            assertAllEqual(s.values()[0], s);
            buckets.put(s.labels().get("le"), s.values()[0]);
        }
        assertEquals(Map.of("1", 1.0, "5", 2.0, "+Inf", 3.0), buckets);

        List<Span> spans = OtlpNode.await("2 spans", node::spans, s -> s.size() >= 2);
        assertEquals(2, spans.size(), spans.toString());
        Span root = spans.stream().filter(s -> s.spanId().equals(ids.getString("rootSpanId"))).findFirst().orElseThrow();
        Span child = spans.stream().filter(s -> s.spanId().equals(ids.getString("childSpanId"))).findFirst().orElseThrow();
        assertEquals(ids.getString("traceId"), root.traceId());
        assertEquals(ids.getString("traceId"), child.traceId());
        assertNull(root.parentSpanId());
        assertEquals(root.spanId(), child.parentSpanId());
        assertEquals("GET /orders", root.operation());
        assertEquals(t0, root.startNanos());
        assertEquals(50_000_000L, root.durationNanos());
        assertEquals("server", root.attributes().get("span.kind"));
        assertEquals("redis GET", child.operation());
        assertEquals(20_000_000L, child.durationNanos());
        assertEquals(SpanStatus.ERROR, child.status());
        assertEquals("timeout", child.attributes().get("status.message"));
        assertEquals("redis", child.attributes().get("db.system"));
        assertTrue(child.service().equals("js-" + mode));
    }

    /** The JS SDK exports metrics on forceFlush and again on shutdown (cumulative): one or two equal samples. */
    private static void assertAllEqual(double expected, SeriesSamples series) {
        assertTrue(series.size() >= 1 && series.size() <= 2, "one sample per export: " + series.size());
        for (double v : series.values()) {
            assertEquals(expected, v, 1e-9, series.labels().toString());
        }
    }

}
