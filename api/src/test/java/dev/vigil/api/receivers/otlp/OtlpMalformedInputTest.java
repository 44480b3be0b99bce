package dev.vigil.api.receivers.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import dev.vigil.ingest.model.LogEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed OTLP requests get the OTLP error status with a google.rpc.Status naming the problem
 * (in the request's content type), or a partialSuccess with the exact rejected count; only valid
 * items are stored and the node stays healthy.
 */
class OtlpMalformedInputTest {
    private static final String PB = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final long T = 1_795_600_800_000_000_000L;

    @TempDir
    Path dir;
    OtlpNode node;

    @BeforeEach
    void start() throws Exception {
        node = OtlpNode.start(dir, "body-limit", "64KiB");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            HttpResponse<String> health = node.get("/health");
            assertEquals(200, health.statusCode(), "the node stays healthy: " + health.body());
        } finally {
            node.close();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Decodes google.rpc.Status {code = 1, message = 2}. */
    private static String statusMessage(byte[] body) throws Exception {
        CodedInputStream in = CodedInputStream.newInstance(body);
        String message = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (tag == (2 << 3 | 2)) {
                message = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return message;
    }

    private static String jsonMessage(HttpResponse<byte[]> response) {
        assertEquals(JSON, response.headers().firstValue("Content-Type").orElse(""));
        return new JsonObject(new String(response.body(), StandardCharsets.UTF_8)).getString("message");
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text != null && text.contains(part), "'" + text + "' should mention '" + part + "'");
        }
    }

    private static LogRecord log(String message) {
        return LogRecord.newBuilder().setTimeUnixNano(T).setBody(AnyValue.newBuilder().setStringValue(message)).build();
    }

    private static ExportLogsServiceRequest logs(LogRecord... records) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("svc"))))
                .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(Arrays.asList(records)))).build();
    }

    private static String jsonLog(String extra, String message) {
        return "{\"timeUnixNano\":\"" + T + "\",\"body\":{\"stringValue\":\"" + message + "\"}" + extra + "}";
    }

    private static String jsonLogs(String... records) {
        return "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"svc\"}}]},"
                + "\"scopeLogs\":[{\"scope\":{\"name\":\"s\"},\"logRecords\":[" + String.join(",", records) + "]}]}]}";
    }

    /** Ends with a valid request whose marker must be the only thing (with the listed extras) stored. */
    private void assertStoredExactly(List<String> messages) throws Exception {
        HttpResponse<byte[]> marker = node.post("/v1/logs", PB, null, logs(log("marker")).toByteArray());
        assertEquals(200, marker.statusCode());
        List<LogEvent> stored = OtlpNode.await("the marker", node::logs,
                l -> l.stream().anyMatch(e -> e.message().equals("marker")));
        List<String> expected = new java.util.ArrayList<>(messages);
        expected.add("marker");
        assertEquals(expected.stream().sorted().toList(), stored.stream().map(LogEvent::message).sorted().toList());
    }

    @Test
    void undecodableBodiesGet400WithAStatusNamingTheProblem() throws Exception {
        byte[] valid = logs(log("never stored 1"), log("never stored 2")).toByteArray();

        HttpResponse<byte[]> truncated = node.post("/v1/logs", PB, null, Arrays.copyOf(valid, valid.length - 5));
        assertEquals(400, truncated.statusCode());
        assertEquals(PB, truncated.headers().firstValue("Content-Type").orElse(""));
        assertContains(statusMessage(truncated.body()), "not a valid protobuf ExportLogsServiceRequest");

        HttpResponse<byte[]> garbage = node.post("/v1/traces", PB, null, utf8("{\"resourceSpans\":[]}"));
        assertEquals(400, garbage.statusCode());
        assertContains(statusMessage(garbage.body()), "ExportTraceServiceRequest");

        // Vert.x inflates gzip for every route and closes the connection on a body it cannot
        // inflate, usually before a reply is out; a reply that does get out must be a 400.
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> badGzip;
            try {
                badGzip = node.post("/v1/logs", PB, "gzip", valid);
            } catch (java.io.IOException closed) {
                continue;
            }
            assertEquals(400, badGzip.statusCode());
            assertContains(statusMessage(badGzip.body()), "decompress");
        }

        HttpResponse<byte[]> notJson = node.post("/v1/logs", JSON, null, utf8("{\"resourceLogs\": [ {"));
        assertEquals(400, notJson.statusCode());
        assertContains(jsonMessage(notJson), "invalid JSON");

        byte[] badUtf8 = utf8(jsonLogs(jsonLog("", "XX")));
        int at = new String(badUtf8, StandardCharsets.UTF_8).indexOf("XX");
        badUtf8[at] = (byte) 0xC3;
        badUtf8[at + 1] = (byte) 0x28;
        HttpResponse<byte[]> utf = node.post("/v1/logs", JSON, null, badUtf8);
        assertEquals(400, utf.statusCode());
        assertContains(jsonMessage(utf), "invalid JSON", "UTF-8");

        HttpResponse<byte[]> wrongEnvelope = node.post("/v1/logs", JSON, null, utf8("{\"resourceLogs\":{\"a\":1}}"));
        assertEquals(400, wrongEnvelope.statusCode());
        assertContains(jsonMessage(wrongEnvelope), "resourceLogs must be an array, got an object");

        HttpResponse<byte[]> wrongScope = node.post("/v1/logs", JSON, null,
                utf8("{\"resourceLogs\":[{\"scopeLogs\":[{\"scope\":{\"name\":7},\"logRecords\":[" + jsonLog("", "x") + "]}]}]}"));
        assertEquals(400, wrongScope.statusCode());
        assertContains(jsonMessage(wrongScope), "resourceLogs[0].scopeLogs[0].scope.name must be a string");

        HttpResponse<byte[]> array = node.post("/v1/metrics", JSON, null, utf8("[1,2]"));
        assertEquals(400, array.statusCode());
        assertContains(jsonMessage(array), "must be a JSON object");

        HttpResponse<byte[]> unsupported = node.post("/v1/logs", "text/plain", null, utf8("hello"));
        assertEquals(415, unsupported.statusCode());
        assertContains(jsonMessage(unsupported), "unsupported Content-Type 'text/plain'");

        assertStoredExactly(List.of());
    }

    @Test
    void oversizedBodiesGet413EvenWhenCompressed() throws Exception {
        LogRecord[] many = new LogRecord[2000];
        Arrays.fill(many, log("a fairly long log line that repeats and repeats and repeats"));
        byte[] big = logs(many).toByteArray();
        assertTrue(big.length > 64 * 1024);

        HttpResponse<byte[]> plain = node.post("/v1/logs", PB, null, big);
        assertEquals(413, plain.statusCode());
        assertContains(statusMessage(plain.body()), "larger than the limit of 65536 bytes");

        byte[] compressed = gzip(big);
        assertTrue(compressed.length < 64 * 1024, "the gzip body itself is under the limit");
        HttpResponse<byte[]> bomb = node.post("/v1/logs", PB, "gzip", compressed);
        assertEquals(413, bomb.statusCode());
        assertContains(statusMessage(bomb.body()), "after decompression");

        assertStoredExactly(List.of());
    }

    @Test
    void invalidItemsAreCountedExactlyInPartialSuccessAndTheRestIsStored() throws Exception {
        // JSON: bad hex ids (wrong length, not hex), a wrong-typed field, invalid timestamps
        String body = jsonLogs(
                jsonLog(",\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\"", "good json 1"),
                jsonLog(",\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e473\"", "short trace id"),
                jsonLog(",\"spanId\":\"zzf067aa0ba902b7\"", "span id not hex"),
                jsonLog(",\"severityNumber\":\"loud\"", "enum as unknown name"),
                jsonLog(",\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":\"twelve\"}}]", "int not a number"),
                "{\"timeUnixNano\":\"soon\",\"body\":{\"stringValue\":\"bad time\"}}",
                "{\"timeUnixNano\":\"-5\",\"body\":{\"stringValue\":\"negative time\"}}",
                "{\"timeUnixNano\":\"18446744073709551615\",\"body\":{\"stringValue\":\"year 2554\"}}",
                jsonLog(",\"unknownField\":{\"deep\":[1,2]}", "good json 2"));
        HttpResponse<byte[]> json = node.post("/v1/logs", JSON, "gzip", gzip(utf8(body)));
        assertEquals(200, json.statusCode());
        assertEquals(JSON, json.headers().firstValue("Content-Type").orElse(""));
        JsonObject partial = new JsonObject(new String(json.body(), StandardCharsets.UTF_8)).getJsonObject("partialSuccess");
        assertEquals(7, partial.getLong("rejectedLogRecords"), partial.encode());
        assertContains(partial.getString("errorMessage"), "7 log record(s) rejected",
                "logRecords[1].traceId must be 32 hex digits", "logRecords[2].spanId must be 16 hex digits",
                "logRecords[3].severityNumber");

        // protobuf: wrong-length ids and a span ending before it starts
        Span good = Span.newBuilder().setTraceId(ByteString.copyFrom(new byte[16])).setName("ok").build();
        good = good.toBuilder().setTraceId(ByteString.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"))
                .setSpanId(ByteString.fromHex("00f067aa0ba902b7")).setStartTimeUnixNano(T).setEndTimeUnixNano(T + 5).build();
        ExportTraceServiceRequest spans = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(good)
                        .addSpans(good.toBuilder().setSpanId(ByteString.fromHex("0102")))
                        .addSpans(good.toBuilder().setTraceId(ByteString.copyFrom(new byte[16])))
                        .addSpans(good.toBuilder().setSpanId(ByteString.fromHex("00f067aa0ba902b8")).setEndTimeUnixNano(T - 1))
                        .addSpans(good.toBuilder().setSpanId(ByteString.fromHex("00f067aa0ba902b9")).setName(""))
                        .addSpans(good.toBuilder().setSpanId(ByteString.fromHex("00f067aa0ba902ba")).setStartTimeUnixNano(-1L))))
                .build();
        HttpResponse<byte[]> traces = node.post("/v1/traces", PB, null, spans.toByteArray());
        assertEquals(200, traces.statusCode());
        ExportTraceServiceResponse tr = ExportTraceServiceResponse.parseFrom(traces.body());
        assertEquals(5, tr.getPartialSuccess().getRejectedSpans(), tr.toString());
        assertContains(tr.getPartialSuccess().getErrorMessage(), "spanId must be 8 bytes, got 2", "traceId must not be all zeros",
                "is before startTimeUnixNano");

        // JSON metrics: points without time or value, and a bad bucket layout
        String metrics = "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":["
                + "{\"name\":\"jobs.done\",\"sum\":{\"isMonotonic\":true,\"aggregationTemporality\":2,\"dataPoints\":["
                + "{\"timeUnixNano\":\"" + T + "\",\"asInt\":\"9\"},{\"asInt\":\"3\"},{\"timeUnixNano\":\"" + T + "\"},"
                + "{\"timeUnixNano\":\"" + T + "\",\"asDouble\":\"lots\"}]}},"
                + "{\"name\":\"lat\",\"histogram\":{\"dataPoints\":[{\"timeUnixNano\":" + T + ",\"count\":3,"
                + "\"bucketCounts\":[1,2],\"explicitBounds\":[1,2,3]}]}}]}]}]}";
        HttpResponse<byte[]> m = node.post("/v1/metrics", JSON, null, utf8(metrics));
        assertEquals(200, m.statusCode());
        JsonObject mp = new JsonObject(new String(m.body(), StandardCharsets.UTF_8)).getJsonObject("partialSuccess");
        assertEquals(4, mp.getLong("rejectedDataPoints"), mp.encode());
        assertContains(mp.getString("errorMessage"), "timeUnixNano is required", "neither asDouble nor asInt",
                "asDouble must be a number");

        assertEquals(List.of(9.0), OtlpNode.await("jobs_done_total", () -> node.series("jobs_done_total"), s -> !s.isEmpty())
                .stream().map(s -> s.values()[0]).toList());
        assertEquals(List.of(), node.series("lat_count"), "the whole rejected histogram point is left out");
        List<dev.vigil.ingest.model.Span> stored = OtlpNode.await("the good span", node::spans, s -> !s.isEmpty());
        assertEquals(1, stored.size());
        assertEquals("ok", stored.get(0).operation());
        assertStoredExactly(List.of("good json 1", "good json 2"));
        LogEvent first = node.logs().stream().filter(e -> e.message().equals("good json 1")).findFirst().orElseThrow();
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", first.attributes().get("trace_id"));
        assertEquals("00f067aa0ba902b7", first.attributes().get("span_id"));

        String metricsText = node.get("/metrics").body();
        for (String line : new String[] {"vigil_receiver_rejected_total{protocol=\"otlp\",reason=\"invalid_item\"} 16.0",
            "vigil_receiver_events_total{outcome=\"rejected\",protocol=\"otlp\"} 16.0",
            "vigil_receiver_events_total{outcome=\"accepted\",protocol=\"otlp\"} 5.0"}) {
            assertTrue(metricsText.contains(line), "/metrics should contain " + line);
        }
    }

    @Test
    void emptyRequestsSucceedWithEmptyResponsesInTheRequestsContentType() throws Exception {
        HttpResponse<byte[]> pb = node.post("/v1/metrics", PB + "; charset=binary", null, new byte[0]);
        assertEquals(200, pb.statusCode());
        assertEquals(PB, pb.headers().firstValue("Content-Type").orElse(""));
        assertEquals(ExportMetricsServiceResponse.getDefaultInstance(), ExportMetricsServiceResponse.parseFrom(pb.body()));
        HttpResponse<byte[]> json = node.post("/v1/logs", JSON, null, utf8("{}"));
        assertEquals(200, json.statusCode());
        assertEquals("{}", new String(json.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> logs = node.post("/v1/logs", PB, null, logs(log("one")).toByteArray());
        assertEquals(ExportLogsServiceResponse.getDefaultInstance(), ExportLogsServiceResponse.parseFrom(logs.body()));
        assertStoredExactly(List.of("one"));
    }
}
