package dev.vigil.analytics.slo;

/**
 * The error budget of an SLO over its window: how many bad events the target allows among the
 * events seen, how many happened, and what is left.
 *
 * @param ratio             the allowed share of bad events, {@code 1 - target/100}
 * @param allowedEvents     ratio × total events in the window
 * @param consumedEvents    bad events in the window
 * @param remainingEvents   allowed − consumed; negative once the SLO is missed
 * @param consumedFraction  consumed / allowed (0 without events; above 1 once missed)
 * @param remainingFraction 1 − consumedFraction
 */
public record ErrorBudget(double ratio, double allowedEvents, long consumedEvents, double remainingEvents,
                          double consumedFraction, double remainingFraction) {
    static ErrorBudget of(Counts counts, double ratio) {
        double allowed = ratio * counts.total();
        double consumed = counts.total() == 0 ? 0 : counts.bad() / allowed;
        return new ErrorBudget(ratio, allowed, counts.bad(), allowed - counts.bad(), consumed, 1 - consumed);
    }
}
