package dev.vigil.analytics.patterns.summary;

/**
 * One template's rate in the window against the baseline.
 *
 * @param id                 the template id
 * @param text               the template text; null when the catalog does not know the id
 * @param count              events in the window
 * @param baselineCount      events in the baseline
 * @param ratePerSecond      {@code count} over the window's length
 * @param baselineRatePerSecond {@code baselineCount} over the baseline's length
 * @param ratio              window rate over baseline rate; infinite for a new template, 0 for one gone
 * @param pValue             two-sided p-value of {@link PoissonRateTest}
 * @param adjustedPValue     after the {@link BenjaminiHochberg} correction over every template tested
 * @param significant        adjusted p-value at most alpha (and, for changes, the ratio at least min_ratio either way)
 * @param firstNanos         earliest occurrence in the window, or -1 when none
 * @param lastNanos          latest occurrence in the window, or -1 when none
 */
public record PatternChange(String id, String text, long count, long baselineCount, double ratePerSecond, double baselineRatePerSecond,
                            double ratio, double pValue, double adjustedPValue, boolean significant, long firstNanos, long lastNanos) {

    public boolean isNew() {
        return baselineCount == 0 && count > 0;
    }

    /** "increase", "decrease" or "none". */
    public String direction() {
        return ratio > 1 ? "increase" : ratio < 1 ? "decrease" : "none";
    }
}
