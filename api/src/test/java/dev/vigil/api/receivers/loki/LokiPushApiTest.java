package dev.vigil.api.receivers.loki;

import static dev.vigil.api.receivers.loki.LokiTestNode.assertContains;
import static dev.vigil.api.receivers.loki.LokiTestNode.gzip;
import static dev.vigil.api.receivers.loki.LokiTestNode.nanos;
import static dev.vigil.api.receivers.loki.LokiTestNode.snappy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vigil.api.receivers.loki.LokiTestNode.Proto;
import dev.vigil.api.receivers.loki.LokiTestNode.Reply;
import dev.vigil.ingest.model.EventKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loki push against a real node: hand-built snappy protobuf and JSON (plain and gzip), labels,
 * structured metadata, tenant; the malformed corpus; limits; back-pressure. Each test uses its own
 * hour of 2031 and its own labels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LokiPushApiTest {
    private static final String JSON = "application/json";
    private static final String PROTOBUF = "application/x-protobuf";

    private LokiTestNode node;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        node = LokiTestNode.start(dataDir);
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> messages(JsonObject found) {
        List<String> out = new ArrayList<>();
        for (Object hit : found.getJsonArray("hits")) {
            out.add(((JsonObject) hit).getString("message"));
        }
        return out;
    }

    @Test
    void snappyProtobufPushIsStoredWithLabelsMetadataAndTenant() {
        Instant t = Instant.parse("2031-01-01T01:00:00.000000001Z");
        byte[] proto = new Proto()
                .message(1, new Proto().string(1, "{service_name=\"pb-checkout\", env=\"prod\", level=\"warn\", host=\"node-1\", "
                                + "quote=\"a \\\"q\\\" b\"}")
                        .message(2, Proto.entry(t, "pb first", "trace_id", "tr-1"))
                        .message(2, Proto.entry(t.plusSeconds(1), "pb second"))
                        .varint(3, 987654321))
                .message(1, new Proto().string(1, "{app=\"pb-batch\", instance=\"10.1.2.3:80\"}")
                        .message(2, Proto.entry(t.plusSeconds(2), "pb third", "severity", "error")))
                .string(2, "some-format")
                .bytes();
        long before = node.node.pipeline().acceptedEvents(EventKind.LOG);
        Reply reply = node.post(PROTOBUF, snappy(proto), "X-Scope-OrgID", "tenant-pb");
        assertEquals(204, reply.status(), reply::text);
        assertEquals(0, reply.body().length, "204 has no body");
        assertEquals(before + 3, node.node.pipeline().acceptedEvents(EventKind.LOG), "acknowledged only once the journal holds it");

        JsonObject found = node.awaitTotal("tenant:tenant-pb", t, t.plusSeconds(60), 3);
        assertEquals(List.of("pb first", "pb second", "pb third"), messages(found));
        JsonArray hits = found.getJsonArray("hits");
        JsonObject first = hits.getJsonObject(0);
        assertEquals("pb-checkout", first.getString("service"));
        assertEquals("node-1", first.getString("host"));
        assertEquals("warn", first.getString("level"));
        assertEquals("2031-01-01T01:00:00.000000001Z", first.getString("timestamp"), "nanosecond timestamp kept");
        JsonObject attributes = first.getJsonObject("attributes");
        assertEquals("prod", attributes.getString("env"));
        assertEquals("a \"q\" b", attributes.getString("quote"), "escaped label value decoded");
        assertEquals("tr-1", attributes.getString("trace_id"), "structured metadata kept");
        assertEquals("tenant-pb", attributes.getString("tenant"));
        assertEquals("pb-checkout", attributes.getString("service_name"), "labels kept as they are");
        JsonObject third = hits.getJsonObject(2);
        assertEquals("pb-batch", third.getString("service"));
        assertEquals("10.1.2.3:80", third.getString("host"));
        assertEquals("error", third.getString("level"), "level from structured metadata");
        assertEquals(1, node.search("trace_id:tr-1", t, t.plusSeconds(60)).getLong("total"));
    }

    @Test
    void jsonPushPlainAndGzipIsStored() {
        Instant t = Instant.parse("2031-01-01T02:00:00Z");
        long ns = nanos(t);
        String body = "{\"streams\":[{\"stream\":{\"service\":\"json-svc\",\"hostname\":\"hj\",\"run\":\"json-plain\"},\"values\":["
                + "[\"" + ns + "\",\"json one\"],"
                + "[\"" + (ns + 1_000_000_000L) + "\",\"json two ünïcode\",{\"trace_id\":\"j-2\",\"detected_level\":\"error\"}]]}]}";
        Reply plain = node.post("application/json; charset=utf-8", utf8(body), "X-Scope-OrgID", "acme");
        assertEquals(204, plain.status(), plain::text);
        JsonObject found = node.awaitTotal("run:json-plain", t, t.plusSeconds(60), 2);
        assertEquals(List.of("json one", "json two ünïcode"), messages(found));
        JsonObject second = found.getJsonArray("hits").getJsonObject(1);
        assertEquals("json-svc", second.getString("service"));
        assertEquals("hj", second.getString("host"));
        assertEquals("error", second.getString("level"));
        assertEquals("j-2", second.getJsonObject("attributes").getString("trace_id"));
        assertEquals("acme", second.getJsonObject("attributes").getString("tenant"));
        assertEquals("info", found.getJsonArray("hits").getJsonObject(0).getString("level"), "INFO without a level");

        String gz = "{\"streams\":[{\"stream\":{\"job\":\"gz-job\",\"run\":\"json-gzip\"},\"values\":[[\"" + (ns + 5_000_000_000L)
                + "\",\"gzipped line\"]]}]}";
        Reply gzipped = node.post(JSON, gzip(utf8(gz)), "Content-Encoding", "gzip");
        assertEquals(204, gzipped.status(), gzipped::text);
        JsonObject gzFound = node.awaitTotal("run:json-gzip", t, t.plusSeconds(60), 1);
        JsonObject hit = gzFound.getJsonArray("hits").getJsonObject(0);
        assertEquals("gzipped line", hit.getString("message"));
        assertEquals("gz-job", hit.getString("service"));
        assertFalse(hit.getJsonObject("attributes").containsKey("tenant"), "no X-Scope-OrgID, no tenant");
    }

    @Test
    void emptyPushIsAccepted() {
        assertEquals(204, node.post(JSON, utf8("{\"streams\":[]}")).status());
    }

    @Test
    void readyProbeAnswers() {
        assertEquals(200, node.get("/ready").status());
    }

    /** Every malformed body gets 400 (or 415/413) naming the problem; nothing from any of them is stored. */
    @Test
    void malformedCorpusIsRefusedAndNothingIsStored() {
        Instant t = Instant.parse("2031-01-01T03:00:00Z");
        long ns = nanos(t);
        String okStream = "\"stream\":{\"app\":\"bad-corpus\"}";
        byte[] goodProto = new Proto().message(1, new Proto().string(1, "{app=\"bad-corpus\"}")
                .message(2, Proto.entry(t, "should never be stored"))).bytes();
        byte[] badUtf8Json = utf8("{\"streams\":[{" + okStream + ",\"values\":[[\"" + ns + "\",\"bad XX utf8\"]]}]}");
        int at = new String(badUtf8Json, StandardCharsets.ISO_8859_1).indexOf("XX");
        badUtf8Json[at] = (byte) 0xff;
        byte[] badUtf8Proto = new Proto().message(1, new Proto().string(1, "{app=\"bad-corpus\"}")
                .message(2, new Proto().message(1, new Proto().varint(1, t.getEpochSecond())).raw(2, new byte[] {'a', (byte) 0xc3}))).bytes();
        byte[] snappyGood = snappy(goodProto);

        record Case(String name, String contentType, byte[] body, String[] headers, int status, String fragment) {
        }
        List<Case> cases = List.of(
                new Case("bad snappy", PROTOBUF, utf8("definitely not snappy"), new String[0], 400, "not valid snappy"),
                new Case("uncompressed protobuf", PROTOBUF, goodProto, new String[0], 400, "snappy"),
                new Case("truncated snappy", PROTOBUF, Arrays.copyOf(snappyGood, snappyGood.length - 4), new String[0], 400, "snappy"),
                new Case("truncated protobuf", PROTOBUF, snappy(Arrays.copyOf(goodProto, goodProto.length - 5)), new String[0], 400,
                        "input ended unexpectedly"),
                new Case("bad label string", PROTOBUF, snappy(new Proto().message(1, new Proto().string(1, "{app=bad-corpus}")
                        .message(2, Proto.entry(t, "x"))).bytes()), new String[0], 400, "labels"),
                new Case("bad utf-8 protobuf", PROTOBUF, snappy(badUtf8Proto), new String[0], 400, "not valid UTF-8"),
                new Case("missing timestamp protobuf", PROTOBUF, snappy(new Proto().message(1, new Proto().string(1, "{app=\"bad-corpus\"}")
                        .message(2, new Proto().string(2, "no ts"))).bytes()), new String[0], 400, "timestamp"),
                new Case("non-numeric timestamp", JSON, utf8("{\"streams\":[{" + okStream + ",\"values\":[[\"" + ns + "\",\"ok\"],[\"yesterday\",\"x\"]]}]}"),
                        new String[0], 400, "stream 0, entry 1, field 'timestamp'"),
                new Case("numeric timestamp", JSON, utf8("{\"streams\":[{" + okStream + ",\"values\":[[" + ns + ",\"x\"]]}]}"),
                        new String[0], 400, "timestamp"),
                new Case("missing values", JSON, utf8("{\"streams\":[{" + okStream + "}]}"), new String[0], 400, "field 'values': is required"),
                new Case("missing line", JSON, utf8("{\"streams\":[{" + okStream + ",\"values\":[[\"" + ns + "\"]]}]}"), new String[0], 400, "line"),
                new Case("wrong type line", JSON, utf8("{\"streams\":[{" + okStream + ",\"values\":[[\"" + ns + "\",{\"a\":1}]]}]}"),
                        new String[0], 400, "field 'line': must be a string"),
                new Case("wrong type labels", JSON, utf8("{\"streams\":[{\"stream\":{\"app\":5},\"values\":[[\"" + ns + "\",\"x\"]]}]}"),
                        new String[0], 400, "stream.app"),
                new Case("wrong type streams", JSON, utf8("{\"streams\":\"all\"}"), new String[0], 400, "streams"),
                new Case("missing streams", JSON, utf8("{\"stream\":[]}"), new String[0], 400, "streams"),
                new Case("bad utf-8 json", JSON, badUtf8Json, new String[0], 400, "UTF-8"),
                new Case("truncated json", JSON, utf8("{\"streams\":[{" + okStream + ",\"values\":[[\"" + ns + "\",\"x\"]"), new String[0], 400,
                        "malformed JSON"),
                new Case("huge label value", JSON, utf8("{\"streams\":[{\"stream\":{\"app\":\"" + "v".repeat(5000) + "\"},\"values\":[[\"" + ns
                        + "\",\"x\"]]}]}"), new String[0], 400, "label value limit"),
                new Case("huge line", JSON, utf8("{\"streams\":[{" + okStream + ",\"values\":[[\"" + ns + "\",\"" + "x".repeat((1 << 20) + 1)
                        + "\"]]}]}"), new String[0], 400, "line limit"),
                new Case("wrong content type", "text/plain", utf8("hello"), new String[0], 415, "Content-Type"));

        long before = node.node.pipeline().acceptedEvents(EventKind.LOG);
        double rejectedBefore = node.metric("vigil_receiver_rejected_total", "protocol=\"loki\"", "reason=\"invalid\"");
        for (Case c : cases) {
            Reply reply;
            try {
                reply = node.post(c.contentType(), c.body(), c.headers());
            } catch (RuntimeException e) {
                throw new AssertionError(c.name() + ": no answer", e);
            }
            JsonObject error = reply.error(c.status());
            assertContains(c.name() + ": " + error.getString("message"), c.fragment());
            if (c.status() == 400 && error.getString("code").equals("invalid_push")) {
                assertContains(error.getString("message"), "nothing was stored");
                JsonObject detail = error.getJsonArray("details").getJsonObject(0);
                assertTrue(detail.containsKey("field"), () -> c.name() + ": " + detail);
            }
            assertEquals(200, node.get("/health").status(), "server stays healthy after " + c.name());
        }
        // A body labelled gzip that is not gzip is answered with a 400 naming it (the connection stays open).
        for (int i = 0; i < 3; i++) {
            byte[] notGzip = utf8("{\"streams\":[{" + okStream + ",\"values\":[[\"" + ns + "\",\"not gzip\"]]}]}");
            Reply reply = node.post(JSON, notGzip, "Content-Encoding", "gzip");
            assertContains(reply.error(400).getString("message"), "body is not gzip");
        }
        assertEquals(200, node.get("/health").status(), "server stays healthy after a bad gzip body");
        assertEquals(before, node.node.pipeline().acceptedEvents(EventKind.LOG), "nothing from a rejected request was stored");
        assertTrue(node.metric("vigil_receiver_rejected_total", "protocol=\"loki\"", "reason=\"invalid\"") >= rejectedBefore + 15,
                "rejections counted by reason");

        // The stream/entry/field details of a JSON error.
        JsonObject error = node.post(JSON, utf8("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[]},{" + okStream + ",\"values\":["
                + "[\"" + ns + "\",\"ok\"],[\"" + ns + "\",\"ok\"],[\"17x\",\"bad\"]]}]}")).error(400);
        JsonObject detail = error.getJsonArray("details").getJsonObject(0);
        assertEquals(1, detail.getInteger("stream"));
        assertEquals(2, detail.getInteger("entry"));
        assertEquals("timestamp", detail.getString("field"));

        // A good marker request afterwards is the only thing in this hour.
        byte[] marker = utf8("{\"streams\":[{" + okStream + ",\"values\":[[\"" + (ns + 1) + "\",\"marker\"]]}]}");
        assertEquals(204, node.post(JSON, marker).status());
        JsonObject found = node.awaitTotal("app:bad-corpus", t, t.plusSeconds(3600), 1);
        assertEquals(List.of("marker"), messages(found));
    }

    @Test
    void metricsCountAcceptedEntriesBytesAndDecodeTime() {
        Instant t = Instant.parse("2031-01-01T04:00:00Z");
        double accepted = node.metric("vigil_receiver_events_total", "protocol=\"loki\"", "outcome=\"accepted\"");
        double bytes = node.metric("vigil_receiver_bytes_total", "protocol=\"loki\"");
        double decodes = node.metric("vigil_receiver_decode_seconds_count", "protocol=\"loki\"");
        byte[] body = utf8("{\"streams\":[{\"stream\":{\"app\":\"metered\"},\"values\":[[\"" + nanos(t) + "\",\"a\"],[\"" + nanos(t) + "\",\"b\"]]}]}");
        assertEquals(204, node.post(JSON, body).status());
        assertEquals(accepted + 2, node.metric("vigil_receiver_events_total", "protocol=\"loki\"", "outcome=\"accepted\""));
        assertEquals(bytes + body.length, node.metric("vigil_receiver_bytes_total", "protocol=\"loki\""));
        assertEquals(decodes + 1, node.metric("vigil_receiver_decode_seconds_count", "protocol=\"loki\""));
    }

    @Test
    void bodyLimitsAnswer413(@TempDir Path dataDir) throws Exception {
        try (LokiTestNode small = LokiTestNode.start(dataDir, "body-limit", "64KiB")) {
            Instant t = Instant.parse("2031-01-01T05:00:00Z");
            String big = "{\"streams\":[{\"stream\":{\"app\":\"too-big\"},\"values\":[[\"" + nanos(t) + "\",\"" + "x".repeat(70_000) + "\"]]}]}";
            JsonObject error = small.post(JSON, utf8(big)).error(413);
            assertContains(error.getString("message"), "65536 bytes");
            // 900 kB of protobuf in less than 64 KiB of snappy: refused before decompressing.
            byte[] bomb = snappy(new Proto().message(1, new Proto().string(1, "{app=\"too-big\"}")
                    .message(2, Proto.entry(t, "y".repeat(900_000)))).bytes());
            assertTrue(bomb.length < 65536);
            JsonObject bombError = small.post(PROTOBUF, bomb).error(413);
            assertContains(bombError.getString("message"), "body limit of 65536 bytes");
            assertEquals(0, small.node.pipeline().acceptedEvents(EventKind.LOG));
            assertEquals(2, small.metric("vigil_receiver_rejected_total", "protocol=\"loki\"", "reason=\"body_too_large\""));
            assertEquals(200, small.get("/health").status());
        }
    }

    /**
     * One request of 150,000 entries puts indexing over 100,000 events behind: the next push gets
     * 429 with Retry-After, and once indexing catches up the retry is stored; nothing is lost.
     */
    @Test
    void backPressureAnswers429ThenRecovers() {
        Instant t = Instant.parse("2031-01-01T06:00:00Z");
        int bulk = 150_000;
        Proto stream = new Proto().string(1, "{app=\"pressure\", run=\"bulk\"}");
        for (int i = 0; i < bulk; i++) {
            stream.message(2, Proto.entry(t.plusNanos(i * 1000L), "b" + i));
        }
        byte[] first = snappy(new Proto().message(1, stream).bytes());
        assertEquals(204, node.post(PROTOBUF, first).status());

        byte[] second = snappy(new Proto().message(1, new Proto().string(1, "{app=\"pressure\", run=\"retry\"}")
                .message(2, Proto.entry(t.plusSeconds(10), "after the wait"))).bytes());
        Reply pushed = node.post(PROTOBUF, second);
        assertEquals(429, pushed.status(), () -> "expected back-pressure right after 150k entries, got " + pushed.status() + " " + pushed.text());
        assertEquals("1", pushed.headers().firstValue("Retry-After").orElse(null));
        assertContains(pushed.text(), "behind");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int status = pushed.status();
        while (status == 429 && System.nanoTime() < deadline) {
            LokiTestNode.pause();
            status = node.post(PROTOBUF, second).status();
        }
        assertEquals(204, status, "the retry is accepted once indexing has caught up");
        assertEquals(1, node.awaitTotal("run:retry", t, t.plusSeconds(60), 1).getLong("total"));
        assertEquals(bulk, node.awaitTotal("run:bulk", t, t.plusSeconds(60), bulk).getLong("total"), "nothing accepted was lost");
        assertTrue(node.metric("vigil_receiver_rejected_total", "protocol=\"loki\"", "reason=\"overloaded\"") >= 1);
    }
}
