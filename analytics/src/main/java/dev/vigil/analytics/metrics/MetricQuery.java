package dev.vigil.analytics.metrics;

import java.time.Duration;
import java.util.List;

import dev.vigil.analytics.TimeRange;

/**
 * @param selector    which series
 * @param range       time range
 * @param step        width of each output point
 * @param aggregation how samples within a step reduce to one value
 * @param groupBy     labels to group series by (empty: one result per series)
 */
public record MetricQuery(SeriesSelector selector, TimeRange range, Duration step, Aggregation aggregation, List<String> groupBy) {
    public static final int MAX_POINTS = 11_000;

    public MetricQuery {
        step = step == null ? range.niceStep(120) : step;
        if (step.toMillis() < 1) {
            // Samples are kept at millisecond precision; the engine steps in whole milliseconds.
            throw new IllegalArgumentException("step must be at least 1ms");
        }
        if (range.lengthNanos() / step.toNanos() > MAX_POINTS) {
            throw new IllegalArgumentException("step " + step + " gives more than " + MAX_POINTS + " points per series over this range: use a larger step");
        }
        aggregation = aggregation == null ? Aggregation.AVG : aggregation;
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
    }
}
