package dev.vigil.rca.changes;

import dev.vigil.analytics.TimeRange;

/**
 * What a verdict compared with what.
 *
 * @param mode          {@code before_after}: the same service in the window after the change (past the settle
 *                      period) against the window of the same length before it; {@code side_by_side}: in one
 *                      window after the change, requests of the new side against requests of the old side
 * @param before        the old side's window (equal to {@code after} side by side); null when there was none
 * @param after         the new side's window; null when there was none
 * @param sideAttribute side by side: the request attribute that told the sides apart; otherwise null
 * @param newSide       side by side: the new side's value
 * @param oldSide       side by side: the old side's value, or null for every value other than the new side's
 * @param note          why the plan is what it is (e.g. why a canary fell back to before/after), or null
 */
public record ComparisonPlan(String mode, TimeRange before, TimeRange after, String sideAttribute, String newSide, String oldSide,
                             String note) {
    public static final String BEFORE_AFTER = "before_after";
    public static final String SIDE_BY_SIDE = "side_by_side";
}
