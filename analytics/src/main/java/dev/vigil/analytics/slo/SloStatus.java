package dev.vigil.analytics.slo;

import java.time.Instant;
import java.util.List;

/**
 * An SLO evaluated at one instant. Immutable.
 *
 * @param slo        the definition
 * @param at         evaluation time; every window ends here
 * @param counts     good and total events over the SLO window
 * @param sli        good / total over the SLO window, or null without events
 * @param budget     the error budget over the SLO window
 * @param burnRates  burn over the standard windows (5m, 30m, 1h, 6h, 3d), then any other window
 *                   the policy uses, shortest first
 * @param alerts     the policy's rows
 */
public record SloStatus(SloDefinition slo, Instant at, Counts counts, Double sli, ErrorBudget budget, List<WindowBurn> burnRates,
                        List<BurnRateAlertState> alerts) {

    /** Whether the SLI meets the target over the window (true without events: nothing was missed). */
    public boolean met() {
        return sli == null || sli * 100 >= slo.target();
    }
}
