package dev.vigil.api.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the journal and the index, end to end: a real {@code vigil serve} in a child
 * JVM is SIGKILLed while clients are ingesting, restarted on the same data directory, and every
 * batch the server acknowledged must be searchable exactly once, with nothing duplicated by the
 * replay. A second kill right after recovery (no new writes) must change nothing.
 *
 * <p>Each log event has a unique {@code seq} attribute and a unique timestamp on its thread's own
 * timeline ({@link #BASE} + thread offset + n ms), so the stored events can be enumerated in
 * time windows and compared with what was acknowledged. Metric samples use the same scheme on one
 * series per thread and are checked with {@code agg=count} at a 1 ms step: one sample per bucket.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {
    private static final Instant BASE = Instant.parse("2031-03-01T00:00:00Z");
    /** Each thread's timeline starts this many ms after the previous one's. */
    private static final long THREAD_OFFSET_MS = 10_000_000L;
    private static final int THREADS = 3;
    /** How long the clients ingest before the kill. */
    private static final Duration INGEST_BEFORE_KILL = Duration.ofMillis(3000);
    /** Search window: at most this many distinct events per thread, so limit=10000 also shows duplicates. */
    private static final long WINDOW_MS = 5000;
    /** Metric query window at a 1 ms step; below the engine's 11,000 points per series. */
    private static final long METRIC_WINDOW_MS = 10_000;
    private static final String METRIC = "crash_probe_samples";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Child> children = new ArrayList<>();

    private record Child(Process process, int port, Path log, JsonObject ready) {
        URI uri(String pathAndQuery) {
            return URI.create("http://127.0.0.1:" + port + pathAndQuery);
        }
    }

    /** What the clients sent and what the server acknowledged, per thread, by sequence number. */
    private static final class Ledger {
        final BitSet[] ackedLogs = new BitSet[THREADS];
        final BitSet[] sentLogs = new BitSet[THREADS];
        final BitSet[] ackedSamples = new BitSet[THREADS];
        final BitSet[] sentSamples = new BitSet[THREADS];
        final AtomicInteger failedRequests = new AtomicInteger();
        final AtomicInteger failedAfterKill = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();
        final AtomicReference<String> firstUnexpected = new AtomicReference<>();

        Ledger() {
            for (int t = 0; t < THREADS; t++) {
                ackedLogs[t] = new BitSet();
                sentLogs[t] = new BitSet();
                ackedSamples[t] = new BitSet();
                sentSamples[t] = new BitSet();
            }
        }

        long acked(BitSet[] sets) {
            long n = 0;
            for (BitSet set : sets) {
                n += set.cardinality();
            }
            return n;
        }
    }

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Child child : children) {
            if (child.process().isAlive()) {
                child.process().destroyForcibly();
                child.process().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void everyAcknowledgedBatchSurvivesKillNineExactlyOnce() throws Throwable {
        Path data = temp.resolve("data");
        long started = System.nanoTime();
        try {
            // Commits every second while ingesting, so the kill lands between index commits and
            // recovery is "last commit + replay of the journal after it".
            Child first = start(data, "1", Duration.ofSeconds(1));
            Ledger ledger = ingestAndKill(first);
            System.out.printf("ingest: %d log events and %d samples acknowledged; %d requests failed (%d after the kill), %d rejected%n",
                    ledger.acked(ledger.ackedLogs), ledger.acked(ledger.ackedSamples), ledger.failedRequests.get(),
                    ledger.failedAfterKill.get(), ledger.rejected.get());
            assertTrue(ledger.acked(ledger.ackedLogs) > 0, "no log batch was acknowledged before the kill");
            assertTrue(ledger.acked(ledger.ackedSamples) > 0, "no metric batch was acknowledged before the kill");
            assertEquals(null, ledger.firstUnexpected.get(), "a request got an unexpected answer before the kill");

            // Never commits while alive: what it replays stays uncommitted until the next kill.
            Child second = start(data, "2", Duration.ofHours(1));
            Stored afterFirst = verify(second, ledger, "after the kill during ingest");
            kill(second);

            // Same data, no new writes: the next start replays the very same journal records again.
            Child third = start(data, "3", Duration.ofSeconds(15));
            assertEquals(second.ready().getLong("indexed_events"), third.ready().getLong("indexed_events"),
                    "the second restart should replay exactly what the first one replayed");
            assertEquals(second.ready().getLong("last_searchable_journal_index"), third.ready().getLong("last_searchable_journal_index"));
            Stored afterSecond = verify(third, ledger, "after the second kill (no new writes)");
            assertEquals(afterFirst.logs, afterSecond.logs, "the stored log events changed across an idle kill and restart");
            assertEquals(afterFirst.samples, afterSecond.samples, "the stored metric samples changed across an idle kill and restart");
            kill(third);
            System.out.printf("crash recovery test took %.1f s%n", (System.nanoTime() - started) / 1e9);
        } catch (Throwable e) {
            dumpChildLogs();
            throw e;
        }
    }

    // ---------------------------------------------------------------- child process

    private Child start(Path data, String name, Duration commitInterval) throws Exception {
        int port = freePort();
        Path log = temp.resolve("vigil-" + name + ".log");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java,
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
                "-Dchronicle.analytics.disable=true",
                "-Dchronicle.announcer.disable=true",
                "-Djava.awt.headless=true",
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                "dev.vigil.api.cli.VigilCli",
                "serve", "--data-dir", data.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--config", config(name, commitInterval).toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Child child = new Child(process, port, log, null);
        children.add(child);
        return new Child(process, port, log, awaitReady(child, Duration.ofSeconds(60)));
    }

    /** A properties file that sets how often the child commits its index. */
    private Path config(String name, Duration commitInterval) throws IOException {
        Path file = temp.resolve("vigil-" + name + ".properties");
        Files.writeString(file, "commit-interval=" + commitInterval.toMillis() + "ms\n");
        return file;
    }

    /** Polls GET /ready until 200: the server answers and the journal replay has caught up. */
    private JsonObject awaitReady(Child child, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!child.process().isAlive()) {
                fail("vigil exited with " + child.process().exitValue() + " before it was ready");
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(child.uri("/ready"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    System.out.println(child.log().getFileName() + " on port " + child.port() + " ready: " + response.body());
                    return new JsonObject(response.body());
                }
                last = response.statusCode() + " " + response.body();
                assertFalse(response.body().contains("\"failed\""), "indexer failed during replay: " + response.body());
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            // Bounded wait for the process to exit (or a short pause between polls).
            child.process().waitFor(100, TimeUnit.MILLISECONDS);
        }
        return fail("vigil on port " + child.port() + " was not ready within " + timeout + "; last answer: " + last);
    }

    private void kill(Child child) throws InterruptedException {
        child.process().destroyForcibly();
        assertTrue(child.process().waitFor(15, TimeUnit.SECONDS), "vigil did not die after SIGKILL");
        assertFalse(child.process().isAlive());
        assertEquals(128 + 9, child.process().exitValue(), "vigil was not ended by SIGKILL");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private void dumpChildLogs() {
        for (Child child : children) {
            try {
                System.err.println("===== " + child.log().getFileName() + " (port " + child.port() + ") =====");
                System.err.println(Files.exists(child.log()) ? Files.readString(child.log()) : "(no output)");
            } catch (IOException e) {
                System.err.println("cannot read " + child.log() + ": " + e);
            }
        }
    }

    // ---------------------------------------------------------------- ingest

    private Ledger ingestAndKill(Child child) throws Exception {
        Ledger ledger = new Ledger();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong acknowledgedBatches = new AtomicLong();
        CountDownLatch done = new CountDownLatch(THREADS);
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread client = new Thread(() -> {
                try {
                    runClient(child, thread, ledger, killed, stop, inFlight, acknowledgedBatches);
                } finally {
                    done.countDown();
                }
            }, "crash-client-" + t);
            client.setDaemon(true);
            clients.add(client);
        }
        long begin = System.nanoTime();
        clients.forEach(Thread::start);
        // Let the clients ingest for a while (waiting on them, so a dead client shows up at once).
        boolean allStopped = done.await(INGEST_BEFORE_KILL.toMillis(), TimeUnit.MILLISECONDS);
        assertFalse(allStopped, "every client stopped before the kill");
        // Kill while at least one request is in flight (bounded spin).
        long spinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inFlight.get() == 0 && System.nanoTime() < spinDeadline) {
            Thread.onSpinWait();
        }
        int inFlightAtKill = inFlight.get();
        killed.set(true);
        child.process().destroyForcibly();
        assertTrue(child.process().waitFor(15, TimeUnit.SECONDS), "vigil did not die after SIGKILL");
        assertFalse(child.process().isAlive(), "vigil is still alive after SIGKILL");
        assertEquals(128 + 9, child.process().exitValue(), "vigil was not ended by SIGKILL");
        System.out.printf("killed vigil after %.2f s of ingest with %d request(s) in flight and %d batches acknowledged%n",
                (System.nanoTime() - begin) / 1e9, inFlightAtKill, acknowledgedBatches.get());
        stop.set(true);
        assertTrue(done.await(30, TimeUnit.SECONDS), "clients did not stop after the kill");
        for (Thread client : clients) {
            client.join(5000);
        }
        return ledger;
    }

    private void runClient(Child child, int thread, Ledger ledger, AtomicBoolean killed, AtomicBoolean stop,
                           AtomicInteger inFlight, AtomicLong acknowledgedBatches) {
        Random random = new Random(1234 + thread);
        int nextLog = 0;
        int nextSample = 0;
        long clientDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean metricsTurn = false;
        while (!stop.get() && System.nanoTime() < clientDeadline) {
            int size = 50 + random.nextInt(151);
            boolean metrics = metricsTurn;
            metricsTurn = !metricsTurn;
            int first = metrics ? nextSample : nextLog;
            String body = metrics ? sampleBatch(thread, first, size) : logBatch(thread, first, size);
            if (metrics) {
                nextSample += size;
                synchronized (ledger) {
                    ledger.sentSamples[thread].set(first, first + size);
                }
            } else {
                nextLog += size;
                synchronized (ledger) {
                    ledger.sentLogs[thread].set(first, first + size);
                }
            }
            boolean wasKilled = killed.get();
            inFlight.incrementAndGet();
            int status;
            String answer;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(child.uri(metrics ? "/api/v1/metrics" : "/api/v1/logs"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                answer = response.body();
            } catch (IOException e) {
                status = -1;
                answer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                inFlight.decrementAndGet();
            }
            if (status == 200) {
                JsonObject reply = new JsonObject(answer);
                if (reply.getLong("accepted", -1L) != size) {
                    ledger.firstUnexpected.compareAndSet(null, "accepted " + reply.getLong("accepted") + " of " + size + ": " + answer);
                }
                synchronized (ledger) {
                    (metrics ? ledger.ackedSamples : ledger.ackedLogs)[thread].set(first, first + size);
                }
                acknowledgedBatches.incrementAndGet();
                continue;
            }
            ledger.failedRequests.incrementAndGet();
            if (killed.get()) {
                ledger.failedAfterKill.incrementAndGet();
                return;
            }
            if (status == 503) {
                ledger.rejected.incrementAndGet();
            } else if (!wasKilled) {
                ledger.firstUnexpected.compareAndSet(null, "status " + status + ": " + answer);
                return;
            }
        }
    }

    private static long logMillis(int thread, int seq) {
        return BASE.toEpochMilli() + thread * THREAD_OFFSET_MS + seq;
    }

    private static String seqId(int thread, int seq) {
        return "c" + thread + "-" + seq;
    }

    private static String logBatch(int thread, int first, int size) {
        StringBuilder out = new StringBuilder(size * 220);
        for (int n = first; n < first + size; n++) {
            out.append("{\"kind\":\"log\",\"timestamp\":\"").append(Instant.ofEpochMilli(logMillis(thread, n)))
                    .append("\",\"service\":\"crash-probe\",\"host\":\"client-").append(thread)
                    .append("\",\"level\":\"info\",\"message\":\"probe event ").append(n).append(" from client ").append(thread)
                    .append("\",\"attributes\":{\"seq\":\"").append(seqId(thread, n)).append("\",\"thread\":\"c").append(thread)
                    .append("\"}}\n");
        }
        return out.toString();
    }

    private static String sampleBatch(int thread, int first, int size) {
        StringBuilder out = new StringBuilder(size * 160);
        for (int n = first; n < first + size; n++) {
            out.append("{\"kind\":\"metric\",\"name\":\"").append(METRIC).append("\",\"labels\":{\"thread\":\"c").append(thread)
                    .append("\"},\"timestamp\":\"").append(Instant.ofEpochMilli(logMillis(thread, n)))
                    .append("\",\"value\":").append(n).append("}\n");
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- verification

    /** Per thread: how often each sequence number is stored. */
    private record Stored(List<Map<Integer, Integer>> logs, List<Map<Integer, Integer>> samples) {
    }

    private Stored verify(Child child, Ledger ledger, String when) throws Exception {
        long started = System.nanoTime();
        List<Map<Integer, Integer>> logs = new ArrayList<>();
        List<Map<Integer, Integer>> samples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long storedLogs = 0;
        for (int t = 0; t < THREADS; t++) {
            Map<Integer, Integer> logCounts = storedLogs(child, t, ledger.sentLogs[t].length(), problems);
            Map<Integer, Integer> sampleCounts = storedSamples(child, t, ledger.sentSamples[t].length(), problems);
            check("log event", t, ledger.ackedLogs[t], ledger.sentLogs[t], logCounts, problems);
            check("metric sample", t, ledger.ackedSamples[t], ledger.sentSamples[t], sampleCounts, problems);
            logs.add(logCounts);
            samples.add(sampleCounts);
            storedLogs += logCounts.values().stream().mapToLong(Integer::longValue).sum();
        }
        // Nothing stored outside the windows enumerated above.
        long total = search(child, "service:crash-probe", BASE.toEpochMilli(), BASE.toEpochMilli() + THREADS * THREAD_OFFSET_MS, 1)
                .getLong("total");
        if (total != storedLogs) {
            problems.add("the index holds " + total + " probe events but the per-thread windows found " + storedLogs);
        }
        long storedSampleTotal = samples.stream().flatMap(m -> m.values().stream()).mapToLong(Integer::longValue).sum();
        System.out.printf("%s: %d log events and %d samples stored (%d and %d acknowledged), verified in %.1f s%n", when,
                storedLogs, storedSampleTotal, ledger.acked(ledger.ackedLogs), ledger.acked(ledger.ackedSamples),
                (System.nanoTime() - started) / 1e9);
        if (!problems.isEmpty()) {
            fail(when + ": " + problems.size() + " problem(s), first ones:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(25, problems.size()))));
        }
        return new Stored(logs, samples);
    }

    private static void check(String what, int thread, BitSet acked, BitSet sent, Map<Integer, Integer> stored, List<String> problems) {
        for (int n = acked.nextSetBit(0); n >= 0; n = acked.nextSetBit(n + 1)) {
            int count = stored.getOrDefault(n, 0);
            if (count != 1) {
                problems.add("acknowledged " + what + " " + seqId(thread, n) + " is stored " + count + " times");
            }
        }
        for (Map.Entry<Integer, Integer> entry : stored.entrySet()) {
            if (entry.getValue() > 1 && !acked.get(entry.getKey())) {
                problems.add("unacknowledged " + what + " " + seqId(thread, entry.getKey()) + " is stored " + entry.getValue() + " times");
            }
            if (!sent.get(entry.getKey())) {
                problems.add(what + " " + seqId(thread, entry.getKey()) + " is stored but was never sent");
            }
        }
    }

    /** Enumerates the thread's events window by window; each window holds at most WINDOW_MS distinct events. */
    private Map<Integer, Integer> storedLogs(Child child, int thread, int sent, List<String> problems) throws Exception {
        Map<Integer, Integer> counts = new HashMap<>();
        long from = logMillis(thread, 0);
        long end = logMillis(thread, sent);
        for (long windowFrom = from; windowFrom < end; windowFrom += WINDOW_MS) {
            JsonObject result = search(child, "thread:c" + thread, windowFrom, Math.min(end, windowFrom + WINDOW_MS), 10_000);
            JsonArray hits = result.getJsonArray("hits");
            if (result.getLong("total") != hits.size()) {
                problems.add("window at " + Instant.ofEpochMilli(windowFrom) + " of client " + thread + " holds " + result.getLong("total")
                        + " events for at most " + WINDOW_MS + " distinct ones (duplicates)");
            }
            for (int i = 0; i < hits.size(); i++) {
                String seq = hits.getJsonObject(i).getJsonObject("attributes").getString("seq");
                String prefix = "c" + thread + "-";
                if (seq == null || !seq.startsWith(prefix)) {
                    problems.add("unexpected hit in client " + thread + "'s window: " + hits.getJsonObject(i).encode());
                    continue;
                }
                int n = Integer.parseInt(seq.substring(prefix.length()));
                long expectedMillis = logMillis(thread, n);
                if (Instant.parse(hits.getJsonObject(i).getString("timestamp")).toEpochMilli() != expectedMillis) {
                    problems.add(seq + " came back with timestamp " + hits.getJsonObject(i).getString("timestamp"));
                }
                counts.merge(n, 1, Integer::sum);
            }
        }
        return counts;
    }

    private JsonObject search(Child child, String q, long fromMillis, long toMillis, int limit) throws Exception {
        String query = "/api/v1/logs/search?q=" + encode(q) + "&from=" + encode(Instant.ofEpochMilli(fromMillis).toString())
                + "&to=" + encode(Instant.ofEpochMilli(toMillis).toString()) + "&limit=" + limit + "&order=asc";
        return getJson(child.uri(query));
    }

    /** One sample per 1 ms bucket: agg=count at step=1ms gives how often each sequence number is stored. */
    private Map<Integer, Integer> storedSamples(Child child, int thread, int sent, List<String> problems) throws Exception {
        Map<Integer, Integer> counts = new HashMap<>();
        long from = logMillis(thread, 0);
        long end = logMillis(thread, sent);
        String selector = METRIC + "{thread=\"c" + thread + "\"}";
        for (long windowFrom = from; windowFrom < end; windowFrom += METRIC_WINDOW_MS) {
            long windowTo = Math.min(end, windowFrom + METRIC_WINDOW_MS);
            JsonObject result = getJson(child.uri("/api/v1/metrics/query?query=" + encode(selector) + "&agg=count&step=1ms&from="
                    + encode(Instant.ofEpochMilli(windowFrom).toString()) + "&to=" + encode(Instant.ofEpochMilli(windowTo).toString())));
            JsonArray series = result.getJsonArray("series");
            if (series.size() > 1) {
                problems.add("selector " + selector + " matched " + series.size() + " series");
            }
            for (int s = 0; s < series.size(); s++) {
                JsonArray points = series.getJsonObject(s).getJsonArray("points");
                for (int i = 0; i < points.size(); i++) {
                    JsonArray point = points.getJsonArray(i);
                    long millis = Instant.parse(point.getString(0)).toEpochMilli();
                    double count = point.getDouble(1);
                    if (millis < windowFrom || millis >= windowTo) {
                        continue;
                    }
                    int n = (int) (millis - from);
                    if (count != Math.rint(count) || count < 0) {
                        problems.add("count " + count + " at " + point.getString(0));
                    }
                    if (count > 0) {
                        counts.merge(n, (int) count, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    private JsonObject getJson(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> "GET " + uri + " answered " + response.body());
        return new JsonObject(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
