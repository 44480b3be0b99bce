package dev.vigil.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic synthetic access-log events as NDJSON lines in Vigil's native log format, e.g.
 *
 * <pre>
 * {"timestamp":1718000000000,"service":"catalog","host":"catalog-3","level":"info",
 *  "message":"GET /products/48213 200 23.4ms","attributes":{"method":"GET","route":"/products/{id}",
 *  "status":200,"duration_ms":23.4,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}}
 * </pre>
 *
 * (one line, about 250 bytes). Services, routes, status codes (about 90% 2xx, 6% 4xx, 4% 5xx,
 * with the level following the status) and log-normal durations are drawn from a seeded random
 * source, so a given seed always yields the same lines. Every line gets a distinct W3C-style
 * trace id, derived from a sequence number, so the index sees high-cardinality terms as it would
 * in production.
 *
 * <p>For load generation, {@link #template} renders lines once and records where each line's
 * timestamp and trace id sit; {@link Template#stamp} then produces a fresh body by copying the
 * bytes and overwriting those fixed-width fields, which costs far less than rendering JSON.
 *
 * <p>Not thread-safe (one instance per thread); {@link Template} is immutable and shareable.
 */
public final class AccessLogGenerator {
    /** Epoch milliseconds have 13 digits from 2001 to 2286. */
    public static final int TIMESTAMP_DIGITS = 13;
    public static final int TRACE_ID_HEX = 32;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private record Endpoint(String service, String method, String route, int weight, double medianMs) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("catalog", "GET", "/products/{id}", 30, 12),
            new Endpoint("catalog", "GET", "/products", 10, 25),
            new Endpoint("search", "GET", "/search", 14, 45),
            new Endpoint("cart", "GET", "/cart", 10, 8),
            new Endpoint("cart", "POST", "/cart/items", 8, 15),
            new Endpoint("cart", "DELETE", "/cart/items/{id}", 2, 10),
            new Endpoint("checkout", "POST", "/checkout", 4, 180),
            new Endpoint("checkout", "GET", "/orders/{id}", 6, 20),
            new Endpoint("payments", "POST", "/payments", 3, 250),
            new Endpoint("payments", "GET", "/payments/{id}", 2, 18),
            new Endpoint("auth", "POST", "/login", 4, 60),
            new Endpoint("auth", "POST", "/token/refresh", 5, 6),
            new Endpoint("users", "GET", "/users/{id}", 2, 9));
    private static final int TOTAL_WEIGHT = ENDPOINTS.stream().mapToInt(Endpoint::weight).sum();
    private static final int HOSTS_PER_SERVICE = 6;

    private final SplittableRandom random;

    public AccessLogGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One NDJSON line (with its trailing newline) for the given time and trace sequence number. */
    public String line(long timestampMillis, long traceSeq) {
        StringBuilder out = new StringBuilder(300);
        appendLine(out, timestampMillis, traceId(traceSeq));
        return out.toString();
    }

    /** A body of {@code lines} NDJSON lines with trace sequence numbers {@code firstSeq, firstSeq + 1, ...}. */
    public byte[] body(int lines, long timestampMillis, long firstSeq) {
        StringBuilder out = new StringBuilder(lines * 260);
        for (int i = 0; i < lines; i++) {
            appendLine(out, timestampMillis, traceId(firstSeq + i));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Renders {@code lines} lines once, remembering where each timestamp and trace id is. */
    public Template template(int lines) {
        StringBuilder out = new StringBuilder(lines * 260);
        int[] timestampAt = new int[lines];
        int[] traceAt = new int[lines];
        String placeholderTrace = "0".repeat(TRACE_ID_HEX);
        for (int i = 0; i < lines; i++) {
            int start = out.length();
            appendLine(out, 1_000_000_000_000L, placeholderTrace);
            // The line is pure ASCII (all generated text is), so char offsets are byte offsets.
            timestampAt[i] = out.indexOf("\"timestamp\":", start) + "\"timestamp\":".length();
            traceAt[i] = out.indexOf("\"trace_id\":\"", start) + "\"trace_id\":\"".length();
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.US_ASCII);
        return new Template(bytes, timestampAt, traceAt);
    }

    /**
     * One access-log event as fields, for encoders of other wire formats: the same random draws,
     * in the same order, as a rendered NDJSON line.
     */
    public AccessLog event(long timestampMillis, long traceSeq) {
        return next(timestampMillis, traceId(traceSeq));
    }

    /**
     * One access-log event as fields.
     *
     * @param durationMs the duration as rendered, one decimal ({@code "23.4"})
     */
    public record AccessLog(long timestampMillis, String service, String host, String level, String message,
                            String method, String route, int status, String durationMs, String traceId) {
    }

    private AccessLog next(long timestampMillis, String traceId) {
        Endpoint endpoint = pickEndpoint();
        String path = endpoint.route();
        int brace = path.indexOf('{');
        if (brace >= 0) {
            path = path.substring(0, brace) + (1 + random.nextInt(99_999));
        }
        int status = status(endpoint);
        String level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
        double duration = endpoint.medianMs() * Math.exp(0.6 * gaussian());
        if (status >= 500 && random.nextInt(3) == 0) {
            duration = 1000 + random.nextInt(29_000); // upstream timeouts
        }
        String ms = String.format(Locale.ROOT, "%.1f", duration);
        String host = endpoint.service() + "-" + (1 + random.nextInt(HOSTS_PER_SERVICE));
        String message = endpoint.method() + ' ' + path + ' ' + status + ' ' + ms + "ms";
        return new AccessLog(timestampMillis, endpoint.service(), host, level, message, endpoint.method(), endpoint.route(),
                status, ms, traceId);
    }

    private void appendLine(StringBuilder out, long timestampMillis, String traceId) {
        AccessLog e = next(timestampMillis, traceId);
        out.append("{\"timestamp\":").append(e.timestampMillis())
                .append(",\"service\":\"").append(e.service())
                .append("\",\"host\":\"").append(e.host())
                .append("\",\"level\":\"").append(e.level())
                .append("\",\"message\":\"").append(e.message())
                .append("\",\"attributes\":{\"method\":\"").append(e.method())
                .append("\",\"route\":\"").append(e.route())
                .append("\",\"status\":").append(e.status())
                .append(",\"duration_ms\":").append(e.durationMs())
                .append(",\"trace_id\":\"").append(e.traceId())
                .append("\"}}\n");
    }

    private Endpoint pickEndpoint() {
        int r = random.nextInt(TOTAL_WEIGHT);
        for (Endpoint endpoint : ENDPOINTS) {
            r -= endpoint.weight();
            if (r < 0) {
                return endpoint;
            }
        }
        return ENDPOINTS.get(0);
    }

    private int status(Endpoint endpoint) {
        int r = random.nextInt(1000);
        if (r < 900) {
            return endpoint.method().equals("POST") ? 201 : endpoint.method().equals("DELETE") ? 204 : 200;
        } else if (r < 940) {
            return 404;
        } else if (r < 955) {
            return 400;
        } else if (r < 960) {
            return 429;
        } else if (r < 985) {
            return 500;
        } else if (r < 995) {
            return 503;
        }
        return 502;
    }

    private double gaussian() {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** A 32-hex-digit trace id that looks random but is a bijection of {@code seq}. */
    public static String traceId(long seq) {
        byte[] out = new byte[TRACE_ID_HEX];
        writeTraceId(out, 0, seq);
        return new String(out, StandardCharsets.US_ASCII);
    }

    static void writeTraceId(byte[] out, int at, long seq) {
        writeHex(out, at, mix(seq));
        writeHex(out, at + 16, mix(seq ^ 0x5DEECE66DL) ^ seq);
    }

    private static void writeHex(byte[] out, int at, long value) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /** SplitMix64's finaliser: a bijection on longs with good avalanche. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Pre-rendered lines with the positions of their fixed-width timestamp and trace id. */
    public static final class Template {
        private final byte[] bytes;
        private final int[] timestampAt;
        private final int[] traceAt;

        Template(byte[] bytes, int[] timestampAt, int[] traceAt) {
            this.bytes = bytes;
            this.timestampAt = timestampAt;
            this.traceAt = traceAt;
        }

        public int lines() {
            return timestampAt.length;
        }

        public int sizeBytes() {
            return bytes.length;
        }

        /**
         * A new body: these lines, every timestamp set to {@code timestampMillis} and trace ids
         * derived from {@code firstSeq, firstSeq + 1, ...}.
         */
        public byte[] stamp(long timestampMillis, long firstSeq) {
            byte[] out = bytes.clone();
            byte[] digits = new byte[TIMESTAMP_DIGITS];
            long t = timestampMillis;
            for (int i = TIMESTAMP_DIGITS - 1; i >= 0; i--) {
                digits[i] = (byte) ('0' + t % 10);
                t /= 10;
            }
            if (t != 0 || timestampMillis < 0) {
                throw new IllegalArgumentException("timestamp does not have " + TIMESTAMP_DIGITS + " digits: " + timestampMillis);
            }
            for (int i = 0; i < timestampAt.length; i++) {
                System.arraycopy(digits, 0, out, timestampAt[i], TIMESTAMP_DIGITS);
                writeTraceId(out, traceAt[i], firstSeq + i);
            }
            return out;
        }
    }
}
