package dev.vigil.bench.protocols;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.bench.AccessLogGenerator;
import dev.vigil.bench.AccessLogGenerator.AccessLog;
import dev.vigil.bench.Machine;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.EventKind;

/**
 * Per-protocol ingest throughput: for each protocol, a fresh in-process Vigil node takes a
 * closed-loop load of that protocol and, next to it on the same node, of the native ingest it is
 * compared with ({@link Protocol#baseline()}); the result is the accepted events (or samples) per
 * second of each and their ratio. The order within a pair alternates between repeats, and each
 * ratio is taken against the adjacent native run, so that load from other processes on a shared
 * machine and the growing index affect both sides alike. The summary gives the median over repeats.
 *
 * <pre>
 * bench/run.sh protocols [--duration 10] [--warmup 5] [--repeats 3] [--clients 4] [--batch 1000]
 *                        [--protocols loki-json,remote-write,...] [--backoff-ms 50]
 * </pre>
 *
 * <p>Every protocol carries the same generated access-log events (same messages, same five
 * attributes, same batch size), encoded once before the run; bodies are reused, so the load
 * generator only writes bytes. Accepted counts are read from the node's pipeline (journal
 * appends), the same way for HTTP and TCP protocols. CPU per event is this JVM's CPU time (server
 * and load generator) over the window divided by the events accepted in it.
 */
public final class ProtocolLoad {
    /** The target: a receiver may cost at most 25% of native throughput. */
    static final double TARGET_RATIO = 0.75;

