package dev.vigil.api.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import dev.vigil.api.receivers.syslog.SyslogTcpReceiver;
import dev.vigil.ingest.DiskFloor;
import dev.vigil.ingest.DiskSpaceGuard;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.index.IndexConfig;
import dev.vigil.ingest.journal.Durability;
import dev.vigil.ingest.journal.JournalConfig;
import dev.vigil.reports.schedule.ReportSchedule;

/**
 * Everything a Vigil server is configured with. Defaults suit a single machine; a properties file
 * ({@code vigil serve --config vigil.properties}) overrides them, and command-line options
 * override the file. Keys are the record's component names in kebab case, e.g.
 * {@code refresh-interval=250ms}.
 *
 * @param dataDir          journal and index live under it
 * @param host             address to bind
 * @param port             HTTP port (0 picks a free one)
 * @param durability       when an acknowledged batch counts as safe (see {@link Durability})
 * @param fsyncInterval    flush period for {@code fsync_periodic}
 * @param refreshInterval  how soon acknowledged events become searchable
 * @param commitInterval   how often the index commits (bounds replay after a crash)
 * @param bodyLimitBytes   largest request body accepted, compressed or inflated (larger gets 413)
 * @param receivers        ports of the syslog and GELF receivers (off by default)
 * @param limits           line, label count and label value limits of the receivers that check them
 * @param syslogFrameLimit longest syslog TCP frame (message) in bytes
 * @param minFreeDisk      usable space the journal's disk must keep; below it ingest answers "retry later"
 * @param logTemplates     whether log events get their template id and parameters at index time
 *                         ({@code log-templates=on|off}); off only to measure what mining costs
 * @param anomalyStep      step of the live anomaly monitor ({@code anomaly-step}, default 1m; 0 turns
 *                         it off, past windows are then still scanned on request)
 * @param sloFile          YAML file of SLO definitions ({@code slo-file}), or null; SLOs created through the
 *                         API are kept under the data directory either way (see docs/slo.md)
 * @param probeFile        YAML file of uptime probes ({@code probe-file}), or null
 * @param alertsConfig     the alerting configuration file ({@code alerts-config}, YAML: rules, grouping,
 *                         notification targets; see docs/api.md), or null for rules made over the API only
 * @param reportSchedule   scheduled health reports ({@code report-schedule=daily,weekly}, {@code report-retention=14};
 *                         off by default), kept under {@code DATA_DIR/reports} (see docs/reports.md)
 * @param planFile         the system implementation plan Vigil keeps current ({@code plan-file}), or null for
 *                         {@code DATA_DIR/plan/SYSTEM_PLAN.md}; point it into a team's repository to keep it there
 */
