package dev.vigil.api.receivers.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.vigil.api.receivers.RsyslogDaemon;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * rsyslog 8.2302 (a real, independent syslog daemon; see {@link RsyslogDaemon}) reads lines that the
 * test appends to files with {@code imfile} and forwards them with {@code omfwd}: RFC 5424 with
 * octet counting over TCP, the traditional RFC 3164 format with newline framing over TCP, and both
 * RFC 5424 and the high-precision RFC 3164 format over UDP. Vigil is then searched for exactly the
 * lines sent, with their service, host, level, timestamp and attributes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RsyslogClientTest {
    private static final DateTimeFormatter RFC3339_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    private SyslogTestNode vigil;
    private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        RsyslogDaemon.root(); // fail or skip before starting a node
        vigil = new SyslogTestNode(dataDir);
    }

    @AfterAll
    void stop() throws Exception {
        if (vigil != null) {
            vigil.close();
        }
    }

    /** The shared head of every configuration: own spool, a fixed local hostname, no system inputs. */
    private static String head(Path work) {
        return "global(workDirectory=\"" + RsyslogDaemon.spoolDirectory(work) + "\" localHostname=\"rs-host\""
                + " parser.escapeControlCharactersOnReceive=\"off\")\n"
                + "module(load=\"imfile\")\n";
    }

    /**
     * RFC 5424 lines (structured data with escapes, non-ASCII text, some messages spanning two lines)
     * are parsed by rsyslog ({@code needParse}) and forwarded as {@code RSYSLOG_SyslogProtocol23Format}
     * with octet counting: everything rsyslog parsed arrives as it was written, and the LF inside a
     * message stays in it because octet counting, not the LF, ends the frame.
     */
    @Test
    void octetCountedRfc5424OverTcp(@TempDir Path work) throws Exception {
        String service = "rs5424-" + run;
        int count = 120;
        Path input = work.resolve("rfc5424.log");
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        List<String> lines = new ArrayList<>();
        Map<String, Instant> timestamps = new HashMap<>();
        List<String> messages = new ArrayList<>();
        int[] severities = {3, 4, 6};
        for (int i = 0; i < count; i++) {
            String message = "payment " + i + " settled caf\u00e9 \u00fc" + (i % 10 == 0 ? "\n  at continuation of " + i : "");
            Instant at = base.plusMillis(i).plusNanos(1_000L * i);
            int pri = 19 * 8 + severities[i % 3]; // local3
            lines.add("<" + pri + ">1 " + RFC3339_MICROS.format(OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(2)))
                    + " app-host-" + (i % 2) + " " + service + " " + (4000 + i) + " ORDER"
                    + " [order@32473 id=\"A-" + i + "\" note=\"say \\\"hi\\\" \\]\"][meta seq=\"" + i + "\"] " + message);
            messages.add(message);
            timestamps.put(message, at);
        }
        RsyslogDaemon.append(input, lines.subList(0, count / 2));
        String config = head(work)
                + "input(type=\"imfile\" File=\"" + input + "\" Tag=\"file\" needParse=\"on\" startmsg.regex=\"^<\" escapeLF=\"off\""
                + " readTimeout=\"1\" ruleset=\"toVigil\")\n"
                + "ruleset(name=\"toVigil\") {\n"
                + "  action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + vigil.tcpPort() + "\" protocol=\"tcp\"\n"
                + "         TCP_Framing=\"octet-counted\" template=\"RSYSLOG_SyslogProtocol23Format\"\n"
                + "         queue.type=\"LinkedList\" queue.filename=\"fwd_vigil\" queue.saveOnShutdown=\"on\"\n"
                + "         action.resumeRetryCount=\"-1\")\n"
                + "}\n";
        try (RsyslogDaemon rsyslog = RsyslogDaemon.start(work, config)) {
            awaitSome(rsyslog, "service:" + service);
            RsyslogDaemon.append(input, lines.subList(count / 2, count));
            JsonArray hits = awaitExactly(rsyslog, "service:" + service, count);
            assertEquals(sorted(messages), sorted(messagesOf(hits)), "exactly the messages written, multi-line ones whole");
            for (int h = 0; h < hits.size(); h++) {
                JsonObject hit = hits.getJsonObject(h);
                String message = hit.getString("message");
                int i = Integer.parseInt(message.split(" ")[1]);
                JsonObject attributes = hit.getJsonObject("attributes");
                assertEquals(timestamps.get(message), Instant.parse(hit.getString("timestamp")), "microseconds and +02:00 kept: " + hit);
                assertEquals("app-host-" + (i % 2), hit.getString("host"), hit::encode);
                assertEquals(new String[] {"error", "warn", "info"}[i % 3], hit.getString("level"), hit::encode);
                assertEquals("local3", attributes.getString("facility"), hit::encode);
                assertEquals(Integer.toString(4000 + i), attributes.getString("procid"), hit::encode);
                assertEquals("ORDER", attributes.getString("msgid"), hit::encode);
                assertEquals("A-" + i, attributes.getString("sd.order@32473.id"), hit::encode);
                assertEquals("say \"hi\" ]", attributes.getString("sd.order@32473.note"), hit::encode);
                assertEquals(Integer.toString(i), attributes.getString("sd.meta.seq"), hit::encode);
                assertFalse(attributes.containsKey("syslog.parse_error"), hit::encode);
            }
            assertEquals(1, vigil.search("service:" + service + " sd.order@32473.id:A-17").getLong("total"),
                    "structured data is searchable");
            assertTrue(rsyslog.isAlive(), rsyslog::describe);
        }
    }

    /**
     * Plain lines forwarded in rsyslog's default TCP form: {@code RSYSLOG_TraditionalForwardFormat}
     * (RFC 3164: {@code Mmm dd hh:mm:ss}, host, {@code tag[pid]:}) with newline framing.
     */
    @Test
    void newlineFramedRfc3164OverTcp(@TempDir Path work) throws Exception {
        String service = "rsbsd-" + run;
        int count = 150;
        Path input = work.resolve("rfc3164.log");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("disk " + i + " almost full on /var (caf\u00e9) [x] key=value: done");
        }
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RsyslogDaemon.append(input, lines.subList(0, count / 2));
        String config = head(work)
                + "input(type=\"imfile\" File=\"" + input + "\" Tag=\"" + service + "[77]:\" Facility=\"local2\" Severity=\"warning\""
                + " ruleset=\"toVigil\")\n"
                + "ruleset(name=\"toVigil\") {\n"
                + "  action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + vigil.tcpPort() + "\" protocol=\"tcp\"\n"
                + "         template=\"RSYSLOG_TraditionalForwardFormat\")\n"
                + "}\n";
        try (RsyslogDaemon rsyslog = RsyslogDaemon.start(work, config)) {
            awaitSome(rsyslog, "service:" + service);
            RsyslogDaemon.append(input, lines.subList(count / 2, count));
            JsonArray hits = awaitExactly(rsyslog, "service:" + service, count);
            Instant after = Instant.now().plusSeconds(1);
            assertEquals(sorted(lines), sorted(messagesOf(hits)), "exactly the lines written, without the separating space");
            for (int h = 0; h < hits.size(); h++) {
                JsonObject hit = hits.getJsonObject(h);
                JsonObject attributes = hit.getJsonObject("attributes");
                assertEquals("rs-host", hit.getString("host"), hit::encode);
                assertEquals("warn", hit.getString("level"), hit::encode);
                assertEquals("local2", attributes.getString("facility"), hit::encode);
                assertEquals("warning", attributes.getString("severity"), hit::encode);
                assertEquals("77", attributes.getString("procid"), hit::encode);
                assertFalse(attributes.containsKey("syslog.parse_error"), hit::encode);
                Instant at = Instant.parse(hit.getString("timestamp"));
                assertTrue(!at.isBefore(before) && at.isBefore(after),
                        () -> "the zone-less BSD timestamp read in this host's zone: " + at + " not in [" + before + ", " + after + ")");
            }
            assertTrue(rsyslog.isAlive(), rsyslog::describe);
        }
    }

    /** Two files forwarded over UDP, one as RFC 5424 and one as RFC 3164 with an RFC 3339 timestamp. */
    @Test
    void udpInBothFormats(@TempDir Path work) throws Exception {
        String modern = "rsudp5424-" + run;
        String bsd = "rsudpbsd-" + run;
        int count = 100;
        Path modernInput = work.resolve("udp-5424.log");
        Path bsdInput = work.resolve("udp-3164.log");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("datagram " + i + " of " + count + " \u00e9t\u00e9");
        }
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RsyslogDaemon.append(modernInput, lines);
        RsyslogDaemon.append(bsdInput, lines);
        String config = head(work)
                + "input(type=\"imfile\" File=\"" + modernInput + "\" Tag=\"" + modern + "\" Facility=\"daemon\" Severity=\"err\""
                + " ruleset=\"modern\")\n"
                + "input(type=\"imfile\" File=\"" + bsdInput + "\" Tag=\"" + bsd + ":\" Facility=\"user\" Severity=\"debug\""
                + " ruleset=\"bsd\")\n"
                + "ruleset(name=\"modern\") {\n"
                + "  action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + vigil.udpPort() + "\" protocol=\"udp\"\n"
                + "         template=\"RSYSLOG_SyslogProtocol23Format\")\n"
                + "}\n"
                + "ruleset(name=\"bsd\") {\n"
                + "  action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + vigil.udpPort() + "\" protocol=\"udp\"\n"
                + "         template=\"RSYSLOG_ForwardFormat\")\n"
                + "}\n";
        try (RsyslogDaemon rsyslog = RsyslogDaemon.start(work, config)) {
            Map<String, String> levels = Map.of(modern, "error", bsd, "debug");
            Map<String, String> facilities = Map.of(modern, "daemon", bsd, "user");
            for (String service : List.of(modern, bsd)) {
                JsonArray hits = awaitExactly(rsyslog, "service:" + service, count);
                Instant after = Instant.now().plusSeconds(1);
                assertEquals(sorted(lines), sorted(messagesOf(hits)), service);
                for (int h = 0; h < hits.size(); h++) {
                    JsonObject hit = hits.getJsonObject(h);
                    assertEquals("rs-host", hit.getString("host"), hit::encode);
                    assertEquals(levels.get(service), hit.getString("level"), hit::encode);
                    assertEquals(facilities.get(service), hit.getJsonObject("attributes").getString("facility"), hit::encode);
                    assertFalse(hit.getJsonObject("attributes").containsKey("syslog.parse_error"), hit::encode);
                    Instant at = Instant.parse(hit.getString("timestamp"));
                    assertTrue(!at.isBefore(before) && at.isBefore(after), () -> at + " not in [" + before + ", " + after + ")");
                }
            }
            assertEquals(0, vigil.metric("vigil_receiver_rejected_total", "protocol=\"syslog\",reason=\"overloaded\""),
                    "no datagram dropped");
            assertTrue(rsyslog.isAlive(), rsyslog::describe);
        }
    }

    /** Waits (20 s) for a first hit, failing with rsyslogd's own output (a bad module, a refused connection). */
    private void awaitSome(RsyslogDaemon rsyslog, String query) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (vigil.search(query).getLong("total") == 0) {
            if (!rsyslog.isAlive() || System.nanoTime() > deadline) {
                fail("nothing arrived for '" + query + "'; " + rsyslog.describe());
            }
            SyslogTestNode.sleep(100);
        }
    }

    private JsonArray awaitExactly(RsyslogDaemon rsyslog, String query, int count) {
        try {
            return vigil.awaitHits(query, count);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + rsyslog.describe(), e);
        }
    }

    private static List<String> messagesOf(JsonArray hits) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            messages.add(hits.getJsonObject(i).getString("message"));
        }
        return messages;
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
