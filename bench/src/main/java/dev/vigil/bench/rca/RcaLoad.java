package dev.vigil.bench.rca;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.Aggregation;
import dev.vigil.analytics.metrics.MetricQuery;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.analytics.patterns.MessageMasker;
import dev.vigil.analytics.patterns.TemplateCounter;
import dev.vigil.analytics.patterns.TemplateCounts;
import dev.vigil.analytics.patterns.TemplateEnricher;
import dev.vigil.analytics.patterns.TemplateStore;
import dev.vigil.analytics.requests.RequestStatsCalculator;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.bench.Machine;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.IndexBehindException;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.RcaRequest;
import dev.vigil.rca.RcaResult;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.RootCauseCandidate;

/**
 * How long root-cause analysis takes over a busy hour: ingests {@code --lines} log lines (10
 * million by default) spread evenly over one hour (and 50 minutes of the same traffic before it, so
 * that baselines hold data), a few thousand metric samples and two change
 * events through the real ingest path (an {@link EventPipeline} with the template enricher, opened
 * exactly as a Vigil node opens it) into a data directory, then times
 * {@link RootCauseAnalyzer#analyze} over the whole hour and over the faulty last 20 minutes,
 * several runs each, and breaks one run down into the data reads the detectors make.
 *
 * <pre>
 * bench/run.sh rca                              # 10M lines in a temporary directory, deleted after
 * bench/run.sh rca --lines 1000000 --runs 3
 * bench/run.sh rca --data-dir /tmp/rca10m       # keeps the data; a second run reuses it without ingesting
 * </pre>
 */
public final class RcaLoad {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration METRIC_STEP = Duration.ofSeconds(15);
    private static final String MARKER = "rca-load.properties";

