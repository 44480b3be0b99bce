package dev.vigil.analytics.slo;

/**
 * Good and total events over some time span.
 *
 * @param good  events the indicator calls good
 * @param total events the indicator counts; at least {@code good}
 */
public record Counts(long good, long total) {
    public static final Counts ZERO = new Counts(0, 0);

    public long bad() {
        return total - good;
    }

    /** Bad over total, or 0 without events: no traffic spends no budget. */
    public double errorRatio() {
        return total == 0 ? 0 : (double) bad() / total;
    }

    public Counts plus(Counts other) {
        return new Counts(good + other.good, total + other.total);
    }
}
