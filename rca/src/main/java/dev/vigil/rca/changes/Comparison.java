package dev.vigil.rca.changes;

import java.util.List;

/**
 * The new side against the old side: the numbers, the tests and their outcome.
 *
 * @param newer            the new side
 * @param older            the old side
 * @param errors           the failure-rate test
 * @param latency          the latency test
 * @param templates        warning templates more frequent on the new side, most significant first (at most 20)
 * @param templatesTested  warning templates tested
 * @param tests            tests in the Benjamini–Hochberg family (skipped ones are not counted)
 * @param falseDiscoveryRate the level the adjusted p-values are held to
 * @param verdict          the outcome
 * @param findings         one sentence per material degradation, empty unless degraded
 * @param shortfall        when inconclusive, what data is missing (how many requests more a side needs), else null
 */
public record Comparison(SideSummary newer, SideSummary older, ErrorRateResult errors, LatencyResult latency, List<TemplateShift> templates,
                         int templatesTested, int tests, double falseDiscoveryRate, Verdict verdict, List<String> findings,
                         Shortfall shortfall) {

    /**
     * Too little data for a healthy verdict.
     *
     * @param requestsPerSide   requests each side needs
     * @param newRequests       the new side has
     * @param oldRequests       the old side has
     * @param estimatedWaitMinutes at the new side's request rate, how long until it has enough; NaN when unknown
     * @param message           the same in words
     */
    public record Shortfall(int requestsPerSide, long newRequests, long oldRequests, double estimatedWaitMinutes, String message) {
    }
}
