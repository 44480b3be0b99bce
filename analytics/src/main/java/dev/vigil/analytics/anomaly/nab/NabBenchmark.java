package dev.vigil.analytics.anomaly.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.vigil.analytics.anomaly.StreamingAnomalyDetector;

/**
 * Streams every series of a NAB-layout directory through a fresh detector (one per series, as in
 * production), writes {@code <out>/<category>/<file>.csv} with {@code timestamp,value,anomaly_score},
 * and scores the corpus on the three NAB profiles with per-profile threshold optimisation.
 * Not thread-safe; one run at a time per instance.
 */
public final class NabBenchmark {
    private final Supplier<StreamingAnomalyDetector> detectors;

    /** Benchmarks the production detector with its default configuration. */
    public NabBenchmark() {
        this(StreamingAnomalyDetector::new);
    }

    public NabBenchmark(Supplier<StreamingAnomalyDetector> detectors) {
        this.detectors = detectors;
    }

    /**
     * What one run measured.
     *
     * @param results        best score per profile with its threshold
     * @param points         rows streamed
     * @param detectNanos    wall time spent inside the detectors only
     * @param detectCpuNanos CPU time of the benchmark thread inside the detectors, or -1 where the
     *                       JVM cannot measure it
     */
    public record Report(List<NabScorer.Result> results, long points, long detectNanos, long detectCpuNanos, int series) {
        /** Points per second of wall time: on a busy machine this counts other processes' time too. */
        public double pointsPerSecond() {
            return detectNanos > 0 ? points * 1e9 / detectNanos : Double.POSITIVE_INFINITY;
        }

        /** Points per second of this thread's CPU time: the cost on one core, whatever else runs. */
        public double pointsPerCpuSecond() {
            return detectCpuNanos > 0 ? points * 1e9 / detectCpuNanos : pointsPerSecond();
        }

        /** The table printed by {@code vigil bench nab}. */
        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "NAB v1.1, %d series, %d windows%n", series, results.isEmpty() ? 0 : results.get(0).windows());
            out.printf(Locale.ROOT, "%-20s %8s %10s %5s %5s%n", "profile", "score", "threshold", "TP", "FP");
            for (NabScorer.Result r : results) {
                out.printf(Locale.ROOT, "%-20s %8.2f %10.6f %5d %5d%n", r.profile().name(), r.normalised(), r.threshold(),
                        r.truePositives(), r.falsePositives());
            }
            out.printf(Locale.ROOT, "detector throughput: %,.0f points/s per core (thread CPU time), %,.0f points/s wall (%d points)%n",
                    pointsPerCpuSecond(), pointsPerSecond(), points);
        }
    }

    /** Scores one series with a fresh detector. */
    public double[] score(NabSeries series) {
        StreamingAnomalyDetector detector = detectors.get();
        double[] values = series.values();
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scores[i] = detector.update(values[i]);
        }
        return scores;
    }

    /**
     * Runs the benchmark.
     *
     * @param data NAB root (holding {@code data/} and {@code labels/})
     * @param out  where results CSVs go, or null to write none
     */
    public Report run(Path data, Path out) {
        List<NabSeries> corpus = NabCorpus.load(data);
        // One untimed pass first, so the timed pass measures compiled code, as a long-running server runs it.
        for (NabSeries series : corpus) {
            score(series);
        }
        List<double[]> scores = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTimed = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        long points = 0;
        long nanos = 0;
        long cpuNanos = 0;
        for (NabSeries series : corpus) {
            long cpuStart = cpuTimed ? threads.getCurrentThreadCpuTime() : 0;
            long start = System.nanoTime();
            double[] s = score(series);
            nanos += System.nanoTime() - start;
            cpuNanos += cpuTimed ? threads.getCurrentThreadCpuTime() - cpuStart : 0;
            points += s.length;
            scores.add(s);
            if (out != null) {
                write(out, series, s);
            }
        }
        List<NabScorer.Result> results = NabScorer.optimise(corpus, scores, NabProfile.all());
        return new Report(results, points, nanos, cpuTimed ? cpuNanos : -1, corpus.size());
    }

    static void write(Path out, NabSeries series, double[] scores) {
        Path file = out.resolve(series.category()).resolve(series.file());
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("timestamp,value,anomaly_score\n");
                for (int i = 0; i < scores.length; i++) {
                    w.write(series.timestamps().get(i));
                    w.write(',');
                    w.write(Double.toString(series.values()[i]));
                    w.write(',');
                    w.write(Double.toString(scores[i]));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
