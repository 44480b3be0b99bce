package dev.vigil.api.receivers.loki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real npm client winston-loki (with winston) pushes to a real node, once as snappy protobuf
 * (its default) and once as JSON (with structured metadata); then the search must find exactly the
 * lines sent, with their labels, levels, timestamps and tenant.
 *
 * <p>Needs Node.js and the packages in {@code .clients/loki} (or {@code $VIGIL_LOKI_CLIENT_DIR}):
 * {@code npm install --prefix .clients/loki winston@3 winston-loki@6}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LokiWinstonClientTest {
    private static final int LINES = 25;
    private static final String[] LEVELS = {"info", "warn", "error"};

    /** Sends LINES lines through winston-loki; prints the transport's content type; exits non-zero on any push error. */
    private static final String SCRIPT = """
            'use strict'
            const winston = require('winston')
            const LokiTransport = require('winston-loki')
            const [url, mode, run, count, startMs] = process.argv.slice(2)
            const json = mode === 'json'
            if (!json) {
              require('snappy') // fail loudly instead of winston-loki silently falling back to JSON
            }
            let failed = null
            const transport = new LokiTransport({
              host: url,
              json,
              interval: 0.2,
              labels: { app: 'winston-' + mode, run, env: 'ci' },
              headers: { 'X-Scope-OrgID': 'tenant-' + mode },
              replaceTimestamp: false,
              gracefulShutdown: false,
              clearOnError: true,
              timeout: 10000,
              format: winston.format.printf(info => info.message),
              onConnectionError: err => { failed = err }
            })
            const logger = winston.createLogger({ level: 'debug', transports: [transport] })
            const levels = ['info', 'warn', 'error']
            for (let i = 0; i < Number(count); i++) {
              logger.log({
                level: levels[i % 3],
                message: `winston ${mode} ${run} line ${i} "quoted" ü`,
                timestamp: new Date(Number(startMs) + i * 1000).toISOString(),
                trace_id: 'trace-' + i
              })
            }
            ;(async () => {
              await transport.flush()
              await transport.close()
              console.log(JSON.stringify({ contentType: transport.batcher.contentType }))
              if (failed) {
                console.error('push failed: ' + failed.message)
                process.exit(2)
              }
            })().catch(err => { console.error(err); process.exit(3) })
            """;

    private LokiTestNode node;
    private Path clientDir;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        String configured = System.getenv("VIGIL_LOKI_CLIENT_DIR");
        clientDir = Path.of(configured != null && !configured.isBlank() ? configured : "../.clients/loki").toAbsolutePath();
        if (!Files.isDirectory(clientDir.resolve("node_modules/winston-loki")) || !Files.isDirectory(clientDir.resolve("node_modules/winston"))) {
            fail("winston-loki is not installed in " + clientDir + "; run: npm install --prefix " + clientDir
                    + " winston@3 winston-loki@6 (Node.js 18+ required)");
        }
        Files.writeString(clientDir.resolve("vigil-loki-push.js"), SCRIPT);
        node = LokiTestNode.start(dataDir);
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void protobufSnappyModeDeliversExactlyTheLines() throws Exception {
        check("protobuf", "application/x-protobuf", Instant.parse("2032-02-01T01:00:00.123Z"));
    }

    @Test
    void jsonModeDeliversExactlyTheLinesWithStructuredMetadata() throws Exception {
        check("json", "application/json", Instant.parse("2032-02-01T02:00:00.456Z"));
    }

    private void check(String mode, String expectedContentType, Instant start) throws Exception {
        String run = "run-" + mode + "-" + Long.toHexString(System.nanoTime());
        String out = runClient(mode, run, start);
        assertEquals(expectedContentType, new JsonObject(out.strip().lines().reduce((a, b) -> b).orElse("{}")).getString("contentType"),
                "winston-loki used the expected wire format; output: " + out);

        JsonObject found = node.awaitTotal("run:" + run, start, start.plusSeconds(LINES + 60), LINES);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            expected.add("winston " + mode + " " + run + " line " + i + " \"quoted\" ü");
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            JsonObject hit = found.getJsonArray("hits").getJsonObject(i);
            got.add(hit.getString("message"));
            assertEquals(start.plusSeconds(i), Instant.parse(hit.getString("timestamp")), "timestamp of line " + i);
            assertEquals("winston-" + mode, hit.getString("service"), "service from the app label");
            assertEquals(LEVELS[i % 3], hit.getString("level"), "level from the level label");
            JsonObject attributes = hit.getJsonObject("attributes");
            assertEquals("ci", attributes.getString("env"));
            assertEquals(run, attributes.getString("run"));
            assertEquals("winston-" + mode, attributes.getString("app"));
            assertEquals(LEVELS[i % 3], attributes.getString("level"));
            assertEquals("tenant-" + mode, attributes.getString("tenant"), "X-Scope-OrgID kept as tenant");
            if (mode.equals("json")) {
                assertEquals("trace-" + i, attributes.getString("trace_id"), "structured metadata of line " + i);
            }
        }
        assertEquals(expected, got, "exactly the lines sent, in order");
        assertEquals(LINES, node.search("app:winston-" + mode, start, start.plusSeconds(LINES + 60)).getLong("total"),
                "nothing else with this label");
    }

    private String runClient(String mode, String run, Instant start) throws IOException, InterruptedException {
        Path log = Files.createTempFile("winston-loki-" + mode, ".log");
        try {
            Process process = new ProcessBuilder("node", "vigil-loki-push.js", node.base(), mode, run, String.valueOf(LINES),
                    String.valueOf(start.toEpochMilli()))
                    .directory(clientDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("winston-loki client did not finish within 60 s: " + Files.readString(log));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), () -> "winston-loki client failed: " + out);
            assertTrue(out.contains("contentType"), out);
            return out;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Cannot run program")) {
                fail("node is not installed (install Node.js 18+, then npm install --prefix " + clientDir + " winston@3 winston-loki@6)", e);
            }
            throw e;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
