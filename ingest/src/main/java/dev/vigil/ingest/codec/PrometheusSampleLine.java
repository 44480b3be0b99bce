package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.MetricSample;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses one sample line of the Prometheus text format,
 * {@code name{label="value",...} value [timestamp_ms]}, straight from the body's bytes.
 *
 * <p>Label values may contain the escapes {@code \\}, {@code \"} and {@code \n}; any other
 * backslash is kept as written, as Prometheus does. A label with an empty value is dropped,
 * because Prometheus treats it as absent and keeping it would split one series into two. An
 * OpenMetrics exemplar ({@code # {...} value}) after the value or timestamp is ignored.
 *
 * <p>Not thread-safe: it keeps a cursor; one instance per parsed body.
 */
final class PrometheusSampleLine {
    private byte[] body;
    private int pos;
    private int end;
    /** Scratch space for label values with escapes, reused across lines. */
    private byte[] scratch = new byte[64];

    /**
     * Parses {@code body[from, to)}, which must hold a sample line without its line break.
     *
     * @throws InvalidFieldException naming {@code name}, {@code labels}, {@code labels.<label>},
     *                               {@code value} or {@code timestamp}
     */
    MetricSample parse(byte[] body, int from, int to, long defaultNanos) {
        this.body = body;
        this.pos = from;
        this.end = to;
        skipBlanks();
        String name = metricName();
        skipBlanks();
        Map<String, String> labels = null;
        if (pos < end && body[pos] == '{') {
            pos++;
            labels = labels();
            skipBlanks();
        }
        String valueText = token();
        if (valueText.isEmpty()) {
            throw new InvalidFieldException("value", "is missing after the metric name and labels");
        }
        double value = SampleValues.parse("value", valueText);
        skipBlanks();
        long timestamp = defaultNanos;
        if (pos < end && body[pos] != '#') {
            timestamp = timestamp(token());
            skipBlanks();
            if (pos < end && body[pos] != '#') {
                throw new InvalidFieldException("timestamp", "unexpected text after the timestamp");
            }
        }
        return new MetricSample(name, labels, timestamp, value);
    }

    private String metricName() {
        int start = pos;
        if (pos < end && isNameStart(body[pos])) {
            pos++;
            while (pos < end && (isNameStart(body[pos]) || isDigit(body[pos]))) {
                pos++;
            }
        }
        if (pos == start) {
            throw new InvalidFieldException("name", "a sample line must start with a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        }
        // Names are ASCII by the grammar above, so Latin-1 decoding is exact and the fastest.
        return new String(body, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new HashMap<>();
        while (true) {
            skipBlanks();
            if (pos < end && body[pos] == '}') {
                pos++;
                return labels;
            }
            String label = labelName();
            skipBlanks();
            expect('=', "labels." + label, "needs '=' after the label name");
            skipBlanks();
            expect('"', "labels." + label, "value must be in double quotes");
            String value = labelValue(label);
            if (labels.containsKey(label)) {
                throw new InvalidFieldException("labels." + label, "is given twice");
            }
            if (!value.isEmpty()) {
                labels.put(label, value);
            }
            skipBlanks();
            if (pos < end && body[pos] == ',') {
                pos++;
            } else if (pos >= end || body[pos] != '}') {
                throw new InvalidFieldException("labels", "expected ',' or '}' after label " + label);
            }
        }
    }

    private String labelName() {
        int start = pos;
        if (pos < end && isLabelStart(body[pos])) {
            pos++;
            while (pos < end && (isLabelStart(body[pos]) || isDigit(body[pos]))) {
                pos++;
            }
        }
        if (pos == start) {
            throw new InvalidFieldException("labels", pos >= end ? "'{' is not closed with '}'"
                    : "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) or '}'");
        }
        return new String(body, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    /** Reads up to and including the closing quote; the opening quote is already consumed. */
    private String labelValue(String label) {
        int start = pos;
        while (pos < end && body[pos] != '"' && body[pos] != '\\') {
            pos++;
        }
        if (pos < end && body[pos] == '"') {
            // The common case: no escapes, decode the bytes in place.
            String value = new String(body, start, pos - start, StandardCharsets.UTF_8);
            pos++;
            return value;
        }
        int length = pos - start;
        ensureScratch(length);
        System.arraycopy(body, start, scratch, 0, length);
        while (pos < end) {
            byte b = body[pos++];
            if (b == '"') {
                return new String(scratch, 0, length, StandardCharsets.UTF_8);
            }
            ensureScratch(length + 2);
            if (b == '\\' && pos < end) {
                byte escaped = body[pos++];
                switch (escaped) {
                    case '\\', '"' -> scratch[length++] = escaped;
                    case 'n' -> scratch[length++] = '\n';
                    default -> {
                        scratch[length++] = '\\';
                        scratch[length++] = escaped;
                    }
                }
            } else {
                scratch[length++] = b;
            }
        }
        throw new InvalidFieldException("labels." + label, "value is not closed with '\"'");
    }

    private long timestamp(String text) {
        boolean negative = text.startsWith("-");
        if (!JsonValues.isDigits(negative ? text.substring(1) : text)) {
            throw new InvalidFieldException("timestamp", "'" + SampleValues.shorten(text) + "' is not an integer of milliseconds since the epoch");
        }
        try {
            return Math.multiplyExact(Long.parseLong(text), 1_000_000L);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidFieldException("timestamp", "'" + SampleValues.shorten(text) + "' is out of range");
        }
    }

    private String token() {
        int start = pos;
        while (pos < end && !isBlank(body[pos])) {
            pos++;
        }
        return new String(body, start, pos - start, StandardCharsets.UTF_8);
    }

    private void expect(char c, String field, String message) {
        if (pos >= end || body[pos] != c) {
            throw new InvalidFieldException(field, message);
        }
        pos++;
    }

    private void skipBlanks() {
        while (pos < end && isBlank(body[pos])) {
            pos++;
        }
    }

    private void ensureScratch(int length) {
        if (length > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(length, scratch.length * 2));
        }
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isNameStart(byte b) {
        return isLabelStart(b) || b == ':';
    }

    private static boolean isLabelStart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
    }
}
