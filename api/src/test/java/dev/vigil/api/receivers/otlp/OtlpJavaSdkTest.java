package dev.vigil.api.receivers.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.vigil.ingest.metrics.SeriesSamples;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.SpanStatus;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenTelemetry Java SDK (1.68.0) exporters, OTLP/HTTP protobuf with and without gzip,
 * against a real node; then reads back exactly what was sent.
 */
class OtlpJavaSdkTest {
    private static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), "checkout", AttributeKey.stringKey("host.name"), "web-1",
            AttributeKey.stringKey("deployment.environment"), "test")));

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

    private static void assertFlushed(CompletableResultCode result, String what) {
        result.join(20, TimeUnit.SECONDS);
        assertTrue(result.isSuccess(), what + " export failed (the exporter got a non-2xx answer)");
    }

    @Test
    void logsFromTheJavaSdkAreStoredExactly() throws Exception {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String spanId = "00f067aa0ba902b7";
        Instant t1 = Instant.parse("2026-11-25T10:00:00.123456789Z");
        Instant t2 = Instant.parse("2026-11-25T10:00:01Z");
        Instant t3 = Instant.parse("2026-11-25T10:00:02Z");
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(node.base + "/v1/logs")
                .setCompression("gzip").build();
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(RESOURCE)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build()) {
            Logger logger = provider.loggerBuilder("dev.vigil.shop").setInstrumentationVersion("1.2.3").build();
            Context withSpan = Context.root().with(Span.wrap(SpanContext.create(trace, spanId, TraceFlags.getSampled(),
                    TraceState.getDefault())));
            logger.logRecordBuilder().setTimestamp(t1).setSeverity(Severity.ERROR).setSeverityText("ERROR")
                    .setBody("payment declined for order 42").setAttribute(AttributeKey.stringKey("order_id"), "42")
                    .setAttribute(AttributeKey.longKey("attempt"), 3L).setContext(withSpan).emit();
            logger.logRecordBuilder().setTimestamp(t2).setSeverity(Severity.WARN2).setBody("cache almost full").emit();
            logger.logRecordBuilder().setTimestamp(t3).setSeverity(Severity.DEBUG)
                    .setBody(Value.of(KeyValue.of("user", Value.of("ann")), KeyValue.of("ok", Value.of(true)))).emit();
            assertFlushed(provider.forceFlush(), "log");
        }

        List<LogEvent> logs = OtlpNode.await("3 logs", node::logs, l -> l.size() >= 3);
        assertEquals(3, logs.size(), "exactly the three records: " + logs);
        logs = logs.stream().sorted(Comparator.comparingLong(LogEvent::timestampNanos)).toList();

        LogEvent first = logs.get(0);
        assertEquals(1_795_600_800_123_456_789L, first.timestampNanos());
        assertEquals("checkout", first.service());
        assertEquals("web-1", first.host());
        assertEquals(Level.ERROR, first.level());
        assertEquals("payment declined for order 42", first.message());
        Map<String, String> a = first.attributes();
        assertEquals("42", a.get("order_id"));
        assertEquals("3", a.get("attempt"));
        assertEquals(trace, a.get("trace_id"));
        assertEquals(spanId, a.get("span_id"));
        assertEquals("dev.vigil.shop", a.get("scope.name"));
        assertEquals("1.2.3", a.get("scope.version"));
        assertEquals("checkout", a.get("resource.service.name"));
        assertEquals("test", a.get("resource.deployment.environment"));
        assertEquals("java", a.get("resource.telemetry.sdk.language"));

        assertEquals(Level.WARN, logs.get(1).level());
        assertEquals("cache almost full", logs.get(1).message());
        assertNull(logs.get(1).attributes().get("trace_id"));
        assertEquals(Level.DEBUG, logs.get(2).level());
        assertEquals("{\"user\":\"ann\",\"ok\":true}", logs.get(2).message());
    }

    @Test
    void metricsFromTheJavaSdkBecomeSamples() throws Exception {
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder().setEndpoint(node.base + "/v1/metrics").build();
        long before = System.currentTimeMillis();
        try (SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE)
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(java.time.Duration.ofHours(1)).build())
                .build()) {
            Meter meter = provider.get("dev.vigil.shop");
            LongCounter requests = meter.counterBuilder("http.server.requests").build();
            requests.add(5, Attributes.of(AttributeKey.stringKey("http.route"), "/pay"));
            requests.add(2, Attributes.of(AttributeKey.stringKey("http.route"), "/cart"));
            LongUpDownCounter inFlight = meter.upDownCounterBuilder("jobs.in_flight").build();
            inFlight.add(7);
            inFlight.add(-3);
            DoubleHistogram latency = meter.histogramBuilder("request.latency").setUnit("s")
                    .setExplicitBucketBoundariesAdvice(List.of(0.1, 0.5, 1.0)).build();
            for (double v : new double[] {0.05, 0.3, 0.4, 2.0}) {
                latency.record(v);
            }
            meter.gaugeBuilder("queue.depth").build().set(12.5, Attributes.of(AttributeKey.stringKey("queue"), "emails"));
            assertFlushed(provider.forceFlush(), "metric");
        }
        long after = System.currentTimeMillis();

        List<SeriesSamples> counters = OtlpNode.await("the counter", () -> node.series("http_server_requests_total"),
                s -> s.size() >= 2);
        assertEquals(2, counters.size(), counters.toString());
        for (SeriesSamples s : counters) {
            assertEquals("checkout", s.labels().get("service"));
            assertTrue(s.timestampsMillis()[0] >= before - 1 && s.timestampsMillis()[0] <= after + 1, "sample time");
            assertAllEqual(s.labels().get("http_route").equals("/pay") ? 5.0 : 2.0, s);
        }
        SeriesSamples updown = single(OtlpNode.await("up-down", () -> node.series("jobs_in_flight"), s -> !s.isEmpty()));
        assertEquals(4.0, updown.values()[0]);
        SeriesSamples gauge = single(OtlpNode.await("gauge", () -> node.series("queue_depth"), s -> !s.isEmpty()));
        assertEquals(12.5, gauge.values()[0]);
        assertEquals(Map.of("service", "checkout", "queue", "emails"), gauge.labels());

        assertEquals(4.0, single(node.series("request_latency_count")).values()[0]);
        assertEquals(2.75, single(node.series("request_latency_sum")).values()[0], 1e-9);
        List<SeriesSamples> buckets = OtlpNode.await("buckets", () -> node.series("request_latency_bucket"), s -> s.size() >= 4);
        Map<String, Double> byLe = new java.util.TreeMap<>();
        for (SeriesSamples s : buckets) {
            assertAllEqual(s.values()[0], s);
            byLe.put(s.labels().get("le"), s.values()[0]);
        }
        assertEquals(Map.of("0.1", 1.0, "0.5", 3.0, "1", 3.0, "+Inf", 4.0), byLe);
    }

    /**
     * One series; the SDK exports on forceFlush and again on close (cumulative temporality), so a
     * series holds one or two samples, all with the same value.
     */
    private static SeriesSamples single(List<SeriesSamples> series) {
        assertEquals(1, series.size(), series.toString());
        assertAllEqual(series.get(0).values()[0], series.get(0));
        return series.get(0);
    }

    private static void assertAllEqual(double expected, SeriesSamples series) {
        assertTrue(series.size() >= 1 && series.size() <= 2, "one sample per export: " + series.size());
        for (double v : series.values()) {
            assertEquals(expected, v, 1e-9, series.labels().toString());
        }
    }

    @Test
    void tracesFromTheJavaSdkBecomeSpans() throws Exception {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(node.base + "/v1/traces")
                .setCompression("gzip").build();
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        String traceId;
        String rootId;
        String childId;
        try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            Tracer tracer = provider.tracerBuilder("dev.vigil.shop").setInstrumentationVersion("1.2.3").build();
            Span root = tracer.spanBuilder("POST /pay").setSpanKind(SpanKind.SERVER).setStartTimestamp(t0).startSpan();
            Span child = tracer.spanBuilder("SELECT orders").setParent(Context.root().with(root)).setSpanKind(SpanKind.CLIENT)
                    .setAttribute("db.system", "postgresql").setStartTimestamp(t0.plusMillis(5)).startSpan();
            child.setStatus(StatusCode.ERROR, "deadlock detected");
            child.end(t0.plusMillis(45));
            root.setStatus(StatusCode.OK);
            root.end(t0.plusMillis(60));
            traceId = root.getSpanContext().getTraceId();
            rootId = root.getSpanContext().getSpanId();
            childId = child.getSpanContext().getSpanId();
            assertFlushed(provider.forceFlush(), "span");
        }
        List<dev.vigil.ingest.model.Span> spans = OtlpNode.await("2 spans", node::spans, s -> s.size() >= 2);
        assertEquals(2, spans.size(), spans.toString());
        dev.vigil.ingest.model.Span root = spans.stream().filter(s -> s.spanId().equals(rootId)).findFirst().orElseThrow();
        dev.vigil.ingest.model.Span child = spans.stream().filter(s -> s.spanId().equals(childId)).findFirst().orElseThrow();
        assertEquals(traceId, root.traceId());
        assertNull(root.parentSpanId());
        assertEquals("checkout", root.service());
        assertEquals("POST /pay", root.operation());
        assertEquals(1_795_600_800_000_000_000L, root.startNanos());
        assertEquals(60_000_000L, root.durationNanos());
        assertEquals(SpanStatus.OK, root.status());
        assertEquals("server", root.attributes().get("span.kind"));

        assertEquals(traceId, child.traceId());
        assertEquals(rootId, child.parentSpanId());
        assertEquals("SELECT orders", child.operation());
        assertEquals(40_000_000L, child.durationNanos());
        assertEquals(SpanStatus.ERROR, child.status());
        assertEquals("deadlock detected", child.attributes().get("status.message"));
        assertEquals("client", child.attributes().get("span.kind"));
        assertEquals("postgresql", child.attributes().get("db.system"));
        assertEquals("dev.vigil.shop", child.attributes().get("scope.name"));
        assertEquals("web-1", child.attributes().get("resource.host.name"));
    }
}
