package dev.vigil.reports.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One SLO at the end of the report window, with its budget over the window for the burn chart.
 *
 * @param targetPercent   e.g. 99.9
 * @param sloWindow       the SLO's rolling window (e.g. 30 days)
 * @param sli             good / total over the SLO window, NaN without events
 * @param budgetRemaining share of the error budget left, 1 = untouched, negative once missed
 * @param burnRate        how fast the budget burned over {@code burnWindow} (1 spends it exactly over the SLO window)
 * @param burnWindow      the window the burn rate is measured over
 * @param history         budget left at points through the report window, oldest first
 */
public record SloLine(String id, String name, String service, double targetPercent, Duration sloWindow, double sli,
                      double budgetRemaining, double burnRate, Duration burnWindow, boolean met, List<BudgetPoint> history) {

    public SloLine {
        id = id == null ? "" : id;
        name = name == null || name.isBlank() ? id : name;
        service = service == null ? "" : service;
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** Budget left at one instant. */
    public record BudgetPoint(Instant at, double budgetRemaining) {
    }
}
