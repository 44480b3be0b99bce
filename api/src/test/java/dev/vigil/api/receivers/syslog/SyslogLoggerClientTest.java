package dev.vigil.api.receivers.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * util-linux {@code logger} (a real, independent syslog client) sends RFC 5424 and RFC 3164 over
 * TCP with octet counting and with newline framing, and over UDP; each message is then searched
 * for in Vigil with its service, host, level and attributes. Needs {@code apt-get install -y bsdutils}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SyslogLoggerClientTest {
    private SyslogTestNode vigil;
    private String hostname;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        vigil = new SyslogTestNode(dataDir);
        hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    }

    @AfterAll
    void stop() throws Exception {
        if (vigil != null) {
            vigil.close();
        }
    }

    private static void logger(String... args) {
        List<String> command = new ArrayList<>();
        command.add("logger");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("logger did not finish within 20 s: " + command);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), () -> "logger failed: " + command + "\n" + output);
        } catch (IOException e) {
            fail("cannot run util-linux 'logger' (install it with: apt-get install -y bsdutils): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonObject one(String service) {
        JsonArray hits = vigil.awaitHits("service:" + service, 1);
        JsonObject hit = hits.getJsonObject(0);
        assertEquals(service, hit.getString("service"));
        assertEquals(hostname, hit.getString("host"), () -> "host of " + hit);
        return hit;
    }

    private static void assertRecent(JsonObject hit) {
        Instant at = Instant.parse(hit.getString("timestamp"));
        Duration off = Duration.between(at, Instant.now()).abs();
        assertTrue(off.compareTo(Duration.ofMinutes(2)) < 0, () -> "timestamp " + at + " is not now: " + hit);
    }

    private void rfc5424(String service, String... framing) {
        List<String> args = new ArrayList<>(List.of("--rfc5424"));
        args.addAll(List.of(framing));
        args.addAll(List.of("-n", "127.0.0.1", "--sd-id", "order@32473", "--sd-param", "id=\"A-17\"", "--sd-param",
                "note=\"say \\\"hi\\\" [ok\\]\"", "--msgid", "CHECKOUT", "-t", service, "-i", "-p", "local3.err",
                "payment declined for " + service));
        logger(args.toArray(String[]::new));
        JsonObject hit = one(service);
        assertEquals("payment declined for " + service, hit.getString("message"));
        assertEquals("error", hit.getString("level"));
        assertRecent(hit);
        JsonObject attributes = hit.getJsonObject("attributes");
        assertEquals("local3", attributes.getString("facility"));
        assertEquals("err", attributes.getString("severity"));
        assertEquals("CHECKOUT", attributes.getString("msgid"));
        assertTrue(attributes.getString("procid", "").matches("\\d+"), () -> "procid: " + attributes);
        assertEquals("A-17", attributes.getString("sd.order@32473.id"));
        assertEquals("say \"hi\" [ok]", attributes.getString("sd.order@32473.note"));
        assertEquals("1", attributes.getString("sd.timeQuality.tzKnown"), () -> "logger's own SD element: " + attributes);
        assertTrue(!attributes.containsKey("syslog.parse_error"));
        // searchable by attribute, too
        vigil.awaitHits("service:" + service + " msgid:CHECKOUT", 1);
        vigil.awaitHits("service:" + service + " sd.order@32473.id:A-17", 1);
    }

    private void rfc3164(String service, String... framing) {
        List<String> args = new ArrayList<>(List.of("--rfc3164"));
        args.addAll(List.of(framing));
        args.addAll(List.of("-n", "127.0.0.1", "-t", service, "-i", "-p", "daemon.warning", "disk almost full on " + service));
        logger(args.toArray(String[]::new));
        JsonObject hit = one(service);
        assertEquals("disk almost full on " + service, hit.getString("message"));
        assertEquals("warn", hit.getString("level"));
        assertRecent(hit);
        JsonObject attributes = hit.getJsonObject("attributes");
        assertEquals("daemon", attributes.getString("facility"));
        assertEquals("warning", attributes.getString("severity"));
        assertTrue(attributes.getString("procid", "").matches("\\d+"), () -> "procid: " + attributes);
        assertTrue(!attributes.containsKey("syslog.parse_error"));
    }

    private String tcp() {
        return String.valueOf(vigil.tcpPort());
    }

    private String udp() {
        return String.valueOf(vigil.udpPort());
    }

    @Test
    void rfc5424OverTcpWithOctetCounting() {
        rfc5424("l5424-octets", "-T", "-P", tcp(), "--octet-count");
    }

    @Test
    void rfc5424OverTcpWithNewlineFraming() {
        rfc5424("l5424-newline", "-T", "-P", tcp());
    }

    @Test
    void rfc5424OverUdp() {
        rfc5424("l5424-udp", "-d", "-P", udp());
    }

    @Test
    void rfc3164OverTcpWithNewlineFraming() {
        rfc3164("l3164-newline", "-T", "-P", tcp());
    }

    @Test
    void rfc3164OverTcpWithOctetCounting() {
        rfc3164("l3164-octets", "-T", "-P", tcp(), "--octet-count");
    }

    @Test
    void rfc3164OverUdp() {
        rfc3164("l3164-udp", "-d", "-P", udp());
    }

    @Test
    void manyLinesOverOneConnectionAreAllStoredInOrder(@TempDir Path dir) throws IOException {
        String service = "l5424-file";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            lines.add("line " + i + " of the file");
        }
        Path file = dir.resolve("lines.txt");
        Files.write(file, lines);
        logger("--rfc5424", "--octet-count", "-T", "-n", "127.0.0.1", "-P", tcp(), "-t", service, "-p", "user.debug", "-f", file.toString());
        JsonArray hits = vigil.awaitHits("service:" + service, 2500);
        JsonObject newest = hits.getJsonObject(0);
        assertEquals("debug", newest.getString("level"));
        vigil.awaitHits("service:" + service + " 2499", 1);
        vigil.awaitHits("service:" + service + " 0", 1);
    }
}
