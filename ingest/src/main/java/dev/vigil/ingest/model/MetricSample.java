package dev.vigil.ingest.model;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * One sample of one series, as in Prometheus: a metric name, a label set and a timestamped value.
 *
 * <p>Every sample is validated when it is made. The label set is validated and copied into a
 * {@link Labels} unless it already is one: a decoder that sees many samples of one series (remote
 * write, OTLP histograms) validates the labels once with {@link Labels#of} and shares the result,
 * so each further sample costs a name check instead of a copy and a check of every label.
 *
 * @param name           metric name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}
 * @param labels         label names to values, sorted; names {@code [a-zA-Z_][a-zA-Z0-9_]*}
 * @param timestampNanos sample time, nanoseconds since the epoch (stored at millisecond precision)
 * @param value          the value; NaN is allowed (Prometheus stale markers are a NaN)
 */
public record MetricSample(String name, Map<String, String> labels, long timestampNanos, double value)
        implements Event {

    public MetricSample {
        Checks.required("name", name, Checks.MAX_NAME);
        if (!validMetricName(name)) {
            throw new InvalidFieldException("name", "'" + name + "' is not a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        }
        if (!(labels instanceof Labels)) {
            labels = Labels.of(labels);
        }
        Checks.timestamp("timestamp", timestampNanos);
    }

    /** Timestamp in milliseconds, the precision the metric store keeps. */
    public long timestampMillis() {
        return timestampNanos / 1_000_000L;
    }

    @Override
    public EventKind kind() {
        return EventKind.METRIC;
    }

    /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, by hand: a regex matcher per sample costs more than the rest of the checks. */
    static boolean validMetricName(String name) {
        int length = name.length();
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return length > 0;
    }

    /** {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static boolean validLabelName(String name) {
        int length = name.length();
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return length > 0;
    }

    /**
     * A validated label set: sorted by name, unmodifiable, every name
     * {@code [a-zA-Z_][a-zA-Z0-9_]*} and every value within the model's limits. The only way to
     * make one is {@link #of}, which validates, so a {@code MetricSample} takes it as it is.
     * Equal to any map with the same entries.
     *
     * <p>Immutable and thread-safe; share one instance across the samples of a series.
     */
    public static final class Labels extends AbstractMap<String, String> {
        private static final Labels EMPTY = new Labels(Map.of());

        private final Map<String, String> sorted;

        private Labels(Map<String, String> sorted) {
            this.sorted = sorted;
        }

        /**
         * Validates and copies a label set.
         *
         * @throws InvalidFieldException naming the first label (in sorted order) that is invalid, as
         *     the {@code MetricSample} constructor reports it
         */
        public static Labels of(Map<String, String> labels) {
            if (labels instanceof Labels valid) {
                return valid;
            }
            Map<String, String> sorted = Checks.attributes("labels", labels);
            if (sorted.isEmpty()) {
                return EMPTY;
            }
            for (String label : sorted.keySet()) {
                if (!validLabelName(label)) {
                    throw new InvalidFieldException("labels." + label, "is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)");
                }
            }
            return new Labels(sorted);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return sorted.entrySet();
        }

        @Override
        public String get(Object key) {
            return sorted.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return sorted.containsKey(key);
        }

        @Override
        public int size() {
            return sorted.size();
        }
    }
}
