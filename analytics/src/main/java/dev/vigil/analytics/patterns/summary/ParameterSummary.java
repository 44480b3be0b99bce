package dev.vigil.analytics.patterns.summary;

import java.util.List;

/**
 * The values one {@code <*>} of a template took in the sampled events.
 *
 * @param position 1-based position of the {@code <*>} in the template text
 * @param values   how many sampled events gave a value at this position
 * @param distinct distinct values among them
 * @param top      the most frequent values, most frequent first (ties by value)
 * @param numeric  min, max and mean when every value is a number; null otherwise
 */
public record ParameterSummary(int position, int values, int distinct, List<ValueCount> top, NumericSummary numeric) {

    /** One value and how many sampled events had it. */
    public record ValueCount(String value, long count) {
    }

    /** Statistics of an all-numeric position. */
    public record NumericSummary(double min, double max, double mean) {
    }
}
