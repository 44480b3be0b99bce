package dev.vigil.analytics.slo;

import java.time.Duration;

/**
 * How fast the error budget burned over one window ending at the evaluation time.
 *
 * @param window     the window's length
 * @param counts     good and total events in it
 * @param errorRatio bad / total (0 without events)
 * @param burnRate   errorRatio / (1 - target): 1 spends exactly the budget over the SLO window,
 *                   14.4 spends a 30-day budget in about 2 days
 */
public record WindowBurn(Duration window, Counts counts, double errorRatio, double burnRate) {
    static WindowBurn of(Duration window, Counts counts, double budgetRatio) {
        double errorRatio = counts.errorRatio();
        return new WindowBurn(window, counts, errorRatio, errorRatio / budgetRatio);
    }
}