public record VigilConfig(Path dataDir, String host, int port, Durability durability, Duration fsyncInterval,
                          Duration refreshInterval, Duration commitInterval, long bodyLimitBytes, ReceiverPorts receivers,
                          IngestLimits limits, int syslogFrameLimit, DiskFloor minFreeDisk, boolean logTemplates,
                          Duration anomalyStep, Path sloFile, Path probeFile, Path alertsConfig,
                          ReportSchedule reportSchedule, Path planFile) {

    public static final int DEFAULT_PORT = 8686;
    public static final long DEFAULT_BODY_LIMIT = 16L * 1024 * 1024;
    /** Lines longer than this could not become events anyway (the event model's message limit). */
    private static final long MAX_LINE_LIMIT = 1 << 20;
    private static final String KNOWN = "data-dir, host, port, durability, fsync-interval, refresh-interval, commit-interval, "
            + "body-limit, " + IngestLimits.LINE_SETTING + ", " + IngestLimits.LABELS_SETTING + ", " + IngestLimits.LABEL_VALUE_SETTING
            + ", " + SyslogTcpReceiver.FRAME_LIMIT_SETTING + ", " + DiskSpaceGuard.SETTING
            + ", log-templates, anomaly-step, slo-file, probe-file, alerts-config, "
            + ReportSchedule.SCHEDULE_SETTING + ", " + ReportSchedule.RETENTION_SETTING + ", plan-file, syslog-tcp-port, syslog-udp-port, gelf-tcp-port, gelf-udp-port";

    public static VigilConfig defaults() {
        return new VigilConfig(Path.of("vigil-data"), "0.0.0.0", DEFAULT_PORT, Durability.PAGE_CACHE, Duration.ofSeconds(1),
                Duration.ofMillis(250), Duration.ofSeconds(15), DEFAULT_BODY_LIMIT, ReceiverPorts.off(), IngestLimits.defaults(),
                SyslogTcpReceiver.MAX_FRAME_BYTES, DiskFloor.DEFAULT, true, Duration.ofMinutes(1), null, null, null,
                ReportSchedule.off(), null);
    }

    /** Reads overrides from a properties file; unknown keys are an error so typos don't go unnoticed. */
    public VigilConfig withFile(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        VigilConfig config = this;
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            try {
                config = config.with(key, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + key + ": " + e.getMessage(), e);
            }
        }
        return config;
    }

    /** This configuration with one setting changed; {@code key} is a setting name as in the properties file. */
    public VigilConfig with(String key, String value) {
        Path dataDir = this.dataDir;
        String host = this.host;
        int port = this.port;
        Durability durability = this.durability;
        Duration fsyncInterval = this.fsyncInterval;
        Duration refreshInterval = this.refreshInterval;
        Duration commitInterval = this.commitInterval;
        long bodyLimitBytes = this.bodyLimitBytes;
        ReceiverPorts receivers = this.receivers;
        IngestLimits limits = this.limits;
        int syslogFrameLimit = this.syslogFrameLimit;
        DiskFloor minFreeDisk = this.minFreeDisk;
        boolean logTemplates = this.logTemplates;
        Duration anomalyStep = this.anomalyStep;
        Path sloFile = this.sloFile;
        Path probeFile = this.probeFile;
        Path alertsConfig = this.alertsConfig;
        ReportSchedule reportSchedule = this.reportSchedule;
        Path planFile = this.planFile;
        switch (key) {
            case "data-dir" -> dataDir = Path.of(value);
            case "host" -> host = value;
            case "port" -> port = Integer.parseInt(value);
            case "durability" -> durability = Durability.parse(value);
            case "fsync-interval" -> fsyncInterval = duration(value);
            case "refresh-interval" -> refreshInterval = duration(value);
            case "commit-interval" -> commitInterval = duration(value);
            case "body-limit" -> bodyLimitBytes = positiveSize(value, Integer.MAX_VALUE - 16);
            case IngestLimits.LINE_SETTING -> limits = limits.withLineLength((int) positiveSize(value, MAX_LINE_LIMIT));
            case IngestLimits.LABELS_SETTING -> limits = limits.withLabels(positiveCount(value));
            case IngestLimits.LABEL_VALUE_SETTING -> limits = limits.withLabelValueLength((int) positiveSize(value, MAX_LINE_LIMIT));
            case SyslogTcpReceiver.FRAME_LIMIT_SETTING -> syslogFrameLimit = (int) positiveSize(value, Integer.MAX_VALUE - 16);
            case DiskSpaceGuard.SETTING -> minFreeDisk = diskFloor(value);
            case "log-templates" -> logTemplates = onOff(value);
            case "anomaly-step" -> anomalyStep = anomalyStep(value);
            case "slo-file" -> sloFile = value.isBlank() ? null : Path.of(value);
            case "probe-file" -> probeFile = value.isBlank() ? null : Path.of(value);
            case "alerts-config" -> alertsConfig = value.isBlank() ? null : Path.of(value);
            case ReportSchedule.SCHEDULE_SETTING -> reportSchedule = reportSchedule.withCadences(value);
            case ReportSchedule.RETENTION_SETTING -> reportSchedule = reportSchedule.withRetention(value);
            case "plan-file" -> planFile = value.isBlank() ? null : Path.of(value);
            default -> {
                receivers = receivers.with(key, value);
                if (receivers == null) {
                    throw new IllegalArgumentException("unknown setting; known: " + KNOWN);
                }
            }
        }
        return new VigilConfig(dataDir, host, port, durability, fsyncInterval, refreshInterval, commitInterval, bodyLimitBytes,
                receivers, limits, syslogFrameLimit, minFreeDisk, logTemplates, anomalyStep, sloFile, probeFile, alertsConfig, reportSchedule,
                planFile);
    }

    /** Where the system implementation plan is written: {@code plan-file}, or {@code DATA_DIR/plan/SYSTEM_PLAN.md}. */
    public Path planPath() {
        return planFile != null ? planFile : dataDir.resolve("plan").resolve("SYSTEM_PLAN.md");
    }

    /** {@code 0} (off) or a duration of at least one second. */
    private static Duration anomalyStep(String text) {
        Duration step = text.trim().equals("0") ? Duration.ZERO : duration(text);
        if (!step.isZero() && step.toMillis() < 1000) {
            throw new IllegalArgumentException("'" + text + "' is too small: use 0 (off) or at least 1s");
        }
        return step;
    }

    private static boolean onOff(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not on or off");
        };
    }

    public PipelineConfig pipeline() {
        return new PipelineConfig(
                new JournalConfig(dataDir.resolve("journal"), durability, fsyncInterval, 4096),
                new IndexConfig(dataDir.resolve("index"), refreshInterval, commitInterval, 64),
                PipelineConfig.DEFAULT_MAX_INDEX_LAG, minFreeDisk);
    }

    /** {@code 0} (off), a size ({@code 2GiB}), a percentage of the disk ({@code 5%}), or {@code 1GiB|5%}: the smaller. */
    public static DiskFloor diskFloor(String text) {
        String t = text.trim();
        try {
            if (t.equals("0")) {
                return DiskFloor.NONE;
            }
            int bar = t.indexOf('|');
            if (bar >= 0) {
                DiskFloor a = diskFloor(t.substring(0, bar));
                DiskFloor b = diskFloor(t.substring(bar + 1));
                return new DiskFloor(Math.max(a.bytes(), b.bytes()), Math.max(a.percent(), b.percent()));
            }
            if (t.endsWith("%")) {
                return DiskFloor.ofPercent(Double.parseDouble(t.substring(0, t.length() - 1).trim()));
            }
            return DiskFloor.ofBytes(bytes(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a disk floor; write e.g. 1GiB, 5%, 1GiB|5% (the smaller)"
                    + " or 0 to turn the check off");
        }
    }

    private static long positiveSize(String text, long max) {
        long value = bytes(text);
        if (value <= 0 || value > max) {
            throw new IllegalArgumentException("'" + text + "' is out of range: between 1 byte and " + max + " bytes");
        }
        return value;
    }

    private static int positiveCount(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a positive whole number");
    }

    /** {@code 250ms}, {@code 15s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT15S}). */
    public static Duration duration(String text) {
        Duration parsed = parseDuration(text);
        try {
            parsed.toNanos();
        } catch (ArithmeticException e) {
            // Every user of a duration works in nanoseconds; this one would overflow them.
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return parsed;
    }

    private static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 250ms, 15s, 5m, 1h");
        }
    }

    /** {@code 16MiB}, {@code 512KiB}, {@code 2GiB}, {@code 1TiB}, {@code 1048576}. */
    public static long bytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        try {
            long multiplier = 1;
            if (t.endsWith("K")) {
                multiplier = 1024;
            } else if (t.endsWith("M")) {
                multiplier = 1024 * 1024;
            } else if (t.endsWith("G")) {
                multiplier = 1024L * 1024 * 1024;
            } else if (t.endsWith("T")) {
                multiplier = 1024L * 1024 * 1024 * 1024;
            }
            String number = multiplier == 1 ? t : t.substring(0, t.length() - 1);
            return Math.multiplyExact(Long.parseLong(number.trim()), multiplier);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write e.g. 16MiB, 512KiB or a byte count");
        }
    }
}
