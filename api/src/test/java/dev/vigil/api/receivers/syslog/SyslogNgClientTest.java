package dev.vigil.api.receivers.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * syslog-ng 3.38 (a real, independent syslog sender) forwards lines it reads from files with its
 * {@code syslog()} driver (RFC 5424, octet counting over TCP) and its {@code network()} driver
 * (RFC 3164, newline framing over TCP, and over UDP). Needs
 * {@code apt-get install -y syslog-ng-core syslog-ng-scl}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SyslogNgClientTest {

    @Test
    void syslogNgDeliversOverEveryTransport(@TempDir Path dataDir, @TempDir Path work) throws Exception {
        try (SyslogTestNode vigil = new SyslogTestNode(dataDir)) {
            int lines = 300;
            String[] services = {"ng-5424-tcp", "ng-3164-tcp", "ng-3164-udp"};
            StringBuilder config = new StringBuilder("@version: 3.38\n@include \"scl.conf\"\noptions { stats_freq(0); };\n");
            String[] destinations = {
                "syslog(\"127.0.0.1\" transport(\"tcp\") port(" + vigil.tcpPort() + ") persist-name(\"vigil0\"))",
                "network(\"127.0.0.1\" transport(\"tcp\") port(" + vigil.tcpPort() + ") persist-name(\"vigil1\"))",
                "network(\"127.0.0.1\" transport(\"udp\") port(" + vigil.udpPort() + ") persist-name(\"vigil2\"))",
            };
            for (int s = 0; s < services.length; s++) {
                List<String> text = new ArrayList<>();
                for (int i = 0; i < lines; i++) {
                    text.add("event " + i + " via " + services[s]);
                }
                Path input = work.resolve("input-" + s + ".log");
                Files.write(input, text);
                config.append("source s").append(s).append(" { file(\"").append(input).append("\" follow-freq(0.1) flags(no-parse) ")
                        .append("program-override(\"").append(services[s]).append("\") host-override(\"ng-host\") ")
                        .append("default-facility(local2) default-priority(warning)); };\n");
                config.append("destination d").append(s).append(" { ").append(destinations[s]).append("; };\n");
                config.append("log { source(s").append(s).append("); destination(d").append(s).append("); };\n");
            }
            Path conf = work.resolve("syslog-ng.conf");
            Files.writeString(conf, config);
            Process syslogNg = start(work, conf);
            try {
                awaitFirst(vigil, syslogNg, work);
                for (String service : services) {
                    JsonArray hits = vigil.awaitHits("service:" + service, lines);
                    JsonObject hit = hits.getJsonObject(0);
                    assertEquals("ng-host", hit.getString("host"));
                    assertEquals("warn", hit.getString("level"));
                    assertEquals("local2", hit.getJsonObject("attributes").getString("facility"));
                    assertEquals("warning", hit.getJsonObject("attributes").getString("severity"));
                    assertTrue(!hit.getJsonObject("attributes").containsKey("syslog.parse_error"), () -> hit.encode());
                    assertEquals(1, vigil.search("service:" + service + " \"event 123 via\"").getLong("total"));
                }
                JsonObject rfc5424 = vigil.awaitHits("service:ng-5424-tcp \"event 7 via\"", 1).getJsonObject(0);
                assertEquals("event 7 via ng-5424-tcp", rfc5424.getString("message"), "the LF inside the octet count is not kept");
                assertEquals("8", rfc5424.getJsonObject("attributes").getString("sd.meta.sequenceId"));
                assertEquals("event 7 via ng-3164-udp",
                        vigil.awaitHits("service:ng-3164-udp \"event 7 via\"", 1).getJsonObject(0).getString("message"));
            } finally {
                syslogNg.destroy();
                if (!syslogNg.waitFor(10, TimeUnit.SECONDS)) {
                    syslogNg.destroyForcibly();
                }
            }
        }
    }

    /** Fails with syslog-ng's own output when nothing arrives (a bad configuration, a missing module). */
    private static void awaitFirst(SyslogTestNode vigil, Process syslogNg, Path work) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (vigil.search("service:ng-*").getLong("total") == 0) {
            if (!syslogNg.isAlive() || System.nanoTime() > deadline) {
                fail("nothing arrived from syslog-ng (alive: " + syslogNg.isAlive() + "); its output:\n"
                        + Files.readString(work.resolve("syslog-ng.out")));
            }
            SyslogTestNode.sleep(100);
        }
    }

    private static Process start(Path work, Path conf) throws IOException {
        List<String> command = List.of("syslog-ng", "-F", "-f", conf.toString(), "-R", work.resolve("persist").toString(),
                "-p", work.resolve("pid").toString(), "-c", work.resolve("ctl").toString());
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("syslog-ng.out").toFile()).start();
        } catch (IOException e) {
            fail("cannot run syslog-ng (install it with: apt-get install -y syslog-ng-core syslog-ng-scl): " + e.getMessage());
            throw e;
        }
    }
}
