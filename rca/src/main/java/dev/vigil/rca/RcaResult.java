package dev.vigil.rca;

import java.util.List;

import dev.vigil.analytics.TimeRange;

/**
 * @param window     the window analysed
 * @param baseline   the period treated as normal
 * @param candidates ranked, best first
 * @param signals    every anomalous signal found, earliest first
 * @param tookMillis time spent
 */
public record RcaResult(TimeRange window, TimeRange baseline, List<RootCauseCandidate> candidates,
                        List<AnomalousSignal> signals, double tookMillis) {

    public RootCauseCandidate top() {
        return candidates.isEmpty() ? null : candidates.get(0);
    }
}
