package dev.vigil.analytics.metrics;

import java.util.Map;

/**
 * One series after step alignment.
 *
 * @param name             metric name (null for a grouped series)
 * @param labels           the series' labels, or the group's labels
 * @param timestampsMillis start of each step
 * @param values           one value per step; NaN where the step had no samples
 */
public record StepSeries(String name, Map<String, String> labels, long[] timestampsMillis, double[] values) {
}
