package dev.vigil.rca;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.analytics.patterns.summary.PoissonRateTest;
import dev.vigil.rca.SpanEvidenceCollector.Latency;
import dev.vigil.rca.SpanEvidenceCollector.SpanEvidence;

/**
 * How often each log statement is written per call of the operation it is written in, normally
 * and in the window. A line carries the span it was written in; the span names the operation. The
 * number of calls moves with the traffic, the statements per call do not: a statement that stops
 * being written (the code path after an injected exception), or one that starts being written (an
 * error branch), shows as a change of its per-call rate whatever the mix of requests. The test
 * is exact: given all occurrences in both periods, the share in the window is binomial with the
 * window's share of the calls if the rate did not change. Stateless and thread-safe.
 */
final class LogProfileDetector {
    /** Calls needed in each period for a per-call rate to mean anything. */
    static final int MIN_NORMAL_CALLS = 5;
    static final int MIN_WINDOW_CALLS = 3;
    /** A rate must move at least this factor either way. */
    static final double MIN_FACTOR = 3;
    /** −log10 p at which the evidence counts in full. */
    static final double FULL_SIGNIFICANCE = 12;
    /** The factor at which a rate change counts in full. */
    static final double FULL_FACTOR = 20;

    /** The strongest per-call change of one service. */
    record ProfileChange(String service, String operation, int statement, long normalCount, long windowCount, long normalCalls,
                         long windowCalls, double pValue, boolean appeared) {
        /**
         * Significance times size: a statement that appears from nothing or vanishes counts in
         * full, one whose rate only tripled (a data-dependent branch taken more often) about half.
         */
        double score() {
            double significance = Math.min(1, -Math.log10(Math.max(pValue, 1e-300)) / FULL_SIGNIFICANCE);
            double normalRate = (normalCount + 0.5) / normalCalls;
            double windowRate = (windowCount + 0.5) / windowCalls;
            double factor = appeared ? windowRate / normalRate : normalRate / windowRate;
            return significance * Math.min(1, Math.log10(factor) / Math.log10(FULL_FACTOR));
        }
    }

    Map<String, ProfileChange> detect(LogFlows logs, SpanEvidence spans) {
        Map<Latency, Map<Integer, long[]>> counts = new HashMap<>();
        for (int entry = 0; entry < logs.size(); entry++) {
            String spanId = logs.spanId(entry);
            Latency operation = spanId == null ? null : spans.operationBySpan().get(spanId);
            if (operation == null) {
                continue;
            }
            long[] pair = counts.computeIfAbsent(operation, o -> new HashMap<>()).computeIfAbsent(logs.template(entry), t -> new long[2]);
            pair[logs.inWindow(entry) ? 1 : 0]++;
        }
        Map<String, ProfileChange> best = new TreeMap<>();
        for (Map.Entry<Latency, Map<Integer, long[]>> byOperation : counts.entrySet()) {
            Latency operation = byOperation.getKey();
            long normalCalls = operation.normalCount();
            long windowCalls = operation.windowCount();
            if (normalCalls < MIN_NORMAL_CALLS || windowCalls < MIN_WINDOW_CALLS) {
                continue;
            }
            double windowShare = windowCalls / (double) (windowCalls + normalCalls);
            for (Map.Entry<Integer, long[]> statement : byOperation.getValue().entrySet()) {
                long normal = statement.getValue()[0];
                long window = statement.getValue()[1];
                double normalRate = (normal + 0.5) / normalCalls;
                double windowRate = (window + 0.5) / windowCalls;
                int n = (int) Math.min(Integer.MAX_VALUE, normal + window);
                double pValue;
                boolean appeared;
                if (windowRate >= MIN_FACTOR * normalRate) {
                    pValue = PoissonRateTest.atLeast((int) window, n, windowShare);
                    appeared = true;
                } else if (normalRate >= MIN_FACTOR * windowRate && !logs.templateWarn.get(statement.getKey())) {
                    // A warning or error written less often than normally is a recovery, not a fault.
                    pValue = PoissonRateTest.atLeast((int) normal, n, 1 - windowShare);
                    appeared = false;
                } else {
                    continue;
                }
                ProfileChange change = new ProfileChange(operation.service, operation.operation, statement.getKey(), normal, window,
                        normalCalls, windowCalls, pValue, appeared);
                best.merge(operation.service, change, (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        return best;
    }
}
