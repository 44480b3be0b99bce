package dev.vigil.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.model.EventKind;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.HdrHistogram.Histogram;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;

/**
 * End-to-end ingest benchmark: a real Vigil node in this JVM (HTTP on 127.0.0.1, journal and
 * index in a temporary directory), N HTTP clients posting NDJSON batches of access-log events to
 * {@code /api/v1/logs} for a fixed time, and a probe measuring how long an acknowledged event
 * takes to become searchable. See bench/README.md for how to read the output.
 *
 * <pre>
 * bench/run.sh ingest [--duration 30] [--warmup 5] [--clients 4] [--batch 1000]
 *                     [--refresh-interval 250ms] [--rate 0] [--probe-interval 100] ...
 * </pre>
 *
 * <p>Each client is one HTTP/1.1 connection with one request in flight: it sends the next batch
 * when the previous one is answered (closed loop), optionally paced to a target rate. The run
 * always ends by itself: load stops after warm-up plus duration, then the benchmark waits (at
 * most {@code --drain-timeout}) for the indexer to catch up, prints the results and exits.
 */
public final class IngestLoad {
    private static final String PROBE_FIELD = "probe_id";
    private static final double TARGET_EVENTS_PER_SECOND = 50_000;
    private static final double TARGET_P99_SEARCHABLE_SECONDS = 1.0;

