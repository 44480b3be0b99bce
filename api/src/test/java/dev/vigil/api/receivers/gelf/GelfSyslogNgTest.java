package dev.vigil.api.receivers.gelf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real client: syslog-ng 3.38's {@code graylog2()} destination (SCL), over TCP (NUL-framed)
 * and UDP, forwarding lines it reads from local files to a real node; then Vigil is searched for
 * exactly those lines. Needs {@code apt-get install -y syslog-ng-core syslog-ng-scl}.
 */
class GelfSyslogNgTest {
    private static final Path SYSLOG_NG = Path.of("/usr/sbin/syslog-ng");
    private static final Path GRAYLOG2_SCL = Path.of("/usr/share/syslog-ng/include/scl/graylog2/plugin.conf");

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void syslogNgGraylog2DestinationDeliversOverTcpAndUdp() throws Exception {
        if (!Files.isExecutable(SYSLOG_NG) || !Files.exists(GRAYLOG2_SCL)) {
            fail("syslog-ng with its graylog2() SCL is not installed; run: apt-get install -y syslog-ng-core syslog-ng-scl");
        }
        String run = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
        String tcpProgram = "sngtcp" + run;
        String udpProgram = "sngudp" + run;
        Path tcpInput = work.resolve("tcp-input.log");
        Path udpInput = work.resolve("udp-input.log");
        Instant from = Instant.now().minusSeconds(60);
        try (GelfTestNode node = GelfTestNode.start(dataDir)) {
            List<String> tcpLines = new ArrayList<>();
            List<String> udpLines = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tcpLines.add("order " + i + " shipped via tcp (caf\u00e9)");
                udpLines.add("order " + i + " shipped via udp");
            }
            // Half written before syslog-ng starts, half while it follows the files.
            write(tcpInput, tcpProgram, tcpLines.subList(0, 5));
            write(udpInput, udpProgram, udpLines.subList(0, 5));
            Path config = work.resolve("syslog-ng.conf");
            Files.writeString(config, """
                    @version: 3.38
                    @include "scl.conf"
                    options { stats_freq(0); keep_hostname(yes); chain_hostnames(no); use_dns(no); time_reopen(1); };
                    source s_tcp { file("%s" follow_freq(0.1)); };
                    source s_udp { file("%s" follow_freq(0.1)); };
                    destination d_tcp { graylog2(host("127.0.0.1") port(%d) transport(tcp)); };
                    destination d_udp { graylog2(host("127.0.0.1") port(%d) transport(udp)); };
                    log { source(s_tcp); destination(d_tcp); };
                    log { source(s_udp); destination(d_udp); };
                    """.formatted(tcpInput, udpInput, node.tcpPort(), node.udpPort()));
            Path log = work.resolve("syslog-ng.out");
            Process syslogNg = new ProcessBuilder(SYSLOG_NG.toString(), "-F", "-e", "--no-caps", "-f", config.toString(),
                    "-R", work.resolve("syslog-ng.persist").toString(), "-p", work.resolve("syslog-ng.pid").toString(),
                    "-c", work.resolve("syslog-ng.ctl").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                GelfTestNode.pause(500);
                assertTrue(syslogNg.isAlive(), () -> "syslog-ng exited: " + read(log));
                write(tcpInput, tcpProgram, tcpLines.subList(5, 10));
                write(udpInput, udpProgram, udpLines.subList(5, 10));
                Instant to = Instant.now().plusSeconds(60);

                JsonArray tcpHits = awaitHits(node, "service:" + tcpProgram, from, to, 10, log);
                JsonArray udpHits = awaitHits(node, "service:" + udpProgram, from, to, 10, log);
                assertEquals(sorted(tcpLines), sorted(messages(tcpHits)));
                assertEquals(sorted(udpLines), sorted(messages(udpHits)));
                for (JsonArray hits : List.of(tcpHits, udpHits)) {
                    for (int i = 0; i < hits.size(); i++) {
                        JsonObject hit = hits.getJsonObject(i);
                        assertEquals("shop-01", hit.getString("host"), hit::encode);
                        String message = hit.getString("message");
                        int n = Integer.parseInt(message.split(" ")[1]);
                        // <11> is user.err, <14> user.info: graylog2() sends the syslog severity as level.
                        assertEquals(n % 2 == 0 ? "error" : "info", hit.getString("level"), hit::encode);
                        assertEquals("4242", hit.getJsonObject("attributes").getString("pid"), hit::encode);
                        assertEquals("user", hit.getJsonObject("attributes").getString("facility"), hit::encode);
                    }
                }
                // Nothing else arrived under those names, and nothing was refused.
                GelfTestNode.pause(300);
                assertEquals(10, node.search("service:" + tcpProgram, from, to).size());
                assertEquals(0.0, node.metric("vigil_receiver_events_total", "outcome", "rejected"), () -> read(log));
            } finally {
                syslogNg.destroy();
                if (!syslogNg.waitFor(10, TimeUnit.SECONDS)) {
                    syslogNg.destroyForcibly();
                }
            }
        }
    }

    private static JsonArray awaitHits(GelfTestNode node, String query, Instant from, Instant to, int expected, Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonArray hits = node.search(query, from, to);
        while (hits.size() < expected && System.nanoTime() < deadline) {
            GelfTestNode.pause(100);
            hits = node.search(query, from, to);
        }
        JsonArray last = hits;
        assertEquals(expected, hits.size(), () -> query + ": " + last.encodePrettily() + "\nsyslog-ng output:\n" + read(log));
        return hits;
    }

    private static void write(Path file, String program, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            int n = Integer.parseInt(line.split(" ")[1]);
            text.append(n % 2 == 0 ? "<11>" : "<14>").append("Nov 25 10:00:0").append(n).append(" shop-01 ").append(program)
                    .append("[4242]: ").append(line).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> messages(JsonArray hits) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            out.add(hits.getJsonObject(i).getString("message"));
        }
        return out;
    }

    private static List<String> sorted(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        copy.sort(null);
        return copy;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
