package dev.vigil.api.receivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.ingest.DiskFloor;
import dev.vigil.ingest.IngestLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiver limits are settings: lowered ones are enforced, and each refusal names its setting. */
class ReceiverLimitSettingsTest {
    private static final long T = Instant.now().minusSeconds(30).getEpochSecond() * 1_000_000_000L;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void loweredLimitsAreEnforcedAndNamed(@TempDir Path dataDir) throws Exception {
        VigilConfig config = VigilConfig.defaults().with("data-dir", dataDir.toString()).with("host", "127.0.0.1").with("port", "0")
                .with("line-limit", "16").with("label-limit", "2").with("label-value-limit", "8").with("body-limit", "2KiB");
        try (VigilNode node = VigilNode.start(config)) {
            assertRefused(node, push("{\"app\":\"a\"}", "a line of more than sixteen characters"), 400, "line-limit");
            assertRefused(node, push("{\"app\":\"a\",\"b\":\"b\",\"c\":\"c\"}", "short"), 400, "label-limit");
            assertRefused(node, push("{\"app\":\"a-long-value\"}", "short"), 400, "label-value-limit");
            assertRefused(node, push("{\"app\":\"a\"}", "x".repeat(3000)), 413, "body-limit");
            HttpResponse<String> fits = send(node, push("{\"app\":\"a\",\"b\":\"12345678\"}", "sixteen chars ok"));
            assertEquals(204, fits.statusCode(), fits.body());
            assertEquals(1, node.pipeline().acceptedEvents());
        }
    }

    @Test
    void settingsParseWithDefaultsAndRefuseNonsense() {
        VigilConfig defaults = VigilConfig.defaults();
        assertEquals(IngestLimits.defaults(), defaults.limits());
        assertEquals(64 * 1024, defaults.syslogFrameLimit());
        assertEquals(DiskFloor.DEFAULT, defaults.minFreeDisk());
        assertEquals(DiskFloor.NONE, defaults.with("min-free-disk", "0").minFreeDisk());
        assertEquals(DiskFloor.ofPercent(5), defaults.with("min-free-disk", "5%").minFreeDisk());
        assertEquals(DiskFloor.ofBytes(2L << 30), defaults.with("min-free-disk", "2GiB").minFreeDisk());
        assertEquals(new DiskFloor(1L << 30, 10), defaults.with("min-free-disk", "1GiB|10%").minFreeDisk());
        assertEquals(128 * 1024, defaults.with("syslog-frame-limit", "128KiB").syslogFrameLimit());
        assertEquals(100, defaults.with("label-limit", "100").limits().labels());
        for (String[] bad : new String[][] {{"min-free-disk", "lots"}, {"min-free-disk", "120%"}, {"label-limit", "0"},
                {"line-limit", "2MiB"}, {"label-value-limit", "-1"}, {"body-limit", "0"}, {"syslog-frame-limit", "x"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> defaults.with(bad[0], bad[1]),
                    bad[0] + "=" + bad[1]);
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> defaults.with("min_free_disk", "1GiB"));
        assertTrue(unknown.getMessage().contains("min-free-disk"), "the known settings are listed: " + unknown.getMessage());
    }

    private static String push(String labels, String line) {
        return "{\"streams\":[{\"stream\":" + labels + ",\"values\":[[\"" + T + "\",\"" + line + "\"]]}]}";
    }

    private void assertRefused(VigilNode node, String body, int status, String setting) throws Exception {
        HttpResponse<String> reply = send(node, body);
        assertEquals(status, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains("setting " + setting), () -> "should name the setting " + setting + ": " + reply.body());
    }

    private HttpResponse<String> send(VigilNode node, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/loki/api/v1/push"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