    /** The command line. */
    record Options(int warmupSeconds, int durationSeconds, int clients, int batch, String refreshInterval,
                   double rate, int probeIntervalMs, int drainTimeoutSeconds, Path dataDir, boolean keepData,
                   int clientThreads, int templates, String durability, String logTemplates) {

        static final String USAGE = """
                usage: IngestLoad [options]
                  --duration SECONDS         measured time (default 30)
                  --warmup SECONDS           load before measuring (default 5)
                  --clients N                HTTP connections, one request in flight each (default 4)
                  --batch N                  events per request (default 1000)
                  --refresh-interval D       the node's refresh interval, e.g. 250ms, 1s (default 250ms)
                  --durability MODE          the node's journal durability: page_cache, fsync_periodic, fsync_batch (default: the node's default)
                  --log-templates on|off     mine log templates at index time (default on, as the server does)
                  --rate EVENTS_PER_SECOND   pace all clients together to this rate; 0 = as fast as acknowledged (default 0)
                  --probe-interval MS        one searchability probe every MS milliseconds (default 100)
                  --drain-timeout SECONDS    how long to wait for the index to catch up after the load (default 120)
                  --client-threads N         event-loop threads of the load generator (default 1)
                  --data-dir DIR             journal and index directory (default: a new temporary directory)
                  --keep-data                do not delete the data directory at the end
                """;

        static Options parse(String[] args) {
            Map<String, String> values = new TreeMap<>();
            boolean keep = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (arg.equals("--keep-data")) {
                    keep = true;
                    continue;
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                String name;
                String value;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(2, eq);
                    value = arg.substring(eq + 1);
                } else {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    name = arg.substring(2);
                    value = args[++i];
                }
                values.put(name, value);
            }
            List<String> known = List.of("duration", "warmup", "clients", "batch", "refresh-interval", "rate",
                    "probe-interval", "drain-timeout", "data-dir", "client-threads", "templates", "durability", "log-templates");
            for (String name : values.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            String refresh = values.getOrDefault("refresh-interval", "250ms");
            VigilConfig.duration(refresh); // validates
            Options options = new Options(
                    positive(values, "warmup", 5, true),
                    positive(values, "duration", 30, false),
                    positive(values, "clients", 4, false),
                    positive(values, "batch", 1000, false),
                    refresh,
                    Double.parseDouble(values.getOrDefault("rate", "0")),
                    positive(values, "probe-interval", 100, false),
                    positive(values, "drain-timeout", 120, true),
                    values.containsKey("data-dir") ? Path.of(values.get("data-dir")) : null,
                    keep,
                    positive(values, "client-threads", 1, false),
                    positive(values, "templates", 16, false),
                    values.get("durability"),
                    values.getOrDefault("log-templates", "on"));
            if (options.durability() != null) {
                VigilConfig.defaults().with("durability", options.durability()); // validates
            }
            VigilConfig.defaults().with("log-templates", options.logTemplates()); // validates
            if (options.rate() < 0) {
                throw new IllegalArgumentException("--rate must be >= 0");
            }
            return options;
        }

        private static int positive(Map<String, String> values, String name, int fallback, boolean zeroAllowed) {
            String text = values.get(name);
            if (text == null) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(text.trim());
                if (value < 0 || (value == 0 && !zeroAllowed)) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " needs a " + (zeroAllowed ? "non-negative" : "positive")
                        + " whole number, got '" + text + "'");
            }
        }
    }

    public static void main(String[] args) {
        // Before any Chronicle class loads (bench/run.sh passes them too).
        System.setProperty("chronicle.analytics.disable", System.getProperty("chronicle.analytics.disable", "true"));
        System.setProperty("chronicle.announcer.disable", System.getProperty("chronicle.announcer.disable", "true"));
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("IngestLoad: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        int status = 0;
        try {
            new IngestLoad(options).run();
        } catch (Throwable t) {
            System.err.println("IngestLoad failed: " + t);
            t.printStackTrace();
            status = 1;
        }
        // Vert.x, Chronicle and the HTTP client leave non-daemon threads behind: end for sure.
        System.exit(status);
    }

    private final Options options;

    // Timeline (System.nanoTime): load from t0, measured in [measureStart, measureEnd).
    private long t0;
    private long measureStart;
    private long measureEnd;
    private volatile boolean stopSending;
    private volatile boolean stopProbing;
    private volatile boolean stopChecking;

    // Load generator.
    private Vertx clientVertx;
    private WebClient client;
    private int port;
    private AccessLogGenerator.Template[] templates;
    private Pacer pacer;
    private CountDownLatch clientsDone;
    private final Map<Long, String> generatorThreads = new ConcurrentHashMap<>();
    private final ThreadCpu.Tracker threadCpu = new ThreadCpu.Tracker();
    private final NativeThreads nativeThreads = new NativeThreads();

    // Request outcomes.
    private final LongAdder ackedEventsTotal = new LongAdder();
    private final LongAdder ackedEventsWindow = new LongAdder();
    private final LongAdder okRequestsWindow = new LongAdder();
    private final LongAdder failedRequests = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Histogram requestLatencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final AtomicLong acceptedMismatch = new AtomicLong();

    // Probes.
    private record Probe(String token, long sentNanos, long ackNanos) {
    }

    private final ConcurrentLinkedQueue<Probe> pendingProbes = new ConcurrentLinkedQueue<>();
    private final Histogram probeVisibleMicros = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
    private final Histogram probeAckMicros = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final LongAdder probesSentWindow = new LongAdder();
    private final LongAdder probeFailures = new LongAdder();
    private volatile long lastProbeVisibleMicros = -1;

    IngestLoad(Options options) {
        this.options = options;
    }

    private static final class Pacer {
        private final long intervalNanos;
        private long next;

        Pacer(double eventsPerSecond, int batch) {
            this.intervalNanos = (long) (1e9 * batch / eventsPerSecond);
        }

        /** The time the caller may send its next batch; never earlier than now, no catch-up bursts. */
        synchronized long reserve(long now) {
            long slot = Math.max(next, now);
            next = slot + intervalNanos;
            return slot;
        }
    }

    /** Figures read at one instant, for differences between the window's start and end. */
    private record Reading(long nanos, long accepted, long indexed, long unsearchableRecords, long processCpuNanos,
                           long gcCount, long gcMillis, Machine.CpuTicks ticks, ThreadCpu threads, NativeThreads nativeThreads) {
    }

    private void run() throws Exception {
        String startedAt = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadBefore = Machine.loadAverage();
        System.out.println("== Vigil ingest benchmark (IngestLoad) ==");
        System.out.println("machine: " + Machine.describe());
        System.out.println("options: " + options);

        Path dataDir = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("vigil-bench-");
        boolean deleteData = options.dataDir() == null && !options.keepData();
        VigilConfig config = VigilConfig.defaults()
                .with("data-dir", dataDir.toString())
                .with("host", "127.0.0.1")
                .with("port", "0")
                .with("refresh-interval", options.refreshInterval())
                .with("log-templates", options.logTemplates());
        if (options.durability() != null) {
            config = config.with("durability", options.durability());
        }

        AccessLogGenerator generator = new AccessLogGenerator(42);
        templates = new AccessLogGenerator.Template[options.templates()];
        long templateBytes = 0;
        for (int i = 0; i < templates.length; i++) {
            templates[i] = generator.template(options.batch());
            templateBytes += templates[i].sizeBytes();
        }
        double bytesPerEvent = templateBytes / (double) templates.length / options.batch();
        pacer = options.rate() > 0 ? new Pacer(options.rate(), options.batch()) : null;

        Result result;
        VigilNode node = VigilNode.start(config);
        try {
            port = node.port();
            clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.clientThreads()));
            client = WebClient.create(clientVertx,
                    new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                    new PoolOptions().setHttp1MaxSize(options.clients()));
            result = measure(node.pipeline());
        } finally {
            if (clientVertx != null) {
                clientVertx.close().await(10, TimeUnit.SECONDS);
            }
            node.close();
            if (deleteData) {
                deleteRecursively(dataDir);
            }
        }
        print(result, startedAt, loadBefore, Machine.loadAverage(), bytesPerEvent, config, dataDir, deleteData);
    }

    private record Result(Reading start, Reading end, long lagAtEnd, double drainSeconds, boolean drained,
                          long lagAfterDrain, long probesNeverSeen, long probesVisibleWindow) {
    }

    private Result measure(EventPipeline pipeline) throws Exception {
        t0 = System.nanoTime();
        measureStart = t0 + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        measureEnd = measureStart + TimeUnit.SECONDS.toNanos(options.durationSeconds());

        Thread prober = new Thread(this::probeLoop, "bench-probe-sender");
        Thread checker = new Thread(() -> checkLoop(pipeline), "bench-probe-checker");
        prober.setDaemon(true);
        checker.setDaemon(true);
        generatorThreads.put(prober.getId(), "bench-probe-sender");
        generatorThreads.put(checker.getId(), "bench-probe-checker");
        prober.start();
        checker.start();

        clientsDone = new CountDownLatch(options.clients());
        for (int i = 0; i < options.clients(); i++) {
            LoadClient loadClient = new LoadClient(i);
            clientVertx.runOnContext(v -> loadClient.schedule());
        }

        System.out.printf(Locale.ROOT, "%n%6s %-8s %12s %12s %12s %12s %10s %8s %8s%n",
                "t(s)", "phase", "acked ev/s", "indexed ev/s", "lag events", "unsearch.rec", "probe ms", "idx cpu", "host cpu");
        long indexerThread = threadId("vigil-indexer");
        long lastIndexerCpu = threadCpu(indexerThread);
        Machine.CpuTicks lastTicks = Machine.CpuTicks.read();
        Reading start = null;
        Reading end = null;
        long lastAcked = 0;
        long lastIndexed = 0;
        int totalSeconds = options.warmupSeconds() + options.durationSeconds();
        if (options.warmupSeconds() == 0) {
            start = read(pipeline);
        }
        for (int second = 1; second <= totalSeconds; second++) {
            sleepUntil(t0 + TimeUnit.SECONDS.toNanos(second));
            if (second == options.warmupSeconds()) {
                start = read(pipeline);
            }
            if (second == totalSeconds) {
                stopSending = true;
                stopProbing = true;
                end = read(pipeline);
            }
            long acked = ackedEventsTotal.sum();
            long indexed = pipeline.indexer().liveIndexedEvents();
            long lag = pipeline.acceptedEvents(EventKind.LOG) - indexed;
            if (second != options.warmupSeconds() && second != totalSeconds) {
                threadCpuNow(); // keeps short-lived threads (Lucene merges) in the per-thread figures
                nativeThreads.update();
            }
            long indexerCpu = threadCpu(indexerThread);
            Machine.CpuTicks ticks = Machine.CpuTicks.read();
            System.out.printf(Locale.ROOT, "%6d %-8s %,12d %,12d %,12d %,12d %10s %8.2f %8s%n", second,
                    second <= options.warmupSeconds() ? "warm-up" : "measure",
                    acked - lastAcked, indexed - lastIndexed, lag, pipeline.indexer().unsearchableRecords(),
                    lastProbeVisibleMicros < 0 ? "-" : String.format(Locale.ROOT, "%.0f", lastProbeVisibleMicros / 1000.0),
                    (indexerCpu - lastIndexerCpu) / 1e9,
                    ticks.known() ? String.format(Locale.ROOT, "%.2f", ticks.busyCoresSince(lastTicks)) : "?");
            lastAcked = acked;
            lastIndexed = indexed;
            lastIndexerCpu = indexerCpu;
            lastTicks = ticks;
        }
        long lagAtEnd = end.accepted() - end.indexed();

        // Let in-flight requests finish (they are not counted), then wait for the index to catch up.
        if (!clientsDone.await(60, TimeUnit.SECONDS)) {
            System.out.println("warning: requests still in flight 60 s after the load stopped");
        }
        long deadline = measureEnd + TimeUnit.SECONDS.toNanos(options.drainTimeoutSeconds());
        boolean drained = false;
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < deadline) {
            long lag = pipeline.acceptedEvents(EventKind.LOG) - pipeline.indexer().liveIndexedEvents();
            if (lag <= 0 && pipeline.indexer().unsearchableRecords() == 0) {
                drained = true;
                break;
            }
            if (System.nanoTime() >= nextReport) {
                System.out.printf(Locale.ROOT, "%6s %-8s %12s %12s %,12d %,12d%n", "", "drain", "", "", lag,
                        pipeline.indexer().unsearchableRecords());
                nextReport += TimeUnit.SECONDS.toNanos(1);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        double drainSeconds = (System.nanoTime() - measureEnd) / 1e9;
        long lagAfterDrain = pipeline.acceptedEvents(EventKind.LOG) - pipeline.indexer().liveIndexedEvents();

        // Probes acknowledged in the window that are searchable by now are seen within a few ms.
        long probeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drained ? 5 : 0);
        while (!pendingProbes.isEmpty() && System.nanoTime() < probeDeadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        stopChecking = true;
        prober.join(TimeUnit.SECONDS.toMillis(35));
        checker.join(5_000);
        long neverSeen = pendingProbes.stream().filter(p -> inWindow(p.ackNanos())).count();
        long visibleWindow;
        synchronized (probeVisibleMicros) {
            visibleWindow = probeVisibleMicros.getTotalCount();
        }
        return new Result(start, end, lagAtEnd, drainSeconds, drained, lagAfterDrain, neverSeen, visibleWindow);
    }

    private Reading read(EventPipeline pipeline) {
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long processCpu = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            processCpu = os.getProcessCpuTime();
        }
        return new Reading(System.nanoTime(), pipeline.acceptedEvents(EventKind.LOG), pipeline.indexer().liveIndexedEvents(),
                pipeline.indexer().unsearchableRecords(), processCpu, gcCount, gcMillis, Machine.CpuTicks.read(),
                threadCpuNow(), nativeThreadsNow());
    }

    private NativeThreads nativeThreadsNow() {
        nativeThreads.update();
        return nativeThreads.copy();
    }

    private ThreadCpu threadCpuNow() {
        threadCpu.update(ThreadCpu.snapshot(generatorThreads));
        return threadCpu.seen();
    }

    private static long threadId(String name) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(name)) {
                return thread.getId();
            }
        }
        return -1;
    }

    private static long threadCpu(long id) {
        return id < 0 ? 0 : Math.max(0, ManagementFactory.getThreadMXBean().getThreadCpuTime(id));
    }

    private boolean inWindow(long nanos) {
        return nanos >= measureStart && nanos < measureEnd;
    }

    /** One connection's closed loop: send a batch, wait for the answer, send the next. */
    private final class LoadClient {
        private final int id;
        private long traceSeq;
        private int nextTemplate;

        LoadClient(int id) {
            this.id = id;
            this.nextTemplate = id;
        }

        void schedule() {
            if (stopSending) {
                clientsDone.countDown();
                return;
            }
            if (pacer != null) {
                long now = System.nanoTime();
                long waitMillis = (pacer.reserve(now) - now) / 1_000_000;
                if (waitMillis >= 1) {
                    clientVertx.setTimer(waitMillis, t -> send());
                    return;
                }
            }
            send();
        }

        private void send() {
            if (stopSending) {
                clientsDone.countDown();
                return;
            }
            AccessLogGenerator.Template template = templates[nextTemplate++ % templates.length];
            byte[] body = template.stamp(System.currentTimeMillis(), ((long) id << 48) | traceSeq);
            traceSeq += template.lines();
            int events = template.lines();
            long sent = System.nanoTime();
            client.post(port, "127.0.0.1", "/api/v1/logs")
                    .putHeader("Content-Type", "application/x-ndjson")
                    .timeout(TimeUnit.SECONDS.toMillis(60))
                    .sendBuffer(Buffer.buffer(body))
                    .onComplete(ar -> {
                        long answered = System.nanoTime();
                        Thread current = Thread.currentThread();
                        generatorThreads.putIfAbsent(current.getId(), "bench-client-" + current.getName());
                        boolean ok = ar.succeeded() && ar.result().statusCode() == 200;
                        if (ok) {
                            ackedEventsTotal.add(events);
                            if (inWindow(answered)) {
                                ackedEventsWindow.add(events);
                                okRequestsWindow.increment();
                                synchronized (requestLatencyMicros) {
                                    requestLatencyMicros.recordValue(Math.min((answered - sent) / 1000, requestLatencyMicros.getHighestTrackableValue()));
                                }
                            }
                            checkAccepted(ar.result().bodyAsString(), events);
                            schedule();
                        } else {
                            failedRequests.increment();
                            String why = ar.succeeded()
                                    ? "HTTP " + ar.result().statusCode() + ": " + abbreviate(ar.result().bodyAsString())
                                    : ar.cause().toString();
                            failures.computeIfAbsent(why, k -> new LongAdder()).increment();
                            clientVertx.setTimer(20, t -> schedule()); // back off instead of spinning
                        }
                    });
        }
    }

    private void checkAccepted(String reply, int events) {
        // {"accepted":1000,"journal_index":...}: cheap check that the server took every event.
        if (reply == null || !reply.contains("\"accepted\":" + events + ",") && !reply.contains("\"accepted\":" + events + "}")) {
            acceptedMismatch.incrementAndGet();
        }
    }

    private void probeLoop() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/logs");
        long interval = TimeUnit.MILLISECONDS.toNanos(options.probeIntervalMs());
        String run = Long.toString(System.currentTimeMillis(), 36);
        long next = System.nanoTime();
        for (long n = 0; !stopProbing; n++) {
            String token = "probe-" + run + "-" + n;
            String body = "{\"service\":\"bench-probe\",\"host\":\"probe\",\"level\":\"info\",\"message\":\"probe " + token
                    + "\",\"attributes\":{\"" + PROBE_FIELD + "\":\"" + token + "\"}}\n";
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long acked = System.nanoTime();
                if (response.statusCode() == 200) {
                    pendingProbes.add(new Probe(token, sent, acked));
                    if (inWindow(acked)) {
                        probesSentWindow.increment();
                        synchronized (probeAckMicros) {
                            probeAckMicros.recordValue(Math.min((acked - sent) / 1000, probeAckMicros.getHighestTrackableValue()));
                        }
                    }
                } else {
                    probeFailures.increment();
                }
            } catch (IOException e) {
                probeFailures.increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            next += interval;
            long now = System.nanoTime();
            if (next < now) {
                next = now; // fell behind (slow acks): no bursts to catch up
            }
            sleepUntil(next);
        }
    }

    /**
     * Looks up pending probes in the current index snapshot about every millisecond. A term query
     * on a keyword through the in-process searcher is exact and costs microseconds, so the probe
     * neither loads the HTTP server nor waits on its own polling. Probes are sent one at a time, so
     * they sit in the journal in sending order and become searchable in that order: checking stops
     * at the first one not visible yet.
     */
    private void checkLoop(EventPipeline pipeline) {
        while (!stopChecking) {
            if (!pendingProbes.isEmpty()) {
                try (IndexSnapshot snapshot = pipeline.snapshot()) {
                    for (Iterator<Probe> it = pendingProbes.iterator(); it.hasNext(); ) {
                        Probe probe = it.next();
                        if (snapshot.searcher().count(new TermQuery(new Term(IndexFields.attributeField(PROBE_FIELD), probe.token()))) > 0) {
                            long seen = System.nanoTime();
                            long micros = (seen - probe.ackNanos()) / 1000;
                            lastProbeVisibleMicros = micros;
                            if (inWindow(probe.ackNanos())) {
                                synchronized (probeVisibleMicros) {
                                    probeVisibleMicros.recordValue(Math.min(micros, probeVisibleMicros.getHighestTrackableValue()));
                                }
                            }
                            it.remove();
                        } else {
                            break;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    System.err.println("probe check failed: " + e);
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private void print(Result r, String startedAt, String loadBefore, String loadAfter, double bytesPerEvent,
                       VigilConfig config, Path dataDir, boolean deleted) {
        double seconds = (r.end().nanos() - r.start().nanos()) / 1e9;
        double ackRate = ackedEventsWindow.sum() / (double) options.durationSeconds();
        double indexRate = (r.end().indexed() - r.start().indexed()) / seconds;
        double processCores = (r.end().processCpuNanos() - r.start().processCpuNanos()) / 1e9 / seconds;
        boolean ticksKnown = r.start().ticks().known() && r.end().ticks().known();
        double machineCores = ticksKnown ? r.end().ticks().busyCoresSince(r.start().ticks()) : Double.NaN;
        double stealCores = ticksKnown ? r.end().ticks().stealCoresSince(r.start().ticks()) : Double.NaN;
        long lagStart = r.start().accepted() - r.start().indexed();
        double lagGrowth = (r.lagAtEnd() - lagStart) / seconds;
        boolean keptUp = r.lagAtEnd() <= Math.max(ackRate * 1.0, 2.0 * options.clients() * options.batch());
        double p99Visible;
        double p50Visible;
        double maxVisible;
        synchronized (probeVisibleMicros) {
            p50Visible = probeVisibleMicros.getTotalCount() == 0 ? Double.NaN : probeVisibleMicros.getValueAtPercentile(50) / 1e6;
            p99Visible = probeVisibleMicros.getTotalCount() == 0 ? Double.NaN : probeVisibleMicros.getValueAtPercentile(99) / 1e6;
            maxVisible = probeVisibleMicros.getTotalCount() == 0 ? Double.NaN : probeVisibleMicros.getMaxValue() / 1e6;
        }
        // A probe never seen counts as slower than any seen: then p99 is only a lower bound.
        boolean p99Valid = r.probesNeverSeen() == 0 || r.probesNeverSeen() < 0.01 * (r.probesNeverSeen() + r.probesVisibleWindow());

        StringBuilder out = new StringBuilder();
        out.append("\n==================== Vigil ingest benchmark: results ====================\n");
        line(out, "date", startedAt);
        line(out, "machine", Machine.cores() + " cores (nproc), " + Machine.cpuModel() + ", " + Machine.ram() + " RAM");
        line(out, "os", Machine.os());
        line(out, "java", Machine.java() + "; " + Machine.jvmSettings());
        line(out, "load context", String.format(Locale.ROOT,
                "loadavg before %s, after %s; during the window the machine was %s busy, this JVM %.2f cores (server + load generator), other processes %s%s",
                loadBefore, loadAfter,
                ticksKnown ? String.format(Locale.ROOT, "%.2f of %d cores", machineCores, Machine.cores()) : "? cores",
                processCores,
                ticksKnown ? String.format(Locale.ROOT, "%.2f cores", Math.max(0, machineCores - processCores)) : "?",
                ticksKnown && stealCores > 0.01 ? String.format(Locale.ROOT, ", hypervisor steal %.2f cores", stealCores) : ""));
        line(out, "setup", String.format(Locale.ROOT,
                "in-process node on 127.0.0.1, durability %s, refresh interval %s, commit interval %s; %d client connection(s), "
                        + "1 request in flight each, %,d events/request (%.0f bytes/event, %.0f KB/request), rate %s",
                config.durability().name().toLowerCase(Locale.ROOT), options.refreshInterval(), human(config.commitInterval()),
                options.clients(), options.batch(), bytesPerEvent, bytesPerEvent * options.batch() / 1024,
                options.rate() > 0 ? String.format(Locale.ROOT, "paced to %,.0f events/s", options.rate()) : "unlimited (closed loop)"));
        line(out, "window", String.format(Locale.ROOT, "%d s warm-up, %.1f s measured", options.warmupSeconds(), seconds));
        line(out, "data dir", dataDir + (deleted ? " (deleted)" : " (kept)"));
        out.append('\n');
        line(out, "acknowledged", String.format(Locale.ROOT, "%,.0f events/s  (%,d events in %,d HTTP 200 answers; %.1f MB/s of NDJSON)",
                ackRate, ackedEventsWindow.sum(), okRequestsWindow.sum(), ackRate * bytesPerEvent / 1e6));
        line(out, "failed requests", failedRequests.sum() + (failures.isEmpty() ? "" : "  " + failures.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder>comparingByValue(Comparator.comparingLong(LongAdder::sum)).reversed()).limit(3)
                .map(e -> e.getValue().sum() + "x " + e.getKey()).toList())
                + (acceptedMismatch.get() > 0 ? "; answers with an unexpected 'accepted' count: " + acceptedMismatch.get() : ""));
        synchronized (requestLatencyMicros) {
            line(out, "request latency", percentiles(requestLatencyMicros) + "  (POST of one batch, send to answer)");
        }
        synchronized (probeAckMicros) {
            line(out, "probe ack latency", percentiles(probeAckMicros) + "  (POST of one event while loaded)");
        }
        line(out, "ack->searchable", String.format(Locale.ROOT, "p50 %s  p99 %s  max %s  (%d probes acknowledged in the window, %d never seen%s)",
                secs(p50Visible), secs(p99Visible), secs(maxVisible), r.probesVisibleWindow() + r.probesNeverSeen(), r.probesNeverSeen(),
                p99Valid ? "" : "; p99 is a LOWER BOUND"));
        line(out, "indexed", String.format(Locale.ROOT, "%,.0f events/s during the window (indexer thread)", indexRate));
        line(out, "index lag", String.format(Locale.ROOT,
                "%,d events at window start, %,d at window end (%s of indexing at the window's rate); grew %,.0f events/s",
                lagStart, r.lagAtEnd(), indexRate > 0 ? String.format(Locale.ROOT, "%.1f s", r.lagAtEnd() / indexRate) : "?", lagGrowth));
        line(out, "indexer kept up", (keptUp ? "YES" : "NO") + String.format(Locale.ROOT,
                " (lag at end %s one second of acknowledged events); %s",
                keptUp ? "<=" : ">",
                r.drained() ? String.format(Locale.ROOT, "all searchable %.2f s after the load stopped", r.drainSeconds())
                        : String.format(Locale.ROOT, "NOT drained within %d s: %,d events still unindexed", options.drainTimeoutSeconds(), r.lagAfterDrain())));
        line(out, "GC", String.format(Locale.ROOT, "%d collections, %.2f s in the window",
                r.end().gcCount() - r.start().gcCount(), (r.end().gcMillis() - r.start().gcMillis()) / 1000.0));
        List<ThreadCpu.Group> groups = r.end().threads().since(r.start().threads());
        List<String> top = new ArrayList<>();
        for (ThreadCpu.Group g : groups.subList(0, Math.min(10, groups.size()))) {
            top.add(String.format(Locale.ROOT, "%s%s %.2f", g.name(), g.threads() > 1 ? " (x" + g.threads() + ")" : "", g.cpuSeconds() / seconds));
        }
        double listed = r.end().threads().totalSecondsSince(r.start().threads()) / seconds;
        line(out, "CPU by thread", "cores: " + String.join("; ", top)
                + String.format(Locale.ROOT, "; JVM-internal (GC, JIT) and unlisted: %.2f", Math.max(0, processCores - listed)));
        if (r.end().nativeThreads().known()) {
            List<String> nativeTop = new ArrayList<>();
            for (ThreadCpu.Group g : r.end().nativeThreads().since(r.start().nativeThreads())) {
                if (nativeTop.size() < 12 && g.cpuSeconds() / seconds >= 0.005) {
                    nativeTop.add(String.format(Locale.ROOT, "%s%s %.2f", g.name(), g.threads() > 1 ? " (x" + g.threads() + ")" : "", g.cpuSeconds() / seconds));
                }
            }
            line(out, "CPU by OS thread", "cores (/proc, names cut to 15 chars, incl. GC and JIT): " + String.join("; ", nativeTop));
        }
        out.append('\n');
        boolean rateMet = ackRate >= TARGET_EVENTS_PER_SECOND;
        boolean latencyMet = !Double.isNaN(p99Visible) && p99Valid && p99Visible <= TARGET_P99_SEARCHABLE_SECONDS;
        line(out, "target ack rate", String.format(Locale.ROOT, ">= %,.0f events/s: %s (%,.0f)%s", TARGET_EVENTS_PER_SECOND, rateMet ? "MET" : "NOT MET", ackRate,
                options.rate() > 0 ? "; paced run: this is the offered rate, not the capacity (run without --rate for that)" : ""));
        line(out, "target searchable", String.format(Locale.ROOT, "p99 ack->searchable <= %.0f s: %s (%s at %,.0f events/s)", TARGET_P99_SEARCHABLE_SECONDS,
                latencyMet ? "MET" : "NOT MET", secs(p99Visible), ackRate));
        out.append("==========================================================================\n");
        System.out.print(out);
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-19s %s%n", label, value));
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %s  p99 %s  max %s  (n=%,d)", millis(h.getValueAtPercentile(50)),
                millis(h.getValueAtPercentile(99)), millis(h.getMaxValue()), h.getTotalCount());
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    private static String secs(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.3f s", seconds);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    private static void sleepUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort; the directory is under the temp dir
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
