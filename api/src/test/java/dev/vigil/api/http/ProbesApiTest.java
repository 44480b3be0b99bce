package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uptime probes against real local targets, through the real server: an HTTP server whose
 * answer the test switches between 200 and 500 (and that never answers on /hang), a TCP port
 * nobody listens on, and an HTTPS server with a self-signed certificate made by the JDK's keytool.
 */
class ProbesApiTest {
    @TempDir
    Path dir;
    Vertx targets;
    HttpServer http;
    HttpServer https;
    final AtomicInteger status = new AtomicInteger(200);
    int closedPort;
    Path caPem;

    @BeforeEach
    void startTargets() throws Exception {
        targets = Vertx.vertx();
        http = targets.createHttpServer().requestHandler(request -> {
            if (!request.path().equals("/hang")) {
                request.response().setStatusCode(status.get()).end(status.get() == 200 ? "all ok" : "broken");
            }
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        Path keystore = selfSignedKeystore();
        https = targets.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword("changeit")))
                .requestHandler(request -> request.response().end("secure ok")).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
    }

    @AfterEach
    void stopTargets() throws Exception {
        targets.close().await(10, TimeUnit.SECONDS);
    }

    /** A PKCS#12 key store with a self-signed certificate for 127.0.0.1, and its certificate as PEM in {@link #caPem}. */
    private Path selfSignedKeystore() throws Exception {
        Path keystore = dir.resolve("target.p12");
        caPem = dir.resolve("target-ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "target", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "target", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", caPem.toString());
        return keystore;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ": " + output);
    }

    private String probeFile() {
        return """
                probes:
                  - name: web
                    type: http
                    target: http://127.0.0.1:%d/health
                    interval: 1h
                    timeout: 2s
                    expect_status: 200-299
                    body_contains: ok
                    sla: 99.9
                  - name: db
                    type: tcp
                    target: 127.0.0.1:%d
                    interval: 1h
                    timeout: 2s
                """.formatted(http.actualPort(), closedPort);
    }

    @Test
    void httpProbeGoesUpThenDownAndUptimeCountsIt() throws Exception {
        Path file = dir.resolve("probes.yaml");
        Files.writeString(file, probeFile());
        try (TestServer server = TestServer.start(dir.resolve("data"), "probe-file", file.toString())) {
            // The schedule checks every probe about a second after the start; let that first round finish.
            JsonObject web = awaitFirstCheck(server, "web");
            assertEquals("up", web.getString("state"));

            JsonObject up = check(server, "web");
            assertTrue(up.getBoolean("success"), up.encode());
            assertEquals(200, up.getInteger("http_status"));
            Instant from = Instant.parse(up.getString("at")).truncatedTo(ChronoUnit.MILLIS);
            status.set(500);
            JsonObject down = check(server, "web");
            assertFalse(down.getBoolean("success"));
            assertEquals(500, down.getInteger("http_status"));
            assertEquals("status 500 is outside 200-299", down.getString("error"));

            web = find(server.get("/api/v1/probes").ok().getJsonArray("probes"), "web");
            assertEquals("down", web.getString("state"));
            assertEquals("status 500 is outside 200-299", web.getString("last_error"));
            assertEquals(1, web.getInteger("consecutive_failures"));
            assertEquals(down.getString("at"), web.getString("since"));
            assertNotNull(web.getString("last_success"));
            assertTrue(web.getDouble("latency_seconds") >= 0);
            assertEquals("file", web.getString("origin"));

            JsonArray uptime = server.get("/api/v1/uptime?probe=web&from=" + TestServer.enc(from) + "&to=now").ok().getJsonArray("probes");
            assertEquals(1, uptime.size());
            JsonObject row = uptime.getJsonObject(0);
            assertEquals(2, row.getLong("checks"), row.encode());
            assertEquals(1, row.getLong("successes"));
            assertEquals(50.0, row.getDouble("uptime_percent"), 1e-9);
            assertEquals(1, row.getInteger("outages"));
            assertEquals(99.9, row.getJsonObject("sla").getDouble("target_percent"));
            assertFalse(row.getJsonObject("sla").getBoolean("met"));

            // Each change of state is a log event of vigil-probes.
            JsonArray hits = server.get("/api/v1/logs/search?q=" + TestServer.enc("service:vigil-probes AND probe:web")
                    + "&from=now-1h&order=asc").ok().getJsonArray("hits");
            List<String> messages = hits.stream().map(h -> ((JsonObject) h).getString("message")).toList();
            assertEquals(2, messages.size(), messages.toString());
            assertTrue(messages.get(0).startsWith("probe web is up"), messages.toString());
            assertTrue(messages.get(1).startsWith("probe web is down: status 500 is outside 200-299"), messages.toString());

            // The body must contain the expected text.
            status.set(200);
            assertTrue(check(server, "web").getBoolean("success"));

            JsonObject db = check(server, "db");
            assertFalse(db.getBoolean("success"));
            assertTrue(db.getString("error").toLowerCase().contains("refused"), db.encode());
            assertEquals("down", find(server.get("/api/v1/probes").ok().getJsonArray("probes"), "db").getString("state"));

            // A target that accepts the connection and never answers fails at the probe's timeout.
            create(server, new JsonObject().put("name", "hang").put("type", "http").put("interval", "1h").put("timeout", "300ms")
                    .put("target", "http://127.0.0.1:" + http.actualPort() + "/hang"));
            JsonObject hang = check(server, "hang");
            assertFalse(hang.getBoolean("success"));
            assertEquals("timed out after 300 ms", hang.getString("error"));
            assertTrue(hang.getDouble("duration_seconds") >= 0.29 && hang.getDouble("duration_seconds") < 5, hang.encode());

            assertEquals("invalid_request", server.get("/api/v1/uptime?from=yesterday").error(400).getString("code"));
        }
    }

    @Test
    void httpsWithASelfSignedCertificateNeedsTrustAllOrItsCaFile() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            String target = "https://127.0.0.1:" + https.actualPort() + "/";
            create(server, new JsonObject().put("name", "tls-default").put("type", "https").put("target", target).put("interval", "1h"));
            create(server, new JsonObject().put("name", "tls-trust-all").put("type", "https").put("target", target).put("interval", "1h")
                    .put("tls", new JsonObject().put("trust_all", true)));
            create(server, new JsonObject().put("name", "tls-ca-file").put("type", "https").put("target", target).put("interval", "1h")
                    .put("tls", new JsonObject().put("ca_file", caPem.toString())).put("body_contains", "secure"));

            JsonObject untrusted = check(server, "tls-default");
            assertFalse(untrusted.getBoolean("success"), untrusted.encode());
            assertNotNull(untrusted.getString("error"));
            assertTrue(check(server, "tls-trust-all").getBoolean("success"));
            JsonObject viaCa = check(server, "tls-ca-file");
            assertTrue(viaCa.getBoolean("success"), viaCa.encode());

            // API probes are kept in the data directory; changing and deleting work, bad ones are 400s.
            assertEquals(409, server.post("/api/v1/probes", "application/json",
                    new JsonObject().put("name", "tls-default").put("type", "tcp").put("target", "127.0.0.1:1").encode()).status());
            JsonObject error = server.post("/api/v1/probes", "application/json", new JsonObject().put("name", "Bad Name")
                    .put("type", "gopher").put("target", "x").put("timeout", "1m").put("interval", "30s").encode()).error(400);
            assertEquals("invalid_probe", error.getString("code"));
            assertEquals(3, error.getJsonArray("details").size(), error.encodePrettily());
            assertEquals(204, server.method("DELETE", "/api/v1/probes/tls-default", null).status());
            server.method("POST", "/api/v1/probes/tls-default/check", null).error(404);
        }
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            JsonArray probes = server.get("/api/v1/probes").ok().getJsonArray("probes");
            assertEquals(List.of("tls-ca-file", "tls-trust-all"), probes.stream().map(p -> ((JsonObject) p).getString("name")).toList());
            assertEquals(true, probes.getJsonObject(1).getJsonObject("tls").getBoolean("trust_all"));
        }
    }

    private static void create(TestServer server, JsonObject probe) {
        TestServer.Reply reply = server.post("/api/v1/probes", "application/json", probe.encode());
        assertEquals(201, reply.status(), reply.text());
    }

    private static JsonObject check(TestServer server, String name) {
        return server.method("POST", "/api/v1/probes/" + name + "/check", null).ok();
    }

    private static JsonObject find(JsonArray probes, String name) {
        return probes.stream().map(JsonObject.class::cast).filter(p -> p.getString("name").equals(name)).findFirst().orElseThrow();
    }

    /** Waits (at most 10 s) until the scheduled first check of the probe has a result. */
    private static JsonObject awaitFirstCheck(TestServer server, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonObject probe = find(server.get("/api/v1/probes").ok().getJsonArray("probes"), name);
            if (probe.getValue("last_check") != null || System.nanoTime() > deadline) {
                return probe;
            }
            Thread.sleep(50);
        }
    }
}
