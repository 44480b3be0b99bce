package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.MetricSample;

import java.nio.charset.StandardCharsets;

/**
 * Parses the Prometheus text exposition format 0.0.4, what {@code /metrics} endpoints serve and
 * what {@code curl --data-binary @metrics.txt} posts.
 *
 * <ul>
 *   <li>Sample lines: {@code name{label="value",...} value [timestamp]}. The value is a number or
 *       {@code NaN}, {@code +Inf}, {@code -Inf}; the optional timestamp is an integer of
 *       milliseconds since the epoch, and a missing one means {@code defaultNanos}. Label values
 *       understand the escapes {@code \\}, {@code \"} and {@code \n}.</li>
 *   <li>{@code # HELP} lines are read past; {@code # TYPE name type} lines are remembered to
 *       check that histogram buckets carry a numeric {@code le} and summary quantiles a numeric
 *       {@code quantile}. Samples keep their names as written: histogram {@code _bucket},
 *       {@code _sum} and {@code _count} lines are plain samples.</li>
 *   <li>Other {@code #} lines are comments; blank lines are ignored; {@code \r\n} is tolerated;
 *       a final {@code # EOF} (OpenMetrics) ends the body and nothing may follow it.</li>
 * </ul>
 * Errors carry the 1-based line and the field: {@code name}, {@code labels},
 * {@code labels.<label>}, {@code value}, {@code timestamp} or {@code type}. A body without any
 * sample is an error ({@code no events in request body}).
 *
 * <p>Thread-safe: all parsing state lives in objects created per call, so one instance may be
 * shared by all requests.
 */
public final class PrometheusTextParser {

    /** Parses {@code body}; samples without a timestamp get {@code defaultNanos}. */
    public Decoded<MetricSample> parse(byte[] body, long defaultNanos) {
        DecodedBuilder<MetricSample> out = new DecodedBuilder<>();
        PrometheusSampleLine samples = new PrometheusSampleLine();
        MetricFamilies families = new MetricFamilies();
        boolean afterEof = false;
        int line = 0;
        int start = 0;
        while (start < body.length) {
            line++;
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end > start && body[end - 1] == '\r') {
                end--;
            }
            int first = skipBlanks(body, start, end);
            if (first < end) {
                if (afterEof) {
                    out.problem(line, null, "nothing may follow # EOF");
                } else if (body[first] == '#') {
                    afterEof = comment(body, first + 1, end, line, families, out);
                } else {
                    sample(body, start, end, line, defaultNanos, samples, families, out);
                }
            }
            start = next;
        }
        return out.build();
    }

    private static void sample(byte[] body, int start, int end, int line, long defaultNanos,
                               PrometheusSampleLine samples, MetricFamilies families,
                               DecodedBuilder<MetricSample> out) {
        try {
            MetricSample sample = samples.parse(body, start, end, defaultNanos);
            families.check(sample);
            out.event(sample);
        } catch (InvalidFieldException e) {
            out.error(line, e.field(), e.reason());
        }
    }

    /**
     * Handles the text after a {@code #}.
     *
     * @return true when the line is {@code # EOF}
     */
    private static boolean comment(byte[] body, int from, int end, int line, MetricFamilies families,
                                   DecodedBuilder<MetricSample> out) {
        int keywordStart = skipBlanks(body, from, end);
        int keywordEnd = tokenEnd(body, keywordStart, end);
        String keyword = text(body, keywordStart, keywordEnd);
        if (keyword.equals("EOF")) {
            return skipBlanks(body, keywordEnd, end) == end;
        }
        if (!keyword.equals("TYPE")) {
            // HELP text and free comments carry nothing Vigil stores.
            return false;
        }
        int nameStart = skipBlanks(body, keywordEnd, end);
        int nameEnd = tokenEnd(body, nameStart, end);
        int typeStart = skipBlanks(body, nameEnd, end);
        int typeEnd = tokenEnd(body, typeStart, end);
        if (nameStart == nameEnd) {
            out.problem(line, "name", "# TYPE needs a metric name and a type");
        } else if (typeStart == typeEnd) {
            out.problem(line, "type", "# TYPE needs a type after the metric name");
        } else {
            try {
                families.declare(text(body, nameStart, nameEnd), text(body, typeStart, typeEnd));
            } catch (InvalidFieldException e) {
                out.problem(line, e.field(), e.reason());
            }
        }
        return false;
    }

    private static int skipBlanks(byte[] body, int from, int end) {
        while (from < end && (body[from] == ' ' || body[from] == '\t')) {
            from++;
        }
        return from;
    }

    private static int tokenEnd(byte[] body, int from, int end) {
        while (from < end && body[from] != ' ' && body[from] != '\t') {
            from++;
        }
        return from;
    }

    private static String text(byte[] body, int from, int to) {
        return new String(body, from, to - from, StandardCharsets.UTF_8);
    }
}
