package dev.vigil.api.receivers.gelf;

import static dev.vigil.api.receivers.gelf.GelfTestNode.bytes;
import static dev.vigil.api.receivers.gelf.GelfTestNode.gelf;
import static dev.vigil.api.receivers.gelf.GelfTestNode.gzip;
import static dev.vigil.api.receivers.gelf.GelfTestNode.zlib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /gelf} on a real node: plain, gzip and zlib bodies, field mapping, and the malformed corpus. */
class GelfHttpTest {
    @TempDir
    static Path dataDir;
    static GelfTestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = GelfTestNode.start(dataDir, "body-limit", "64KiB");
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void plainJsonIsAcceptedWith202AndMappedToTheEventModel() {
        Instant t = Instant.parse("2031-03-01T10:00:00.250Z");
        JsonObject message = gelf("web-01", "GET /checkout took 812 ms", t)
                .put("full_message", "GET /checkout took 812 ms\n  at Handler.run")
                .put("level", 3)
                .put("_service", "checkout")
                .put("_id", "abc-123")
                .put("_status", 503)
                .put("_ratio", 0.25)
                .put("_nested", new JsonObject().put("a", 1));
        GelfTestNode.Reply reply = node.post("/gelf", bytes(message), "Content-Type", "application/json");
        assertEquals(202, reply.status(), reply::body);
        assertEquals("", reply.body(), "Graylog answers 202 with an empty body");

        JsonObject hit = node.awaitHits("service:checkout", t.minusSeconds(1), t.plusSeconds(1), 1).getJsonObject(0);
        assertEquals("GET /checkout took 812 ms", hit.getString("message"));
        assertEquals("web-01", hit.getString("host"));
        assertEquals("error", hit.getString("level"));
        assertEquals(t, Instant.parse(hit.getString("timestamp")));
        JsonObject attributes = hit.getJsonObject("attributes");
        assertEquals("abc-123", attributes.getString("gelf_id"), "_id is kept as gelf_id");
        assertEquals("503", attributes.getString("status"));
        assertEquals("0.25", attributes.getString("ratio"));
        assertEquals("{\"a\":1}", attributes.getString("nested"));
        assertEquals("GET /checkout took 812 ms\n  at Handler.run", attributes.getString("full_message"));
        assertTrue(node.metric("vigil_receiver_events_total", "outcome", "accepted") >= 1);
        assertTrue(node.metric("vigil_receiver_bytes_total") > 0);
    }

    @Test
    void defaultsFollowTheSpecLevelAlertAndServiceFromFacility() {
        Instant t = Instant.parse("2031-03-01T11:00:00Z");
        JsonObject message = new JsonObject().put("version", "1.1").put("host", "db-7").put("short_message", "no level given")
                .put("timestamp", t.getEpochSecond()).put("facility", "postgres");
        assertEquals(202, node.post("/gelf", bytes(message)).status());
        JsonObject hit = node.awaitHits("service:postgres", t.minusSeconds(1), t.plusSeconds(1), 1).getJsonObject(0);
        assertEquals("fatal", hit.getString("level"), "GELF's default level is 1 (alert)");
        assertEquals("postgres", hit.getJsonObject("attributes").getString("facility"));

        Instant u = t.plusSeconds(10);
        JsonObject app = gelf("db-7", "app name wins over facility", u).put("_app", "billing").put("facility", "local0").put("level", 7);
        assertEquals(202, node.post("/gelf", bytes(app)).status());
        JsonObject hit2 = node.awaitHits("service:billing", u.minusSeconds(1), u.plusSeconds(1), 1).getJsonObject(0);
        assertEquals("debug", hit2.getString("level"));
    }

    @Test
    void gzipByContentEncodingAndCompressedBodiesAreAccepted() {
        Instant t = Instant.parse("2031-03-01T12:00:00Z");
        byte[] one = bytes(gelf("h", "gzip by header", t).put("_service", "http-gz"));
        byte[] two = bytes(gelf("h", "gzip by magic", t.plusSeconds(1)).put("_service", "http-gz"));
        byte[] three = bytes(gelf("h", "zlib by magic", t.plusSeconds(2)).put("_service", "http-gz"));
        assertEquals(202, node.post("/gelf", gzip(one), "Content-Encoding", "gzip", "Content-Type", "application/json").status());
        assertEquals(202, node.post("/gelf", gzip(two), "Content-Type", "application/json").status());
        assertEquals(202, node.post("/gelf", zlib(three), "Content-Type", "application/json").status());
        JsonArray hits = node.awaitHits("service:http-gz", t.minusSeconds(1), t.plusSeconds(5), 3);
        assertEquals("gzip by header", hits.getJsonObject(0).getString("message"));
        assertEquals("gzip by magic", hits.getJsonObject(1).getString("message"));
        assertEquals("zlib by magic", hits.getJsonObject(2).getString("message"));
    }

