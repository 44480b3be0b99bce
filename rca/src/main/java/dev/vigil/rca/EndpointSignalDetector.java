package dev.vigil.rca;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.analytics.requests.BucketStats;
import dev.vigil.analytics.requests.EndpointStats;
import dev.vigil.analytics.requests.RequestStats;
import dev.vigil.analytics.requests.RequestStatsCalculator;

/**
 * Error rate and p99 latency of every endpoint, per bucket, scored against the baseline. Only
 * increases count: an endpoint getting faster is not an incident.
 */
final class EndpointSignalDetector {
    /** Buckets with fewer requests say nothing reliable about rates or p99. */
    private static final int MIN_REQUESTS = 3;

    private final RequestStatsCalculator requests;

    EndpointSignalDetector(RequestStatsCalculator requests) {
        this.requests = requests;
    }

    List<AnomalousSignal> detect(AnalysisFrame frame, String service) {
        long bucket = Math.max(60_000, frame.stepMillis());
        RequestStats stats = requests.compute(frame.analysis(), Duration.ofMillis(bucket), service);
        List<AnomalousSignal> out = new ArrayList<>();
        for (EndpointStats endpoint : stats.endpoints()) {
            List<BucketStats> buckets = endpoint.buckets();
            int n = buckets.size();
            double[] errorRate = new double[n];
            double[] p99 = new double[n];
            for (int i = 0; i < n; i++) {
                BucketStats b = buckets.get(i);
                boolean enough = b.requests() >= MIN_REQUESTS;
                errorRate[i] = enough ? b.errorRate() : Double.NaN;
                p99[i] = enough ? b.latency().p99Ms() : Double.NaN;
            }
            long start = n == 0 ? 0 : buckets.get(0).startMillis();
            int baselineEnd = frame.baselineEndIndex(start, bucket);
            int windowStart = frame.windowStartIndex(start, bucket);
            int windowEnd = frame.windowEndIndex(start, bucket);
            add(out, endpoint, "error rate", errorRate, start, bucket, baselineEnd, windowStart, windowEnd);
            add(out, endpoint, "p99 latency ms", p99, start, bucket, baselineEnd, windowStart, windowEnd);
        }
        return out;
    }

    private static void add(List<AnomalousSignal> out, EndpointStats endpoint, String what, double[] values, long start,
                            long bucket, int baselineEnd, int windowStart, int windowEnd) {
        SignalDetection.Run run = SignalDetection.detect(values, baselineEnd, windowStart, windowEnd, true);
        if (run == null) {
            return;
        }
        out.add(new AnomalousSignal(CandidateKind.ENDPOINT, endpoint.service(), endpoint.endpoint() + " " + what,
                Instant.ofEpochMilli(start + run.onset() * bucket),
                Instant.ofEpochMilli(start + (run.episode().end() + 1) * bucket),
                run.episode().peakScore(), values[run.episode().peakIndex()], run.baseline().median()));
    }
}
