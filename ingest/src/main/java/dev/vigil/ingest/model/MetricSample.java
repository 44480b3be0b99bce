package dev.vigil.ingest.model;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One sample of one series, as in Prometheus: a metric name, a label set and a timestamped value.
 *
 * @param name           metric name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}
 * @param labels         label names to values, sorted; names {@code [a-zA-Z_][a-zA-Z0-9_]*}
 * @param timestampNanos sample time, nanoseconds since the epoch (stored at millisecond precision)
 * @param value          the value; NaN is allowed (Prometheus stale markers are a NaN)
 */
public record MetricSample(String name, Map<String, String> labels, long timestampNanos, double value)
        implements Event {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public MetricSample {
        Checks.required("name", name, Checks.MAX_NAME);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new InvalidFieldException("name", "'" + name + "' is not a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        }
        labels = Checks.attributes("labels", labels);
        for (String label : labels.keySet()) {
            if (!LABEL_NAME.matcher(label).matches()) {
                throw new InvalidFieldException("labels." + label, "is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
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
}