    @Test
    void malformedMessagesGet400NamingTheProblemAndNothingIsStored() {
        Instant t = Instant.parse("2031-03-01T13:00:00Z");
        JsonObject good = gelf("bad-host", "should never be stored", t).put("_service", "http-bad");
        byte[] gz = gzip(bytes(good));
        char[] huge = new char[(1 << 20) + 10];
        Arrays.fill(huge, 'x');
        Object[][] corpus = {
            {"missing short_message", bytes(good.copy().put("short_message", (String) null)), "short_message"},
            {"no short_message key", bytes(without(good, "short_message")), "short_message"},
            {"missing host", bytes(without(good, "host")), "host"},
            {"wrong version", bytes(good.copy().put("version", "1.0")), "version"},
            {"missing version", bytes(without(good, "version")), "version"},
            {"host is a number", bytes(good.copy().put("host", 42)), "host"},
            {"empty short_message", bytes(good.copy().put("short_message", "  ")), "short_message"},
            {"level out of range", bytes(good.copy().put("level", 9)), "level"},
            {"level is text", bytes(good.copy().put("level", "loud")), "level"},
            {"timestamp is text", bytes(good.copy().put("timestamp", "yesterday")), "timestamp"},
            {"negative timestamp", bytes(good.copy().put("timestamp", -5)), "timestamp"},
            {"bad field name", bytes(good.copy().put("_bad name!", "x")), "_bad name!"},
            {"bad JSON", "{\"version\":\"1.1\",\"host\":".getBytes(StandardCharsets.UTF_8), "malformed JSON"},
            {"not an object", "[1,2]".getBytes(StandardCharsets.UTF_8), "JSON object"},
            {"trailing garbage", (good.encode() + " {}").getBytes(StandardCharsets.UTF_8), "after the message object"},
            {"bad UTF-8", withBadUtf8(good), "UTF-8"},
            {"truncated gzip", Arrays.copyOf(gz, gz.length / 2), "gzip"},
            {"corrupt zlib", new byte[] {0x78, (byte) 0x9c, 1, 2, 3, 4, 5, 6}, "zlib"},
            {"empty body", new byte[0], "empty"},
        };
        for (Object[] item : corpus) {
            GelfTestNode.Reply reply = node.post("/gelf", (byte[]) item[1], "Content-Type", "application/json");
            assertEquals(400, reply.status(), () -> item[0] + ": " + reply.body());
            JsonObject error = reply.json().getJsonObject("error");
            assertEquals("invalid_gelf", error.getString("code"), () -> item[0] + ": " + reply.body());
            assertTrue(error.getString("message").contains((String) item[2]),
                    () -> item[0] + ": message should name '" + item[2] + "': " + reply.body());
        }
        // A value above the event model's limit, in a body above the HTTP limit: 413; below it: 400 naming the field.
        GelfTestNode.Reply tooLarge = node.post("/gelf", bytes(good.copy().put("_big", new String(huge))));
        assertEquals(413, tooLarge.status(), tooLarge::body);
        GelfTestNode.Reply gzipBomb = node.post("/gelf", gzip(bytes(good.copy().put("_big", new String(huge)))));
        assertEquals(400, gzipBomb.status(), gzipBomb::body);
        assertTrue(gzipBomb.body().contains("larger than the limit"), gzipBomb::body);

        assertTrue(node.rejected("missing_field") >= 3);
        assertTrue(node.rejected("malformed_json") >= 3);
        assertTrue(node.rejected("bad_compression") >= 2);
        // Still healthy, and nothing from the corpus was stored.
        assertEquals(200, node.get("/health").status());
        assertEquals(202, node.post("/gelf", bytes(gelf("ok", "after the corpus", t).put("_service", "http-after"))).status());
        node.awaitHits("service:http-after", t.minusSeconds(1), t.plusSeconds(1), 1);
        assertEquals(0, node.search("service:http-bad", t.minusSeconds(3600), t.plusSeconds(3600)).size());
    }

    private static JsonObject without(JsonObject json, String key) {
        JsonObject copy = json.copy();
        copy.remove(key);
        return copy;
    }

    private static byte[] withBadUtf8(JsonObject good) {
        byte[] text = good.encode().getBytes(StandardCharsets.UTF_8);
        String s = new String(text, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("should never");
        text[at] = (byte) 0xC3;
        text[at + 1] = (byte) 0x28; // invalid continuation byte
        return text;
    }
}
