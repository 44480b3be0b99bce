package dev.vigil.bench.rca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.Aggregation;
import dev.vigil.analytics.metrics.MetricQuery;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.analytics.patterns.MessageMasker;
import dev.vigil.analytics.patterns.TemplateEnricher;
import dev.vigil.analytics.patterns.TemplateStore;
import dev.vigil.analytics.requests.RequestStatsCalculator;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.bench.Machine;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.IndexBehindException;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.RcaRequest;
import dev.vigil.rca.RcaResult;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.RootCauseCandidate;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

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
        time(analyzer, "the whole hour", hour, runs);
        time(analyzer, "the faulty last 20 minutes", fault, runs);
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
        step("for comparison: warn/error lines counted per (service, template, minute) from doc values, no stored fields",
                () -> countTemplates(pipeline, analysis));
        step("for comparison: the endpoint detector's read with log-bucketed latency histograms (2% resolution) instead of sorting",
                () -> requestHistograms(pipeline, analysis, Math.max(60_000, step.toMillis())));
    }

    /**
     * What the endpoint detector's read costs without exact percentiles: the same doc values pass
     * over the access logs of the frame, durations counted into log-scale histograms per
     * (service, endpoint, bucket) with 2% wide cells, then a p99 per cell read off the histogram.
     */
    private static String requestHistograms(EventPipeline pipeline, TimeRange range, long bucketMillis) {
        long startMillis = Math.floorDiv(range.fromNanos() / 1_000_000L, bucketMillis) * bucketMillis;
        int buckets = (int) ((range.toNanos() / 1_000_000L - startMillis + bucketMillis - 1) / bucketMillis);
        int cells = 1200; // 1.02^1200 µs covers far beyond an hour
        double logBase = Math.log(1.02);
        Query query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_LOG)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS, range.fromNanos(), range.toNanos() - 1), BooleanClause.Occur.FILTER)
                .build();
        Map<String, int[][]> histograms = new HashMap<>();
        Map<String, long[]> errors = new HashMap<>();
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            snapshot.searcher().search(query, new SimpleCollector() {
                private NumericDocValues ts;
                private NumericDocValues durations;
                private NumericDocValues statuses;
                private SortedDocValues services;
                private SortedDocValues endpoints;
                private int[][][] rows;
                private long[][] errorRows;
                private int endpointCount;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    ts = context.reader().getNumericDocValues(IndexFields.TS);
                    durations = context.reader().getNumericDocValues(IndexFields.DURATION_US);
                    statuses = context.reader().getNumericDocValues(IndexFields.HTTP_STATUS);
                    services = context.reader().getSortedDocValues(IndexFields.SERVICE);
                    endpoints = context.reader().getSortedDocValues(IndexFields.ENDPOINT);
                    endpointCount = endpoints == null ? 0 : endpoints.getValueCount();
                    int size = services == null ? 0 : services.getValueCount() * endpointCount;
                    rows = new int[size][][];
                    errorRows = new long[size][];
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (ts == null || services == null || endpoints == null || durations == null || !endpoints.advanceExact(doc)
                            || !durations.advanceExact(doc) || !ts.advanceExact(doc) || !services.advanceExact(doc)) {
                        return;
                    }
                    int bucket = (int) ((ts.longValue() / 1_000_000L - startMillis) / bucketMillis);
                    if (bucket < 0 || bucket >= buckets) {
                        return;
                    }
                    int cell = services.ordValue() * endpointCount + endpoints.ordValue();
                    if (rows[cell] == null) {
                        String key = services.lookupOrd(services.ordValue()).utf8ToString() + ' '
                                + endpoints.lookupOrd(endpoints.ordValue()).utf8ToString();
                        rows[cell] = histograms.computeIfAbsent(key, k -> new int[buckets][]);
                        errorRows[cell] = errors.computeIfAbsent(key, k -> new long[buckets]);
                    }
                    int[] histogram = rows[cell][bucket];
                    if (histogram == null) {
                        histogram = rows[cell][bucket] = new int[cells];
                    }
                    histogram[Math.min(cells - 1, (int) (Math.log1p(durations.longValue()) / logBase))]++;
                    if (statuses != null && statuses.advanceExact(doc) && statuses.longValue() >= 500) {
                        errorRows[cell][bucket]++;
                    }
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double p99Sum = 0;
        for (int[][] row : histograms.values()) {
            for (int[] histogram : row) {
                if (histogram == null) {
                    continue;
                }
                long total = 0;
                for (int count : histogram) {
                    total += count;
                }
                long rank = (long) Math.ceil(total * 0.99);
                long seen = 0;
                for (int i = 0; i < histogram.length; i++) {
                    seen += histogram[i];
                    if (seen >= rank) {
                        p99Sum += Math.expm1(i * logBase);
                        break;
                    }
                }
            }
        }
        return histograms.size() + " endpoints (p99 checksum " + Math.round(p99Sum / 1000) + ")";
    }

    /**
     * What the log detector's read costs without stored fields: the same warn/error lines of the
     * frame, every one of them (no cap), counted per (service, template id, minute) from doc values.
     */
    private static String countTemplates(EventPipeline pipeline, TimeRange range) {
        long startMillis = range.fromNanos() / 1_000_000L;
        int minutes = (int) ((range.toNanos() / 1_000_000L - startMillis) / 60_000L) + 1;
        Query query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_LOG)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS, range.fromNanos(), range.toNanos() - 1), BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery(IndexFields.LEVEL, List.of(new BytesRef("WARN"), new BytesRef("ERROR"), new BytesRef("FATAL"))),
                        BooleanClause.Occur.FILTER)
                .build();
        Map<String, long[]> counts = new HashMap<>();
        long[] lines = {0};
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            snapshot.searcher().search(query, new SimpleCollector() {
                private NumericDocValues ts;
                private SortedDocValues services;
                private SortedDocValues templates;
                private long[][] byOrds;
                private int templateCount;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    ts = context.reader().getNumericDocValues(IndexFields.TS);
                    services = context.reader().getSortedDocValues(IndexFields.SERVICE);
                    templates = context.reader().getSortedDocValues(IndexFields.TEMPLATE);
                    templateCount = templates == null ? 0 : templates.getValueCount();
                    byOrds = new long[services == null ? 0 : services.getValueCount() * Math.max(1, templateCount)][];
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (ts == null || services == null || templates == null || !ts.advanceExact(doc) || !services.advanceExact(doc)
                            || !templates.advanceExact(doc)) {
                        return;
                    }
                    int cell = services.ordValue() * templateCount + templates.ordValue();
                    long[] buckets = byOrds[cell];
                    if (buckets == null) {
                        String key = services.lookupOrd(services.ordValue()).utf8ToString() + '\u0000'
                                + templates.lookupOrd(templates.ordValue()).utf8ToString();
                        buckets = byOrds[cell] = counts.computeIfAbsent(key, k -> new long[minutes]);
                    }
                    int minute = (int) ((ts.longValue() / 1_000_000L - startMillis) / 60_000L);
                    if (minute >= 0 && minute < minutes) {
                        buckets[minute]++;
                        lines[0]++;
                    }
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines[0] + " lines, " + counts.size() + " (service, template) pairs";
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
                        + "  --data-dir keeps the data; when DIR already holds an RcaLoad data set it is reused without ingesting");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
                }
            }
            if (lines < 1000 || runs < 1 || batch < 1 || lead < 0) {
                throw new IllegalArgumentException("--lines must be at least 1000, --runs and --batch at least 1, --lead-minutes at least 0");
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