    private RcaLoad() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.println("RcaLoad on " + Machine.describe());
        System.out.println("load average before: " + Machine.loadAverage());
        Path data = options.dataDir != null ? options.dataDir : Files.createTempDirectory("vigil-rca-load");
        VigilConfig config = VigilConfig.defaults().with("data-dir", data.toString());
        try {
            Files.createDirectories(data);
            Path marker = data.resolve(MARKER);
            long startNanos;
            long lines;
            TemplateStore templates = TemplateStore.open(data.resolve("templates"));
            try (EventPipeline pipeline = EventPipeline.open(config.pipeline(), new TemplateEnricher(templates))) {
                if (Files.isRegularFile(marker)) {
                    Properties saved = new Properties();
                    try (var in = Files.newBufferedReader(marker)) {
                        saved.load(in);
                    }
                    startNanos = Long.parseLong(saved.getProperty("start_nanos"));
                    lines = Long.parseLong(saved.getProperty("lines"));
                    System.out.printf(Locale.ROOT, "reusing %s: %,d lines in the hour from %s, the same traffic for %s minutes before it%n",
                            data, lines, Timestamps.toInstant(startNanos), saved.getProperty("lead_minutes", "?"));
                    awaitReplay(pipeline);
                } else {
                    // A recent hour, whole minutes, ending a little before now.
                    long endMillis = (System.currentTimeMillis() / 60_000L - 5) * 60_000L;
                    startNanos = (endMillis - HOUR.toMillis()) * 1_000_000L;
                    lines = options.lines;
                    ingest(pipeline, new FaultyHourGenerator(startNanos, HOUR, options.seed), startNanos, lines, options.leadMinutes,
                            options.batch);
                    templates.save();
                    Properties saved = new Properties();
                    saved.setProperty("start_nanos", Long.toString(startNanos));
                    saved.setProperty("lines", Long.toString(lines));
                    saved.setProperty("lead_minutes", Integer.toString(options.leadMinutes));
                    try (var out = Files.newBufferedWriter(marker)) {
                        saved.store(out, "RcaLoad data set");
                    }
                }
                System.out.println("load average after ingest: " + Machine.loadAverage());
                measure(pipeline, startNanos, options.runs);
                templates.save();
            }
        } finally {
            if (options.dataDir == null && !options.keepData) {
                deleteRecursively(data);
            } else {
                System.out.println("data kept in " + data);
            }
        }
    }

    /**
     * Ingests {@code lines} lines evenly over the hour from {@code startNanos}, preceded by
     * {@code leadMinutes} of the same traffic, so the baseline of an analysis holds data too.
     */
    private static void ingest(EventPipeline pipeline, FaultyHourGenerator generator, long startNanos, long lines, int leadMinutes,
                               int batchSize) {
        long hourNanos = HOUR.toNanos();
        long leadLines = lines * leadMinutes / 60;
        long dataStart = startNanos - Duration.ofMinutes(leadMinutes).toNanos();
        long total = lines + leadLines;
        System.out.printf(Locale.ROOT, "ingesting %,d lines over the hour from %s and %,d over the %d minutes before it%n", lines,
                Timestamps.toInstant(startNanos), leadLines, leadMinutes);
        long started = System.nanoTime();
        long lastIndex = append(pipeline, EventKind.CHANGE, generator.changes());
        long nextMetricNanos = dataStart;
        long metricSamples = 0;
        List<LogEvent> batch = new ArrayList<>(batchSize);
        long reported = started;
        for (long i = 0; i < total; i++) {
            long nanos = dataStart + (long) ((double) i * hourNanos / lines);
            while (nanos >= nextMetricNanos) {
                List<? extends Event> samples = generator.metrics(nextMetricNanos, i);
                metricSamples += samples.size();
                append(pipeline, EventKind.METRIC, samples);
                nextMetricNanos += METRIC_STEP.toNanos();
            }
            batch.add(generator.log(nanos));
            if (batch.size() == batchSize) {
                lastIndex = append(pipeline, EventKind.LOG, batch);
                batch = new ArrayList<>(batchSize);
                long now = System.nanoTime();
                if (now - reported > 10_000_000_000L) {
                    reported = now;
                    System.out.printf(Locale.ROOT, "  ingested %,d lines (%.0f/s), index lag %,d events%n", i + 1,
                            (i + 1) / ((now - started) / 1e9), pipeline.indexLag());
                }
            }
        }
        if (!batch.isEmpty()) {
            lastIndex = append(pipeline, EventKind.LOG, batch);
        }
        long acknowledged = System.nanoTime();
        pipeline.awaitSearchable(lastIndex).join();
        long searchable = System.nanoTime();
        System.out.printf(Locale.ROOT, "ingested %,d log lines, %,d metric samples, 2 changes: acknowledged in %.1f s (%.0f lines/s), "
                        + "all searchable after %.1f s (%.0f lines/s end to end)%n",
                total, metricSamples, (acknowledged - started) / 1e9, total / ((acknowledged - started) / 1e9),
                (searchable - started) / 1e9, total / ((searchable - started) / 1e9));
    }

    /** Appends and waits for the acknowledgement, backing off while the indexer is too far behind. */
    private static long append(EventPipeline pipeline, EventKind kind, List<? extends Event> events) {
        while (true) {
            try {
                CompletableFuture<Long> done = pipeline.append(kind, events);
                return done.join();
            } catch (IndexBehindException e) {
                sleep(20);
            }
        }
    }

    private static void awaitReplay(EventPipeline pipeline) {
        long started = System.nanoTime();
        while (!pipeline.ready()) {
            sleep(100);
        }
        System.out.printf(Locale.ROOT, "journal replay caught up after %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void measure(EventPipeline pipeline, long startNanos, int runs) {
        RootCauseAnalyzer analyzer = new RootCauseAnalyzer(pipeline);
        TimeRange hour = new TimeRange(startNanos, startNanos + HOUR.toNanos());
        TimeRange fault = new TimeRange(hour.toNanos() - Duration.ofMinutes(20).toNanos(), hour.toNanos());
        if (runs > 0) {
            time(analyzer, "the whole hour", hour, runs);
            time(analyzer, "the faulty last 20 minutes", fault, runs);
        }
        breakdown(pipeline, hour);
    }

    private static void time(RootCauseAnalyzer analyzer, String what, TimeRange window, int runs) {
        System.out.printf(Locale.ROOT, "%nRCA over %s (%s .. %s), %d runs after one warm-up:%n", what, window.from(), window.to(), runs);
        RcaResult result = analyzer.analyze(new RcaRequest(window, null));
        System.out.printf(Locale.ROOT, "  warm-up (cold caches): %.0f ms%n", result.tookMillis());
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            result = analyzer.analyze(new RcaRequest(window, null));
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
        System.out.printf(Locale.ROOT, "  runs ms: %s%n  median %.0f ms, max %.0f ms (target: 2000 ms)%n",
                Arrays.toString(Arrays.stream(millis).map(m -> Math.round(m)).toArray()), median, sorted[runs - 1]);
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        result.signals().forEach(signal -> kinds.merge(signal.kind().label(), 1, Integer::sum));
        System.out.printf(Locale.ROOT, "  %d signals %s, top candidates:%n", result.signals().size(), kinds);
        for (RootCauseCandidate candidate : result.candidates().subList(0, Math.min(3, result.candidates().size()))) {
            System.out.printf(Locale.ROOT, "    %d. %s %s %s (score %.3f)%n", candidate.rank(), candidate.kind().label(), candidate.service(),
                    candidate.subject(), candidate.score());
        }
        // Log patterns are what the fault adds to the logs ("db connection pool exhausted"): list them all.
        result.signals().stream().filter(signal -> signal.kind().label().equals("log_pattern")).forEach(signal ->
                System.out.printf(Locale.ROOT, "    log pattern: %s %s, onset %s%n", signal.service(), signal.subject(), signal.onset()));
    }

    /**
     * The reads the detectors make, timed one by one over the analysis frame of {@code window}
     * (the window plus the baseline before it): where an analysis spends its time.
     */
    private static void breakdown(EventPipeline pipeline, TimeRange window) {
        Duration lookback = window.length().multipliedBy(3);
        if (lookback.compareTo(Duration.ofMinutes(90)) < 0) {
            lookback = Duration.ofMinutes(90);
        }
        TimeRange analysis = new TimeRange(window.fromNanos() - lookback.toNanos(), window.toNanos());
        Duration step = analysis.niceStep(240).compareTo(Duration.ofSeconds(15)) < 0 ? Duration.ofSeconds(15) : analysis.niceStep(240);
        System.out.printf(Locale.ROOT, "%nwhere the time goes (one warm run per read, analysis frame %s .. %s):%n", analysis.from(), analysis.to());

        MetricQueryEngine metrics = new MetricQueryEngine(pipeline);
        step("metrics: every series stepped (metric detector)", () -> {
            long series = 0;
            for (String name : metrics.metricNames()) {
                boolean counter = name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_sum");
                series += metrics.query(new MetricQuery(SeriesSelector.parse(name), analysis, step,
                        counter ? Aggregation.RATE : Aggregation.AVG, List.of())).size();
            }
            return series + " series";
        });
        RequestStatsCalculator requests = new RequestStatsCalculator(pipeline);
        step("request stats over doc values (endpoint detector)", () ->
                requests.compute(analysis, Duration.ofMillis(Math.max(60_000, step.toMillis())), null).endpoints().size() + " endpoints");
        EventScanner scanner = new EventScanner(pipeline);
        String warnings = "level:(WARN OR ERROR OR FATAL)";
        step("warn/error lines: scan + decode stored source (log detector, part 1)", () ->
                scanner.scan(warnings, "log", analysis, 500_000, event -> { }) + " lines");
        MessageMasker masker = new MessageMasker();
        step("warn/error lines: scan + decode + mask (log detector, whole read)", () -> {
            long[] chars = {0};
            long n = scanner.scan(warnings, "log", analysis, 500_000, event -> chars[0] += masker.mask(((LogEvent) event).message()).length());
            return n + " lines";
        });
        step("change events (ranker input)", () -> scanner.scan("*", "change", analysis, 10_000, event -> { }) + " changes");
        TemplateCounter templates = new TemplateCounter(pipeline);
        Set<Level> warningLevels = EnumSet.of(Level.WARN, Level.ERROR, Level.FATAL);
        TemplateCounts[] counted = {null};
        step("warn/error lines per (service, template, minute) from doc values, all of them (TemplateCounter)", () -> {
            counted[0] = templates.count(analysis, Duration.ofMinutes(1), null, warningLevels);
            return counted[0].lines() + " lines, " + counted[0].series().size() + " (service, template) series";
        });
        TimeRange lastTwenty = new TimeRange(window.toNanos() - Duration.ofMinutes(20).toNanos(), window.toNanos());
        step("one example line per (service, template) series in the last 20 minutes (TemplateCounter.example)", () -> {
            int found = 0;
            for (TemplateCounts.Series series : counted[0].series()) {
                found += templates.example(lastTwenty, series.service(), series.templateId()).isPresent() ? 1 : 0;
            }
            return found + " examples";
        });
    }

    private interface Read {
        String run();
    }

    private static void step(String what, Read read) {
        read.run(); // warm
        long started = System.nanoTime();
        String result = read.run();
        System.out.printf(Locale.ROOT, "  %6.0f ms  %s: %s%n", (System.nanoTime() - started) / 1e6, what, result);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private record Options(long lines, int leadMinutes, int runs, int batch, long seed, Path dataDir, boolean keepData) {
        static Options parse(String[] args) {
            long lines = 10_000_000;
            int lead = 50;
            int runs = 5;
            int batch = 2_000;
            long seed = 42;
            Path dataDir = null;
            boolean keep = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--lines" -> lines = Long.parseLong(value(args, ++i, arg).replace("_", ""));
                    case "--lead-minutes" -> lead = Integer.parseInt(value(args, ++i, arg));
                    case "--runs" -> runs = Integer.parseInt(value(args, ++i, arg));
                    case "--batch" -> batch = Integer.parseInt(value(args, ++i, arg));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                    case "--keep-data" -> keep = true;
                    case "--help", "-h" -> {
                        System.out.println("RcaLoad [--lines 10000000] [--lead-minutes 50] [--runs 5] [--batch 2000] [--seed 42] [--data-dir DIR] [--keep-data]\n"
                                + "  --lead-minutes: the same traffic before the hour, so the 20-minute fault window's baseline holds data\n"
                        + "  --runs 0 times only the reads the detectors make, not whole analyses\n"
                        + "  --data-dir keeps the data; when DIR already holds an RcaLoad data set it is reused without ingesting");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
                }
            }
            if (lines < 1000 || runs < 0 || batch < 1 || lead < 0) {
                throw new IllegalArgumentException("--lines must be at least 1000, --runs at least 0, --batch at least 1, --lead-minutes at least 0");
            }
            return new Options(lines, lead, runs, batch, seed, dataDir, keep);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
