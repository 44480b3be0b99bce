package dev.vigil.api.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.index.IndexConfig;
import dev.vigil.ingest.journal.Durability;
import dev.vigil.ingest.journal.JournalConfig;

/**
 * Everything a Vigil server is configured with. Defaults suit a single machine; a properties file
 * ({@code vigil serve --config vigil.properties}) overrides them, and command-line options
 * override the file. Keys are the record's component names in kebab case, e.g.
 * {@code refresh-interval=250ms}.
 *
 * @param dataDir         journal and index live under it
 * @param host            address to bind
 * @param port            HTTP port (0 picks a free one)
 * @param durability      when an acknowledged batch counts as safe (see {@link Durability})
 * @param fsyncInterval   flush period for {@code fsync_periodic}
 * @param refreshInterval how soon acknowledged events become searchable
 * @param commitInterval  how often the index commits (bounds replay after a crash)
 * @param bodyLimitBytes  largest request body accepted (larger gets 413)
 * @param receivers       ports of the syslog and GELF receivers (off by default)
 */
public record VigilConfig(Path dataDir, String host, int port, Durability durability, Duration fsyncInterval,
                          Duration refreshInterval, Duration commitInterval, long bodyLimitBytes, ReceiverPorts receivers) {

    public static final int DEFAULT_PORT = 8686;
    public static final long DEFAULT_BODY_LIMIT = 16L * 1024 * 1024;

    public static VigilConfig defaults() {
        return new VigilConfig(Path.of("vigil-data"), "0.0.0.0", DEFAULT_PORT, Durability.PAGE_CACHE, Duration.ofSeconds(1),
                Duration.ofMillis(250), Duration.ofSeconds(15), DEFAULT_BODY_LIMIT, ReceiverPorts.off());
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

    public VigilConfig with(String key, String value) {
        return switch (key) {
            case "data-dir" -> new VigilConfig(Path.of(value), host, port, durability, fsyncInterval, refreshInterval, commitInterval, bodyLimitBytes, receivers);
            case "host" -> new VigilConfig(dataDir, value, port, durability, fsyncInterval, refreshInterval, commitInterval, bodyLimitBytes, receivers);
            case "port" -> new VigilConfig(dataDir, host, Integer.parseInt(value), durability, fsyncInterval, refreshInterval, commitInterval, bodyLimitBytes, receivers);
            case "durability" -> new VigilConfig(dataDir, host, port, Durability.parse(value), fsyncInterval, refreshInterval, commitInterval, bodyLimitBytes, receivers);
            case "fsync-interval" -> new VigilConfig(dataDir, host, port, durability, duration(value), refreshInterval, commitInterval, bodyLimitBytes, receivers);
            case "refresh-interval" -> new VigilConfig(dataDir, host, port, durability, fsyncInterval, duration(value), commitInterval, bodyLimitBytes, receivers);
            case "commit-interval" -> new VigilConfig(dataDir, host, port, durability, fsyncInterval, refreshInterval, duration(value), bodyLimitBytes, receivers);
            case "body-limit" -> new VigilConfig(dataDir, host, port, durability, fsyncInterval, refreshInterval, commitInterval, bytes(value), receivers);
            default -> {
                ReceiverPorts ports = receivers.with(key, value);
                if (ports == null) {
                    throw new IllegalArgumentException("unknown setting; known: data-dir, host, port, durability, fsync-interval, "
                            + "refresh-interval, commit-interval, body-limit, syslog-tcp-port, syslog-udp-port, gelf-tcp-port, gelf-udp-port");
                }
                yield new VigilConfig(dataDir, host, port, durability, fsyncInterval, refreshInterval, commitInterval, bodyLimitBytes, ports);
            }
        };
    }

    public PipelineConfig pipeline() {
        return new PipelineConfig(
                new JournalConfig(dataDir.resolve("journal"), durability, fsyncInterval, 4096),
                new IndexConfig(dataDir.resolve("index"), refreshInterval, commitInterval, 64));
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

    /** {@code 16MiB}, {@code 512KiB}, {@code 1048576}. */
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
            }
            String number = multiplier == 1 ? t : t.substring(0, t.length() - 1);
            return Long.parseLong(number.trim()) * multiplier;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write e.g. 16MiB, 512KiB or a byte count");
        }
    }
}
