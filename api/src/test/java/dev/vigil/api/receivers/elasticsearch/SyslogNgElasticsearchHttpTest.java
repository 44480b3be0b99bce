package dev.vigil.api.receivers.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * syslog-ng's {@code elasticsearch-http()} destination (Debian: syslog-ng-core, syslog-ng-mod-http,
 * syslog-ng-scl) with its default template, run unprivileged in the foreground with its own
 * files, forwards lines sent to its local TCP source into Vigil's {@code _bulk}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SyslogNgElasticsearchHttpTest {
    static final String INSTALL = "apt-get install -y syslog-ng-core syslog-ng-mod-http syslog-ng-scl";

    @Test
    void linesArriveThroughElasticsearchHttp(@TempDir Path dir) throws Exception {
        String binary = findSyslogNg();
        if (!Files.exists(Path.of("/usr/share/syslog-ng/include/scl/elasticsearch/elastic-http.conf"))
                || !Files.exists(Path.of("/usr/lib/syslog-ng/3.38/libhttp.so")) && !hasHttpModule()) {
            fail("syslog-ng's http module or scl is missing; install it with: " + INSTALL);
        }
        try (EsTestNode node = EsTestNode.start(dir.resolve("vigil"))) {
            int sourcePort = freePort();
            Path conf = dir.resolve("syslog-ng.conf");
            Files.writeString(conf, "@version: 3.38\n@include \"scl.conf\"\n"
                    + "options { stats_freq(0); keep_hostname(yes); };\n"
                    + "source s_in { network(ip(\"127.0.0.1\") port(" + sourcePort + ") transport(\"tcp\")); };\n"
                    + "destination d_vigil { elasticsearch-http(url(\"" + node.base + "/_bulk\") index(\"syslog-ng-it\") type(\"\")"
                    + " batch-lines(10) batch-timeout(200) workers(1)); };\n"
                    + "log { source(s_in); destination(d_vigil); };\n");
            Path log = dir.resolve("syslog-ng.out");
            Process process = new ProcessBuilder(binary, "-F", "-f", conf.toString(), "-R", dir.resolve("persist").toString(),
                    "-p", dir.resolve("pid").toString(), "-c", dir.resolve("ctl").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                String program = "sng" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    sent.add("payment " + i + " settled via syslog-ng");
                }
                String stamp = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH).withZone(ZoneId.systemDefault())
                        .format(Instant.now());
                try (Socket socket = connect(sourcePort, process, log)) {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < sent.size(); i++) {
                        int priority = i == 4 ? 11 : 14; // user.err, user.info
                        out.write(("<" + priority + ">" + stamp + " test-host " + program + "[42]: " + sent.get(i) + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    out.flush();
                }
                List<JsonObject> hits = node.awaitLogs("service:" + program, sent.size(), Duration.ofSeconds(30));
                assertEquals(sent, hits.stream().map(h -> h.getString("message")).toList(),
                        () -> "syslog-ng output: " + read(log));
                for (int i = 0; i < hits.size(); i++) {
                    JsonObject hit = hits.get(i);
                    assertEquals("test-host", hit.getString("host"));
                    assertEquals(i == 4 ? "error" : "info", hit.getString("level"));
                    JsonObject attributes = hit.getJsonObject("attributes");
                    assertEquals("syslog-ng-it", attributes.getString("index"));
                    assertEquals("42", attributes.getString("PID"));
                    assertEquals("user", attributes.getString("FACILITY"));
                    assertEquals(20, attributes.getString("_id").length(), "a generated id: " + attributes);
                }
                assertTrue(process.isAlive(), () -> "syslog-ng exited: " + read(log));
            } finally {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static boolean hasHttpModule() throws IOException {
        try (var files = Files.walk(Path.of("/usr/lib/syslog-ng"), 3)) {
            return files.anyMatch(p -> p.getFileName().toString().equals("libhttp.so"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String findSyslogNg() {
        for (String candidate : List.of("/usr/sbin/syslog-ng", "/usr/bin/syslog-ng", "/sbin/syslog-ng")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        fail("syslog-ng is not installed; install it with: " + INSTALL);
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Connects once syslog-ng listens, with a deadline. */
    private static Socket connect(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return new Socket("127.0.0.1", port);
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    fail("syslog-ng did not listen on " + port + " (alive=" + process.isAlive() + "): " + read(log));
                }
                Thread.sleep(100);
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
