package dev.vigil.rca;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.patterns.MessageMasker;
import dev.vigil.analytics.patterns.summary.PoissonRateTest;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.ingest.model.LogEvent;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;

/**
 * Warning and error messages, grouped by shape per service, whose rate in the window surged
 * against the baseline. The test compares two Poisson rates exactly (the conditional binomial test):
 * given all occurrences in baseline and window together, how likely is it that at least the
 * window's share fell into the window if the rate never changed? Unlike a Poisson test against
 * the baseline rate, it accounts for the baseline being a sample too, which keeps ordinary noise
 * from passing as a surge. The question is the same as ever: how likely is the window's count if the message kept
 * its baseline rate?
 */
final class LogPatternDetector {
    /** Bounds the work on pathological windows; the newest shapes are seen early enough. */
    private static final long MAX_EVENTS = 500_000;
    private static final double MAX_P_VALUE = 1e-4;
    private static final int MIN_COUNT = 5;
    private static final double MIN_RATIO = 3.0;
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private final EventScanner scanner;
    private final MessageMasker masker = new MessageMasker();

    LogPatternDetector(EventScanner scanner) {
        this.scanner = scanner;
    }

    private static final class Pattern {
        final String service;
        final String shape;
        final long[] buckets;
        final long[] firstInBucket;
        long baselineCount;
        long windowCount;
        String example;

        Pattern(String service, String shape, int size) {
            this.service = service;
            this.shape = shape;
            this.buckets = new long[size];
            this.firstInBucket = new long[size];
            java.util.Arrays.fill(firstInBucket, Long.MAX_VALUE);
        }
    }

    /** Significant surges, each with its p-value in {@code evidence}. */
    List<Surge> detect(AnalysisFrame frame, String service) {
        long bucketMillis = 60_000;
        long startMillis = Math.floorDiv(frame.analysis().fromNanos() / 1_000_000L, bucketMillis) * bucketMillis;
        int size = (int) ((frame.analysis().toNanos() / 1_000_000L - startMillis) / bucketMillis) + 1;
        Map<String, Pattern> patterns = new HashMap<>();
        String query = "level:(WARN OR ERROR OR FATAL)" + (service == null ? "" : " AND service:\"" + service.replace("\"", "\\\"") + "\"");
        scanner.scan(query, "log", frame.analysis(), MAX_EVENTS, event -> {
            LogEvent log = (LogEvent) event;
            String shape = masker.mask(log.message());
            Pattern pattern = patterns.computeIfAbsent(log.service() + '\u0000' + shape, k -> new Pattern(log.service(), shape, size));
            long millis = log.timestampNanos() / 1_000_000L;
            int bucket = (int) ((millis - startMillis) / bucketMillis);
            if (bucket >= 0 && bucket < size) {
                pattern.buckets[bucket]++;
                pattern.firstInBucket[bucket] = Math.min(pattern.firstInBucket[bucket], log.timestampNanos());
            }
            if (frame.window().contains(log.timestampNanos())) {
                pattern.windowCount++;
                if (pattern.example == null) {
                    pattern.example = log.message();
                }
            } else if (frame.baseline().contains(log.timestampNanos())) {
                pattern.baselineCount++;
            }
        });
        double baselineMinutes = frame.baseline().lengthNanos() / 60e9;
        double windowMinutes = frame.window().lengthNanos() / 60e9;
        List<Surge> out = new ArrayList<>();
        for (Pattern pattern : patterns.values()) {
            double baselineRate = (pattern.baselineCount + 0.5) / baselineMinutes;
            double expected = baselineRate * windowMinutes;
            long k = pattern.windowCount;
            if (k < MIN_COUNT || k < MIN_RATIO * expected) {
                continue;
            }
            long n = k + pattern.baselineCount;
            double share = windowMinutes / (windowMinutes + baselineMinutes);
            double pValue = Math.max(1e-300, upperTail(n, k, share));
            if (pValue > MAX_P_VALUE) {
                continue;
            }
            Instant onset = onset(pattern, startMillis, bucketMillis, baselineRate, frame);
            double z = Math.min(40, NORMAL.inverseCumulativeProbability(1 - Math.max(pValue, 1e-16)));
            long peak = 0;
            for (long count : pattern.buckets) {
                peak = Math.max(peak, count);
            }
            AnomalousSignal signal = new AnomalousSignal(CandidateKind.LOG_PATTERN, pattern.service, pattern.shape, onset,
                    frame.window().to(), z, peak, baselineRate);
            out.add(new Surge(signal, pattern.windowCount, pattern.baselineCount, expected, pValue, pattern.example));
        }
        return out;
    }

    /** P(X ≥ k) for X ~ Binomial(n, p), exact also for the tiny p-values of a strong surge. */
    static double upperTail(long n, long k, double p) {
        int trials = (int) Math.min(Integer.MAX_VALUE, n);
        return PoissonRateTest.atLeast((int) Math.min(trials, k), trials, p);
    }

    /** Start of the run of busy minutes that reaches into the window. */
    private static Instant onset(Pattern pattern, long startMillis, long bucketMillis, double baselineRate, AnalysisFrame frame) {
        int threshold = new PoissonDistribution(null, Math.max(baselineRate, 1e-6), PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS).inverseCumulativeProbability(0.999);
        int windowStart = (int) ((frame.window().fromNanos() / 1_000_000L - startMillis) / bucketMillis);
        int first = -1;
        for (int i = Math.max(0, windowStart); i < pattern.buckets.length; i++) {
            if (pattern.buckets[i] > threshold) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            for (int i = Math.max(0, windowStart); i < pattern.buckets.length; i++) {
                if (pattern.buckets[i] > 0) {
                    first = i;
                    break;
                }
            }
        }
        // Walk back through busy minutes (tolerating two quiet ones) that precede the window.
        int onset = first;
        int quiet = 0;
        for (int i = first - 1; i >= 0 && quiet <= 2; i--) {
            if (pattern.buckets[i] > threshold) {
                onset = i;
                quiet = 0;
            } else {
                quiet++;
            }
        }
        long nanos = pattern.firstInBucket[onset];
        return nanos == Long.MAX_VALUE ? Instant.ofEpochMilli(startMillis + onset * bucketMillis)
                : dev.vigil.ingest.model.Timestamps.toInstant(nanos);
    }

    /** A surging message shape with its test figures. */
    record Surge(AnomalousSignal signal, long windowCount, long baselineCount, double expected, double pValue, String example) {
    }
}
