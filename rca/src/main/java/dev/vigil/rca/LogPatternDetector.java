package dev.vigil.rca;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.vigil.analytics.patterns.MessageMasker;
import dev.vigil.analytics.patterns.TemplateCounter;
import dev.vigil.analytics.patterns.TemplateCounts;
import dev.vigil.analytics.patterns.summary.PoissonRateTest;
import dev.vigil.ingest.model.Level;
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
 *
 * <p>Messages are grouped by their mined template (per service), counted per minute from doc values
 * over every warn/error line of the frame; only a surging template costs a stored line (its example,
 * whose masked shape names the signal). Baseline and window are whole minutes: the minutes that
 * start inside each.
 */
final class LogPatternDetector {
    private static final Set<Level> WARNINGS = EnumSet.of(Level.WARN, Level.ERROR, Level.FATAL);
    private static final long BUCKET_MILLIS = 60_000;
    private static final double MAX_P_VALUE = 1e-4;
    private static final int MIN_COUNT = 5;
    private static final double MIN_RATIO = 3.0;
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private final TemplateCounter counter;
    private final MessageMasker masker = new MessageMasker();

    LogPatternDetector(TemplateCounter counter) {
        this.counter = counter;
    }

    /** Significant surges, each with its p-value in {@code evidence}. */
    List<Surge> detect(AnalysisFrame frame, String service) {
        TemplateCounts counts = counter.count(frame.analysis(), Duration.ofMillis(BUCKET_MILLIS), service, WARNINGS);
        long startMillis = counts.startMillis();
        int baselineEnd = Math.min(counts.buckets(), frame.baselineEndIndex(startMillis, BUCKET_MILLIS));
        int windowStart = frame.windowStartIndex(startMillis, BUCKET_MILLIS);
        int windowEnd = Math.min(counts.buckets(), frame.windowEndIndex(startMillis, BUCKET_MILLIS) + 1);
        // The baseline starts where the data does: minutes before the first warning of any kind are
        // most likely minutes before the data (a new node, expired data), and counting them as
        // quiet would make every message look like a surge.
        int baselineStart = counts.buckets();
        for (TemplateCounts.Series series : counts.series()) {
            for (int i = 0; i < baselineStart; i++) {
                if (series.counts()[i] > 0) {
                    baselineStart = i;
                    break;
                }
            }
        }
        baselineStart = Math.min(baselineStart, baselineEnd);
        double baselineMinutes = Math.max(1, baselineEnd - baselineStart) * (BUCKET_MILLIS / 60_000.0);
        double windowMinutes = Math.max(1, windowEnd - windowStart) * (BUCKET_MILLIS / 60_000.0);
        List<Surge> out = new ArrayList<>();
        for (TemplateCounts.Series series : counts.series()) {
            long baselineCount = series.sum(baselineStart, baselineEnd);
            long windowCount = series.sum(windowStart, windowEnd);
            double baselineRate = (baselineCount + 0.5) / baselineMinutes;
            double expected = baselineRate * windowMinutes;
            long k = windowCount;
            if (k < MIN_COUNT || k < MIN_RATIO * expected) {
                continue;
            }
            long n = k + baselineCount;
            double share = windowMinutes / (windowMinutes + baselineMinutes);
            double pValue = Math.max(1e-300, upperTail(n, k, share));
            if (pValue > MAX_P_VALUE) {
                continue;
            }
            LogEvent example = counter.example(frame.window(), series.service(), series.templateId()).orElse(null);
            String shape = example == null ? series.templateId() : masker.mask(example.message());
            Instant onset = onset(series.counts(), series.firstNanos(), startMillis, windowStart, baselineRate);
            double z = Math.min(40, NORMAL.inverseCumulativeProbability(1 - Math.max(pValue, 1e-16)));
            long peak = 0;
            for (long count : series.counts()) {
                peak = Math.max(peak, count);
            }
            AnomalousSignal signal = new AnomalousSignal(CandidateKind.LOG_PATTERN, series.service(), shape, onset,
                    frame.window().to(), z, peak, baselineRate);
            out.add(new Surge(signal, windowCount, baselineCount, expected, pValue, example == null ? shape : example.message()));
        }
        return out;
    }

    /** P(X ≥ k) for X ~ Binomial(n, p), exact also for the tiny p-values of a strong surge. */
    static double upperTail(long n, long k, double p) {
        int trials = (int) Math.min(Integer.MAX_VALUE, n);
        return PoissonRateTest.atLeast((int) Math.min(trials, k), trials, p);
    }

    /** Start of the run of busy minutes that reaches into the window. */
    private static Instant onset(long[] buckets, long[] firstInBucket, long startMillis, int windowStart, double baselineRate) {
        int threshold = new PoissonDistribution(null, Math.max(baselineRate, 1e-6), PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS).inverseCumulativeProbability(0.999);
        int first = -1;
        for (int i = Math.max(0, windowStart); i < buckets.length; i++) {
            if (buckets[i] > threshold) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            for (int i = Math.max(0, windowStart); i < buckets.length; i++) {
                if (buckets[i] > 0) {
                    first = i;
                    break;
                }
            }
        }
        // Walk back through busy minutes (tolerating two quiet ones) that precede the window.
        int onset = first;
        int quiet = 0;
        for (int i = first - 1; i >= 0 && quiet <= 2; i--) {
            if (buckets[i] > threshold) {
                onset = i;
                quiet = 0;
            } else {
                quiet++;
            }
        }
        long nanos = firstInBucket[onset];
        return nanos == Long.MAX_VALUE ? Instant.ofEpochMilli(startMillis + onset * BUCKET_MILLIS)
                : dev.vigil.ingest.model.Timestamps.toInstant(nanos);
    }

    /** A surging message shape with its test figures. */
    record Surge(AnomalousSignal signal, long windowCount, long baselineCount, double expected, double pValue, String example) {
    }
}
