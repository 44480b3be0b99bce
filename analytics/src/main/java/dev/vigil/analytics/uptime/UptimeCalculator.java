package dev.vigil.analytics.uptime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.ingest.metrics.LabelMatcher;
import dev.vigil.ingest.metrics.SeriesSamples;

/**
 * Computes {@link ProbeUptime} from recorded probe results. Thread-safe and stateless.
 */
public final class UptimeCalculator {
    public static final String SUCCESS_METRIC = "probe_success";
    public static final String DURATION_METRIC = "probe_duration_seconds";
    public static final String PROBE_LABEL = "probe";

    private final MetricQueryEngine metrics;

    public UptimeCalculator(MetricQueryEngine metrics) {
        this.metrics = metrics;
    }

    /**
     * @param probe only this probe, or null for every probe with results in the range
     * @param sla   target uptime in percent by probe name; probes not in it get NaN (no target)
     * @return one entry per probe, ordered by name
     */
    public List<ProbeUptime> compute(TimeRange range, String probe, ToDoubleFunction<String> sla) {
        Map<String, List<SeriesSamples>> success = byProbe(SUCCESS_METRIC, range, probe);
        Map<String, List<SeriesSamples>> durations = byProbe(DURATION_METRIC, range, probe);
        List<ProbeUptime> result = new ArrayList<>();
        long endMillis = range.toNanos() / 1_000_000L;
        for (Map.Entry<String, List<SeriesSamples>> entry : success.entrySet()) {
            result.add(uptime(entry.getKey(), merge(entry.getValue()), durations.getOrDefault(entry.getKey(), List.of()), endMillis,
                    sla.applyAsDouble(entry.getKey())));
        }
        return result;
    }

    private Map<String, List<SeriesSamples>> byProbe(String metric, TimeRange range, String probe) {
        List<LabelMatcher> matchers = probe == null ? List.of() : List.of(LabelMatcher.of(PROBE_LABEL, LabelMatcher.Op.EQ, probe));
        Map<String, List<SeriesSamples>> grouped = new TreeMap<>();
        for (SeriesSamples series : metrics.select(new SeriesSelector(metric, matchers), range)) {
            String name = series.labels().get(PROBE_LABEL);
            if (name != null) {
                grouped.computeIfAbsent(name, n -> new ArrayList<>()).add(series);
            }
        }
        return grouped;
    }

    /** Samples of a probe's series (a probe whose labels changed has several) in time order. */
    private static long[][] merge(List<SeriesSamples> series) {
        int n = 0;
        for (SeriesSamples s : series) {
            n += s.timestampsMillis().length;
        }
        long[][] samples = new long[n][];
        int i = 0;
        for (SeriesSamples s : series) {
            for (int j = 0; j < s.timestampsMillis().length; j++) {
                double v = s.values()[j];
                samples[i++] = new long[] {s.timestampsMillis()[j], Double.isNaN(v) ? -1 : v >= 1 ? 1 : 0};
            }
        }
        Arrays.sort(samples, (a, b) -> Long.compare(a[0], b[0]));
        return samples;
    }

    private static ProbeUptime uptime(String probe, long[][] samples, List<SeriesSamples> durations, long endMillis, double sla) {
        long checks = 0;
        long successes = 0;
        double downtime = 0;
        int outages = 0;
        double longest = 0;
        double current = 0;
        boolean down = false;
        long typical = typicalInterval(samples);
        for (int i = 0; i < samples.length; i++) {
            if (samples[i][1] < 0) {
                continue;
            }
            checks++;
            long next = i + 1 < samples.length ? samples[i + 1][0] : Math.min(endMillis, samples[i][0] + typical);
            double covered = Math.max(0, next - samples[i][0]) / 1000.0;
            if (samples[i][1] == 1) {
                successes++;
                down = false;
                current = 0;
            } else {
                if (!down) {
                    outages++;
                    down = true;
                }
                downtime += covered;
                current += covered;
                longest = Math.max(longest, current);
            }
        }
        double[] latencies = durations.stream().flatMapToDouble(s -> Arrays.stream(s.values())).filter(v -> !Double.isNaN(v)).toArray();
        double mean = latencies.length == 0 ? Double.NaN : Arrays.stream(latencies).average().orElse(Double.NaN);
        double p95 = Double.NaN;
        if (latencies.length > 0) {
            Arrays.sort(latencies);
            p95 = latencies[(int) Math.min(latencies.length - 1, Math.ceil(0.95 * latencies.length) - 1)];
        }
        double ratio = checks == 0 ? Double.NaN : (double) successes / checks;
        boolean met = Double.isNaN(sla) || checks == 0 || ratio * 100 >= sla;
        return new ProbeUptime(probe, checks, successes, ratio, downtime, outages, longest, mean, p95, sla, met);
    }

    /** The median gap between results: what the last result stands for. */
    private static long typicalInterval(long[][] samples) {
        if (samples.length < 2) {
            return 0;
        }
        long[] gaps = new long[samples.length - 1];
        for (int i = 1; i < samples.length; i++) {
            gaps[i - 1] = samples[i][0] - samples[i - 1][0];
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }
}
