package dev.vigil.api.receivers.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed bulk requests get Elasticsearch's error shapes with a reason naming the problem;
 * refused requests store nothing, per-item errors leave the valid items stored, and the node
 * stays healthy. Every bad request carries a document of a service of its own, searched for
 * afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BulkMalformedInputTest {
    private EsTestNode node;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        node = EsTestNode.start(dataDir, "body-limit", "64KiB");
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void stillHealthy() {
        assertEquals(200, node.get("/health").status());
        String service = "healthy-" + UUID.randomUUID().toString().substring(0, 8);
        EsTestNode.Reply ok = node.bulk("/_bulk?refresh=wait_for", doc("logs", service, "still fine"));
        assertEquals(200, ok.status(), ok.body());
        assertEquals(1, node.search("service:" + service).size(), "a good request after the bad one is stored");
    }

    private String service(String name) {
        return "bad-" + name + "-" + run;
    }

    private static String doc(String index, String service, String message) {
        return "{\"index\":{\"_index\":\"" + index + "\"}}\n" + new JsonObject().put("service", service).put("message", message).encode() + "\n";
    }

    /** The request was refused whole: nothing of {@code service} is searchable once later data is. */
    private void nothingStored(String service) {
        node.bulk("/_bulk?refresh=wait_for", doc("logs", "barrier-" + run, "barrier"));
        assertEquals(List.of(), node.search("service:" + service));
    }

    @Test
    void missingTrailingNewline() {
        String s = service("nl");
        String body = doc("logs", s, "a");
        EsTestNode.Reply reply = node.bulk("/_bulk", body.substring(0, body.length() - 1));
        assertEquals("The bulk request must be terminated by a newline [\\n]", reply.esError(400, "illegal_argument_exception"));
        nothingStored(s);
    }

    @Test
    void actionWithoutSource() {
        String s = service("nosrc");
        EsTestNode.Reply reply = node.bulk("/_bulk", doc("logs", s, "a") + "{\"create\":{\"_index\":\"logs\"}}\n");
        String reason = reply.esError(400, "illegal_argument_exception");
        assertTrue(reason.contains("line [3]") && reason.contains("[create]") && reason.contains("no source line"), reason);
        nothingStored(s);
    }

    @Test
    void unknownAction() {
        String s = service("unknown");
        EsTestNode.Reply reply = node.bulk("/_bulk", doc("logs", s, "a") + "{\"upsert\":{\"_index\":\"logs\"}}\n{}\n");
        String reason = reply.esError(400, "illegal_argument_exception");
        assertTrue(reason.contains("line [3]") && reason.contains("[upsert]"), reason);
        nothingStored(s);
    }

    @Test
    void invalidJsonOnActionLineN() {
        String s = service("badaction");
        EsTestNode.Reply reply = node.bulk("/_bulk", doc("logs", s, "a") + doc("logs", s, "b") + "{\"index\":{\"_index\":\"logs\"\n{}\n");
        String reason = reply.esError(400, "x_content_parse_exception");
        assertTrue(reason.contains("line [5]") && reason.contains("not valid JSON"), reason);
        nothingStored(s);
        EsTestNode.Reply wrongType = node.bulk("/_bulk", "{\"index\":{\"_index\":{\"name\":\"x\"}}}\n{\"service\":\"" + s + "\"}\n");
        assertTrue(wrongType.esError(400, "illegal_argument_exception").contains("[_index] must be a string"), wrongType.body());
        nothingStored(s);
    }

    @Test
    void invalidJsonOnSourceLineNIsAnItemError() {
        String s = service("badsource");
        String good = "ok-" + s;
        EsTestNode.Reply reply = node.bulk("/_bulk?refresh=wait_for", doc("logs", good, "kept") + "{\"index\":{\"_index\":\"logs\"}}\n"
                + "{\"service\":\"" + s + "\",\"message\":\"unterminated}\n" + doc("logs", good, "kept too"));
        assertEquals(200, reply.status(), reply.body());
        JsonObject json = reply.json();
        assertEquals(Boolean.TRUE, json.getBoolean("errors"));
        JsonArray items = json.getJsonArray("items");
        JsonObject bad = items.getJsonObject(1).getJsonObject("index");
        assertEquals(400, bad.getInteger("status"));
        assertEquals("document_parsing_exception", bad.getJsonObject("error").getString("type"));
        assertTrue(bad.getJsonObject("error").getString("reason").contains("line 4"), bad.encode());
        assertEquals(201, items.getJsonObject(0).getJsonObject("index").getInteger("status"));
        assertEquals(201, items.getJsonObject(2).getJsonObject("index").getInteger("status"));
        assertEquals(List.of("kept", "kept too"), node.search("service:" + good).stream().map(h -> h.getString("message")).toList());
        assertEquals(List.of(), node.search("service:" + s));
    }

    /**
     * A body labelled gzip that is not gzip, or is cut short, is a 400 {@code parse_exception} naming
     * the problem, answered (never a closed connection), and nothing is stored.
     */
    @Test
    void badGzip() {
        String s = service("gzip");
        byte[] zipped = EsTestNode.gzip(doc("logs", s, "b").getBytes(StandardCharsets.UTF_8));
        List<byte[]> bodies = List.of(doc("logs", s, "a").getBytes(StandardCharsets.UTF_8), Arrays.copyOf(zipped, zipped.length / 2),
                Arrays.copyOf(zipped, zipped.length - 4));
        List<String> naming = List.of("body is not gzip", "truncated", "truncated");
        for (int i = 0; i < bodies.size(); i++) {
            EsTestNode.Reply reply = node.sendOnOwnConnection("POST", "/_bulk", bodies.get(i), "Content-Type", "application/x-ndjson",
                    "Content-Encoding", "gzip");
            String reason = reply.esError(400, "parse_exception");
            assertTrue(reason.contains("decompress") && reason.contains(naming.get(i)), reason);
        }
        nothingStored(s);
    }

    @Test
    void badUtf8HugeValuesAndWrongTypesAreItemErrors() {
        String s = service("items");
        byte[] badUtf8 = ("{\"index\":{\"_index\":\"logs\"}}\n{\"service\":\"" + s + "\",\"message\":\"a\u00ffb\"}\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        EsTestNode.Reply utf8 = node.send("POST", "/_bulk", badUtf8, "Content-Type", "application/x-ndjson");
        assertEquals(200, utf8.status());
        String reason = utf8.json().getJsonArray("items").getJsonObject(0).getJsonObject("index").getJsonObject("error").getString("reason");
        assertTrue(reason.contains("UTF-8"), reason);

        EsTestNode.Reply huge = node.bulk("/_bulk", "{\"index\":{\"_index\":\"logs\"}}\n{\"service\":\"" + "s".repeat(300)
                + "\",\"message\":\"m\"}\n{\"index\":{\"_index\":\"logs\"}}\n{\"service\":\"" + s + "\",\"@timestamp\":[1,2]}\n"
                + "{\"index\":{\"_index\":\"logs\"}}\n{\"service\":\"" + s + "\",\"@timestamp\":true}\n"
                + "{\"index\":{\"_index\":\"logs\"}}\n\"just a string\"\n"
                + "{\"index\":{\"_index\":\"Logs\"}}\n{\"service\":\"" + s + "\"}\n"
                + "{\"index\":{\"_index\":\"logs\",\"_id\":\"" + "i".repeat(600) + "\"}}\n{\"service\":\"" + s + "\"}\n");
        assertEquals(200, huge.status(), huge.body());
        JsonArray items = huge.json().getJsonArray("items");
        assertEquals(6, items.size());
        String[] expected = {"[service]", "[@timestamp]", "[@timestamp]", "not a string", "lowercase", "too long"};
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i).getJsonObject("index");
            assertEquals(400, item.getInteger("status"), item.encode());
            String why = item.getJsonObject("error").getString("reason");
            assertTrue(why.contains(expected[i]) || why.contains("JSON object, not a string") && i == 3, "item " + i + ": " + why);
        }
        nothingStored(s);
    }

    @Test
    void emptyBodyMissingIndexAndBlankLines() {
        assertEquals("request body is required", node.bulk("/_bulk", "").esError(400, "parse_exception"));
        String s = service("noindex");
        String missing = node.bulk("/_bulk", "{\"index\":{}}\n{\"service\":\"" + s + "\"}\n").esError(400, "action_request_validation_exception");
        assertTrue(missing.contains("index is missing"), missing);
        assertTrue(node.bulk("/_bulk", "\n\n").esError(400, "action_request_validation_exception").contains("no requests added"));
        nothingStored(s);
    }

    @Test
    void mediaTypesAndBodyLimit() {
        String s = service("media");
        EsTestNode.Reply text = node.send("POST", "/_bulk", doc("logs", s, "a").getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
        assertEquals(406, text.status());
        assertEquals("Elasticsearch", text.header("X-Elastic-Product"));
        assertTrue(text.json().getString("error").contains("[text/plain] is not supported"), text.body());
        EsTestNode.Reply v5 = node.send("POST", "/_bulk", doc("logs", s, "a").getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/vnd.elasticsearch+x-ndjson; compatible-with=5");
        assertEquals(406, v5.status());
        assertTrue(v5.json().getString("error").contains("compatible-with=5"), v5.body());

        EsTestNode.Reply vendor = node.send("POST", "/_bulk?refresh=wait_for", doc("logs", "ok-" + s, "vendor").getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/vnd.elasticsearch+x-ndjson; compatible-with=9",
                "Accept", "application/vnd.elasticsearch+json; compatible-with=9");
        assertEquals(200, vendor.status(), vendor.body());
        assertEquals("application/vnd.elasticsearch+json;compatible-with=9", vendor.header("Content-Type"));

        StringBuilder big = new StringBuilder();
        while (big.length() < 80 * 1024) {
            big.append(doc("logs", s, "x".repeat(500)));
        }
        EsTestNode.Reply tooLarge = node.bulk("/_bulk", big.toString());
        assertTrue(tooLarge.esError(413, "content_too_long_exception").contains("65536"), tooLarge.body());
        // The limit applies to the decompressed body: a small gzip that inflates past it is refused too.
        byte[] bomb = EsTestNode.gzip(big.toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(bomb.length < 65536);
        EsTestNode.Reply inflated = node.send("POST", "/_bulk", bomb, "Content-Type", "application/x-ndjson", "Content-Encoding", "gzip");
        inflated.esError(413, "content_too_long_exception");
        nothingStored(s);
    }
}