    record Options(int warmupSeconds, int durationSeconds, int repeats, int clients, int batch, int bodies,
                   long backoffMillis, int drainTimeoutSeconds, List<Protocol> protocols) {
        static final String USAGE = """
                usage: ProtocolLoad [options]
                  --duration SECONDS      measured time per run (default 10)
                  --warmup SECONDS        load before measuring, per run (default 5)
                  --repeats N             pairs (protocol, native) per protocol (default 3)
                  --clients N             concurrent connections, one request in flight each (default 4)
                  --batch N               events per request / per TCP burst (default 1000)
                  --bodies N              distinct pre-encoded bodies per protocol (default 32)
                  --backoff-ms MS         wait after a 429/503 before the next request (default 50)
                  --drain-timeout SECONDS wait for the index to catch up between runs (default 120)
                  --protocols LIST        comma-separated, from: %s (default: all but native)
                """.formatted(java.util.Arrays.stream(Protocol.values()).map(Protocol::id).toList());

        static Options parse(String[] args) {
            Map<String, String> values = new TreeMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    values.put(arg.substring(2, eq), arg.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    values.put(arg.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
            }
            List<String> known = List.of("duration", "warmup", "repeats", "clients", "batch", "bodies", "backoff-ms",
                    "drain-timeout", "protocols");
            for (String name : values.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            List<Protocol> protocols = new ArrayList<>();
            if (values.containsKey("protocols")) {
                for (String id : values.get("protocols").split(",")) {
                    Protocol p = Protocol.byId(id.trim());
                    if (p.baseline() == null) {
                        throw new IllegalArgumentException("'" + id + "' is a baseline; it runs next to every protocol anyway");
                    }
                    protocols.add(p);
                }
            } else {
                for (Protocol p : Protocol.values()) {
                    if (p.baseline() != null) {
                        protocols.add(p);
                    }
                }
            }
            return new Options(number(values, "warmup", 5, true), number(values, "duration", 10, false),
                    number(values, "repeats", 3, false), number(values, "clients", 4, false),
                    number(values, "batch", 1000, false), number(values, "bodies", 32, false),
                    number(values, "backoff-ms", 50, false), number(values, "drain-timeout", 120, true), protocols);
        }

        private static int number(Map<String, String> values, String name, int fallback, boolean zeroAllowed) {
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

    /** One measured run of one protocol. */
    record Run(Protocol protocol, int repeat, double eventsPerSecond, double cpuMicrosPerEvent, double otherCores,
               long okAnswers, long backpressure, long failures, String topFailure) {
    }

    public static void main(String[] args) {
        System.setProperty("chronicle.analytics.disable", System.getProperty("chronicle.analytics.disable", "true"));
        System.setProperty("chronicle.announcer.disable", System.getProperty("chronicle.announcer.disable", "true"));
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("ProtocolLoad: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        int status = 0;
        try {
            new ProtocolLoad(options).run();
        } catch (Throwable t) {
            System.err.println("ProtocolLoad failed: " + t);
            t.printStackTrace();
            status = 1;
        }
        System.exit(status); // Vert.x and Chronicle leave non-daemon threads behind
    }

    private final Options options;
    private final List<List<AccessLog>> eventBatches = new ArrayList<>();
    private final Map<Protocol, List<List<Body>>> bodies = new EnumMap<>(Protocol.class);
    /** Next unused metric timestamp: a day back, so samples land near the present. */
    private final AtomicLong metricClock = new AtomicLong(System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1));

    ProtocolLoad(Options options) {
        this.options = options;
    }

    private void run() throws Exception {
        String startedAt = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        System.out.println("== Vigil per-protocol ingest benchmark (ProtocolLoad) ==");
        System.out.println("machine: " + Machine.describe());
        System.out.println("options: " + options);
        AccessLogGenerator generator = new AccessLogGenerator(42);
        long now = System.currentTimeMillis();
        for (int b = 0; b < options.bodies(); b++) {
            List<AccessLog> batch = new ArrayList<>(options.batch());
            for (int i = 0; i < options.batch(); i++) {
                batch.add(generator.event(now + b, (long) b * options.batch() + i));
            }
            eventBatches.add(batch);
        }
        for (Protocol p : options.protocols()) {
            bodies(p);
            bodies(p.baseline());
        }
        System.out.printf(Locale.ROOT, "%nbodies (per request / TCP burst of %,d events):%n", options.batch());
        for (Map.Entry<Protocol, List<List<Body>>> e : bodies.entrySet()) {
            double mean = e.getValue().stream().flatMap(List::stream).mapToDouble(b -> b.size() / (double) b.events()).average().orElse(0)
                    * options.batch();
            System.out.printf(Locale.ROOT, "  %-15s %,9.0f bytes (%.0f bytes/event)%n", e.getKey().id(), mean, mean / options.batch());
        }

        List<Run[]> pairs = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%n%-4s %-15s %13s %9s %10s %8s %9s %s%n", "rep", "protocol", "accepted/s", "CPU us/ev",
                "answers", "429/503", "failures", "other processes (cores)");
        for (int repeat = 1; repeat <= options.repeats(); repeat++) {
            for (Protocol protocol : options.protocols()) {
                // Alternate which side runs first, so neither always gets the emptier index.
                boolean nativeFirst = repeat % 2 == 1;
                Protocol first = nativeFirst ? protocol.baseline() : protocol;
                Protocol second = nativeFirst ? protocol : protocol.baseline();
                Run[] pair = new Run[2];
                int r = repeat;
                withNode(node -> {
                    Run a = measure(node, first, r);
                    drain(node.pipeline());
                    Run b = measure(node, second, r);
                    pair[0] = nativeFirst ? b : a; // protocol
                    pair[1] = nativeFirst ? a : b; // native
                });
                pairs.add(pair);
            }
        }
        print(pairs, startedAt);
    }

    private interface NodeWork {
        void accept(VigilNode node) throws Exception;
    }

    private void withNode(NodeWork work) throws Exception {
        Path dataDir = Files.createTempDirectory("vigil-protobench-");
        VigilConfig config = VigilConfig.defaults()
                .with("data-dir", dataDir.toString())
                .with("host", "127.0.0.1")
                .with("port", "0")
                .with("syslog-tcp-port", "0")
                .with("gelf-tcp-port", "0");
        try (VigilNode node = VigilNode.start(config)) {
            work.accept(node);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /**
     * Per connection, the bodies it sends in turn. Log bodies are dealt out round-robin. Metric
     * events are split by series across connections, as Prometheus shards by series, so each
     * series arrives in timestamp order on one connection.
     */
    private List<List<Body>> bodies(Protocol protocol) {
        return bodies.computeIfAbsent(protocol, p -> {
            int clients = options.clients();
            List<List<Body>> perClient = new ArrayList<>();
            if (p.kind() == EventKind.METRIC) {
                List<List<AccessLog>> shards = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    shards.add(new ArrayList<>());
                }
                for (List<AccessLog> batch : eventBatches) {
                    for (AccessLog e : batch) {
                        int shard = Math.floorMod(java.util.Objects.hash(e.service(), e.host(), e.method(), e.route(), e.status()), clients);
                        shards.get(shard).add(e);
                    }
                }
                for (List<AccessLog> shard : shards) {
                    List<Body> own = new ArrayList<>();
                    for (int from = 0; from + options.batch() <= shard.size(); from += options.batch()) {
                        own.add(p.encode(shard.subList(from, from + options.batch())));
                    }
                    perClient.add(own);
                }
            } else {
                List<Body> all = eventBatches.stream().map(p::encode).toList();
                for (int c = 0; c < clients; c++) {
                    List<Body> own = new ArrayList<>();
                    for (int i = c % all.size(); i < all.size(); i += clients) {
                        own.add(all.get(i));
                    }
                    perClient.add(own);
                }
            }
            return perClient;
        });
    }

    private Run measure(VigilNode node, Protocol protocol, int repeat) throws Exception {
        EventPipeline pipeline = node.pipeline();
        Protocol.Target target = protocol.target();
        preflight(node, protocol);
        Load load = target.isTcp()
                ? new TcpLoad(node.receiverPort(target.receiver()), bodies(protocol))
                : new HttpLoad(target, node.port(), bodies(protocol), metricClock, options.backoffMillis());
        long t0 = System.nanoTime();
        load.start();
        sleepUntil(t0 + TimeUnit.SECONDS.toNanos(options.warmupSeconds()));
        long ok0 = load.okAnswers.sum();
        long bp0 = load.backpressureAnswers.sum();
        long fail0 = load.failures.sum();
        long accepted0 = pipeline.acceptedEvents(protocol.kind());
        long cpu0 = processCpuNanos();
        Machine.CpuTicks ticks0 = Machine.CpuTicks.read();
        long start = System.nanoTime();
        sleepUntil(start + TimeUnit.SECONDS.toNanos(options.durationSeconds()));
        long accepted1 = pipeline.acceptedEvents(protocol.kind());
        long cpu1 = processCpuNanos();
        Machine.CpuTicks ticks1 = Machine.CpuTicks.read();
        long end = System.nanoTime();
        long ok1 = load.okAnswers.sum();
        long bp1 = load.backpressureAnswers.sum();
        long fail1 = load.failures.sum();
        load.stop();

        double seconds = (end - start) / 1e9;
        long events = accepted1 - accepted0;
        double processCores = (cpu1 - cpu0) / 1e9 / seconds;
        double other = ticks0.known() && ticks1.known() ? Math.max(0, ticks1.busyCoresSince(ticks0) - processCores) : Double.NaN;
        Run run = new Run(protocol, repeat, events / seconds, events == 0 ? Double.NaN : (cpu1 - cpu0) / 1e3 / events, other,
                ok1 - ok0, bp1 - bp0, fail1 - fail0, load.topFailure());
        System.out.printf(Locale.ROOT, "%-4d %-15s %,13.0f %9.2f %,10d %,8d %,9d %.2f%s%n", repeat, protocol.id(), run.eventsPerSecond(),
                run.cpuMicrosPerEvent(), run.okAnswers(), run.backpressure(), run.failures(), run.otherCores(),
                run.failures() > 0 ? "  first failure: " + run.topFailure() : "");
        return run;
    }

    /**
     * One body, checked before the load: the node must accept exactly its events. A protocol
     * whose bodies are refused would otherwise be measured as fast failures.
     */
    private void preflight(VigilNode node, Protocol protocol) throws Exception {
        EventPipeline pipeline = node.pipeline();
        long before = pipeline.acceptedEvents(protocol.kind());
        Body first = bodies(protocol).get(0).get(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        if (protocol.target().isTcp()) {
            // One burst only: write it on a connection of its own and close.
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", node.receiverPort(protocol.target().receiver()))) {
                socket.getOutputStream().write(first.render(0));
            }
        } else {
            Load load = new HttpLoad(protocol.target(), node.port(), List.of(List.of(first)), metricClock, options.backoffMillis());
            load.start();
            while (load.okAnswers.sum() + load.failures.sum() == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            load.stop();
            if (load.failures.sum() > 0) {
                throw new IllegalStateException(protocol.id() + ": the node refused a body: " + load.topFailure());
            }
        }
        int expected = first.events();
        while (pipeline.acceptedEvents(protocol.kind()) - before < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        long accepted = pipeline.acceptedEvents(protocol.kind()) - before;
        // The HTTP load may have sent the body more than once before it stopped.
        if (accepted == 0 || accepted % expected != 0) {
            throw new IllegalStateException(protocol.id() + ": one body of " + expected + " events was accepted as " + accepted + " events");
        }
        drain(pipeline);
    }

    /** Waits until the index holds every accepted log event, so the next run starts without a backlog. */
    private void drain(EventPipeline pipeline) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.drainTimeoutSeconds());
        while (System.nanoTime() < deadline) {
            long lag = pipeline.acceptedEvents(EventKind.LOG) - pipeline.indexer().liveIndexedEvents();
            if (lag <= 0 && pipeline.indexer().unsearchableRecords() == 0) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        System.out.println("warning: the index did not catch up within " + options.drainTimeoutSeconds() + " s");
    }

    private void print(List<Run[]> pairs, String startedAt) {
        StringBuilder out = new StringBuilder();
        out.append("\n==================== Vigil per-protocol ingest: results ====================\n");
        out.append(String.format(Locale.ROOT, "date %s; machine: %d cores (nproc), %s, %s RAM; java %s%n", startedAt, Machine.cores(),
                Machine.cpuModel(), Machine.ram(), Machine.java()));
        out.append(String.format(Locale.ROOT, "setup: %d connection(s), 1 request in flight each, %,d events per request/burst, "
                        + "%d s warm-up + %d s measured per run, %d repeat(s); ratio = protocol / the adjacent native run "
                        + "on the same node; target >= %.2f (receiver cost <= 25%%)%n%n", options.clients(), options.batch(),
                options.warmupSeconds(), options.durationSeconds(), options.repeats(), TARGET_RATIO));
        out.append(String.format(Locale.ROOT, "%-15s %-14s %14s %14s %8s %12s %20s %s%n", "protocol", "vs", "accepted/s",
                "native/s", "ratio", "ratio range", "CPU us/ev (vs nat.)", "target"));
        Map<Protocol, List<Run[]>> byProtocol = new LinkedHashMap<>();
        for (Run[] pair : pairs) {
            byProtocol.computeIfAbsent(pair[0].protocol(), k -> new ArrayList<>()).add(pair);
        }
        for (Map.Entry<Protocol, List<Run[]>> e : byProtocol.entrySet()) {
            List<Run[]> runs = e.getValue();
            List<Double> ratios = runs.stream().map(p -> p[0].eventsPerSecond() / p[1].eventsPerSecond()).sorted().toList();
            double ratio = median(ratios);
            boolean failed = runs.stream().anyMatch(p -> p[0].failures() > 0 || p[1].failures() > 0);
            out.append(String.format(Locale.ROOT, "%-15s %-14s %14s %14s %8.2f %12s %20s %s%n", e.getKey().id(), e.getKey().baseline().id(),
                    String.format(Locale.ROOT, "%,.0f", median(runs.stream().map(p -> p[0].eventsPerSecond()).toList())),
                    String.format(Locale.ROOT, "%,.0f", median(runs.stream().map(p -> p[1].eventsPerSecond()).toList())),
                    ratio,
                    String.format(Locale.ROOT, "%.2f-%.2f", ratios.get(0), ratios.get(ratios.size() - 1)),
                    String.format(Locale.ROOT, "%.2f (%.2f)", median(runs.stream().map(p -> p[0].cpuMicrosPerEvent()).toList()),
                            median(runs.stream().map(p -> p[1].cpuMicrosPerEvent()).toList())),
                    (ratio >= TARGET_RATIO ? "MET" : "NOT MET") + (failed ? " (with failed requests: see the runs)" : "")));
        }
        out.append("(medians over repeats; remote-write counts samples and compares with native-metrics NDJSON;\n"
                + " 'CPU us/ev' is this JVM's CPU time per accepted event, server and load generator together)\n");
        out.append("==========================================================================\n");
        System.out.print(out);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
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
