package dev.vigil.api.receivers;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real rsyslogd (8.2302, unpacked by {@code .ci/run} into {@code .clients/rsyslog/root} because its
 * Debian package conflicts with syslog-ng's) run unprivileged in the foreground with its own
 * configuration, work directory and pid file under a test's temporary directory.
 *
 * <p>The binary is found under {@code $VIGIL_RSYSLOG_ROOT}, else under {@code ../.clients/rsyslog/root}
 * seen from the module directory (where Surefire runs). When it is missing the test fails with
 * {@code CI=true} and is skipped otherwise, so a developer without the client is told what to run.
 *
 * <p>Configurations must not load imuxsock or imklog (they need the system's log socket and kernel
 * log) and should bind their inputs to named rulesets, so that rsyslogd's own start and stop
 * messages are not forwarded along with the test's lines.
 *
 * <p>Not thread-safe: one test thread starts, inspects and stops a daemon.
 */
public final class RsyslogDaemon implements AutoCloseable {
    static final String INSTALL = "run .ci/run, or: mkdir -p .clients/rsyslog/debs && cd .clients/rsyslog/debs"
            + " && apt-get download rsyslog rsyslog-elasticsearch && for d in *.deb; do dpkg -x $d ../root; done"
            + " (its libraries: apt-get install -y libestr0 libfastjson4 liblognorm5 libcurl4 libzstd1)";

    private final Process process;
    private final Path output;

    private RsyslogDaemon(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** The directory holding {@code usr/sbin/rsyslogd}; fails (CI) or skips the test when it is absent. */
    public static Path root() {
        String configured = System.getenv("VIGIL_RSYSLOG_ROOT");
        Path root = Path.of(configured != null && !configured.isBlank() ? configured : "../.clients/rsyslog/root")
                .toAbsolutePath().normalize();
        if (!Files.isExecutable(root.resolve("usr/sbin/rsyslogd"))
                || !Files.isDirectory(moduleDirectory(root))) {
            String message = "rsyslogd is not unpacked in " + root + "; " + INSTALL;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return root;
    }

    private static Path moduleDirectory(Path root) {
        return root.resolve("usr/lib/x86_64-linux-gnu/rsyslog");
    }

    /**
     * Writes {@code config} to {@code work/rsyslog.conf}, has rsyslogd check it ({@code -N1}, failing
     * the test with rsyslogd's complaint), then starts the daemon. The configuration should set
     * {@code global(workDirectory=...)} to {@link #spoolDirectory(Path)}, which this method creates.
     */
    public static RsyslogDaemon start(Path work, String config) throws IOException, InterruptedException {
        Path root = root();
        Files.createDirectories(spoolDirectory(work));
        Path conf = work.resolve("rsyslog.conf");
        Files.writeString(conf, config);
        String binary = root.resolve("usr/sbin/rsyslogd").toString();
        String modules = moduleDirectory(root).toString();
        Path check = work.resolve("rsyslog-check.out");
        Process checker = new ProcessBuilder(binary, "-N1", "-f", conf.toString(), "-M", modules)
                .redirectErrorStream(true).redirectOutput(check.toFile()).start();
        if (!checker.waitFor(20, TimeUnit.SECONDS)) {
            checker.destroyForcibly();
            fail("rsyslogd -N1 did not finish within 20 s");
        }
        if (checker.exitValue() != 0) {
            fail("rsyslogd rejects the configuration (exit " + checker.exitValue() + "):\n" + Files.readString(check)
                    + "\nconfiguration:\n" + config);
        }
        Path output = work.resolve("rsyslog.out");
        Process process = new ProcessBuilder(List.of(binary, "-n", "-f", conf.toString(), "-i", work.resolve("rsyslog.pid").toString(),
                "-M", modules)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new RsyslogDaemon(process, output);
    }

    /** The directory to name in {@code global(workDirectory=...)}: imfile's state files and queues go there. */
    public static Path spoolDirectory(Path work) {
        return work.resolve("spool");
    }

    /** Appends lines (each ended by LF, UTF-8) to a file an imfile input follows. */
    public static void append(Path file, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What rsyslogd wrote to stdout and stderr so far, for failure messages. */
    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "(no output)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Describes the daemon for a failure message: whether it runs and what it said. */
    public String describe() {
        return "rsyslogd " + (process.isAlive() ? "running" : "exited with " + process.exitValue()) + "; its output:\n" + output();
    }

    /** Stops rsyslogd (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
