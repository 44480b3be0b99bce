package dev.vigil.analytics.anomaly.monitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;

/**
 * Runs the streaming anomaly detector on every signal Vigil holds and keeps the episodes it finds
 * as events (see {@link AnomalyEvents}), in two ways that share one ledger of what was searched:
 * <ul>
 *   <li><b>live</b>: {@link #tick} processes the whole steps that ended at least one step ago (one
 *       step of slack for late data), with detectors that keep their state between ticks. A fresh
 *       node warms them up on the last {@code warmup} of stored data and starts at the current step;
 *       a restarted node warms up on the data before its persisted frontier and resumes there (at
 *       most {@code maxCatchUp} back);</li>
 *   <li><b>on demand</b>: {@link #anomalies} scans the parts of a past window that neither the live
 *       monitor nor an earlier request searched, with fresh detectors warmed up on the
 *       {@code warmup} before each part (causal streaming over stored data), stores what it finds and
 *       marks the part searched. Answers are read back from the store, so asking twice gives the
 *       same answer.</li>
 * </ul>
 * Episodes are stored once they end; the live monitor's episodes in progress are listed as
 * {@code ongoing} and stored as such when the node closes.
 *
 * <p>Thread-safe: one lock serialises ticks and scans (a scan of a week of data takes a few
 * seconds; the live tick waits for it). Every method blocks on disk and must run on a worker
 * thread, never on an event loop.
 *
 * <pre>{@code
 * AnomalyMonitor monitor = AnomalyMonitor.open(pipeline, dataDir.resolve("anomalies"), MonitorSettings.defaults(Duration.ofMinutes(1)));
 * monitor.tick(System.currentTimeMillis());                      // from a periodic worker task
 * List<Anomaly> found = monitor.anomalies(new AnomalyQuery(range, "payments", 0.5, null), System.currentTimeMillis());
 * }</pre>
 */
public final class AnomalyMonitor implements AutoCloseable {
    /** Stored data is read this much at a time, which bounds the memory of one read. */
    static final long CHUNK_MILLIS = 6 * 3_600_000L;

    private final MonitorSettings settings;
    private final long stepMillis;
    private final SignalReader reader;
    private final AnomalyStore store;
    private final ScanLedger ledger;
    /** Where this process's live monitoring starts; on-demand scans stay before it. */
    private final long liveStart;
    private SeriesTrackers live;

    private AnomalyMonitor(EventPipeline pipeline, ScanLedger ledger, MonitorSettings settings, long nowMillis) {
        this.settings = settings;
        this.stepMillis = settings.scanStepMillis();
        this.reader = new SignalReader(pipeline);
        this.store = new AnomalyStore(pipeline);
        this.ledger = ledger;
        long end = lastWholeStepEnd(nowMillis);
        long frontier = ledger.frontier();
        this.liveStart = frontier < 0 ? end : Math.min(end, Math.max(frontier, end - align(settings.maxCatchUp().toMillis())));
    }

    /**
     * Opens the monitor; its ledger lives in {@code directory} (null: in memory only, for tests and
     * embedded use).
     */
    public static AnomalyMonitor open(EventPipeline pipeline, Path directory, MonitorSettings settings) {
        return open(pipeline, directory, settings, System.currentTimeMillis());
    }

    static AnomalyMonitor open(EventPipeline pipeline, Path directory, MonitorSettings settings, long nowMillis) {
        return new AnomalyMonitor(pipeline, ScanLedger.open(directory, settings.scanStepMillis()), settings, nowMillis);
    }

    public MonitorSettings settings() {
        return settings;
    }

    /**
     * Processes the whole steps that ended at least one step before {@code nowMillis} and were not
     * processed yet; stores the episodes that ended. No-op when the live monitor is off.
     *
     * @return the episodes stored by this tick
     */
    public synchronized List<Anomaly> tick(long nowMillis) {
        if (!settings.live()) {
            return List.of();
        }
        if (live == null) {
            live = new SeriesTrackers(settings, stepMillis);
            feed(live, liveStart - align(settings.warmup().toMillis()), liveStart, Long.MAX_VALUE, Long.MAX_VALUE, new ArrayList<>());
            ledger.frontier(liveStart);
            ledger.save();
        }
        long from = ledger.frontier();
        long to = lastWholeStepEnd(nowMillis);
        if (to <= from) {
            return List.of();
        }
        List<Anomaly> found = new ArrayList<>();
        feed(live, from, to, from, to, found);
        store.store(found);
        ledger.cover(from, to);
        ledger.frontier(to);
        ledger.save();
        return found;
    }

    /**
     * The anomalies that began in the query's range: stored ones, after scanning the parts of the
     * range no one searched yet (up to the live monitor's start, or to one step before now when it
     * is off), plus the live monitor's episodes in progress.
     *
     * @throws IllegalArgumentException when the range is longer than {@code maxScan}
     */
    public synchronized List<Anomaly> anomalies(AnomalyQuery query, long nowMillis) {
        TimeRange range = query.range();
        if (range.lengthNanos() > settings.maxScan().toNanos()) {
            throw new IllegalArgumentException("the window is longer than " + settings.maxScan().toDays()
                    + " days; ask for a shorter one");
        }
        long from = Math.floorDiv(range.fromNanos() / 1_000_000L, stepMillis) * stepMillis;
        long to = ceil(range.toNanos() / 1_000_000L + (range.toNanos() % 1_000_000L == 0 ? 0 : 1));
        long horizon = settings.live() ? liveStart : lastWholeStepEnd(nowMillis);
        for (long[] gap : ledger.gaps(from, Math.min(to, horizon))) {
            scan(gap[0], gap[1], horizon);
        }
        List<Anomaly> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Anomaly a : store.find(range, query.service(), query.kind())) {
            if (a.score() >= query.minScore() && ids.add(a.id())) {
                out.add(a);
            }
        }
        if (live != null) {
            for (SeriesTracker tracker : live.all()) {
                Anomaly a = tracker.inProgress(stepMillis);
                if (a != null && range.contains(a.onset().toEpochMilli() * 1_000_000L) && a.score() >= query.minScore()
                        && (query.service() == null || query.service().equals(a.signal().service()))
                        && (query.kind() == null || query.kind() == a.signal().kind()) && ids.add(a.id())) {
                    out.add(a);
                }
            }
        }
        out.sort(Comparator.comparing(Anomaly::onset).thenComparing(a -> a.signal().series()));
        return out;
    }

    /** Series the live monitor tracks now (0 before its first tick). */
    public synchronized int trackedSeries() {
        return live == null ? 0 : live.size();
    }

    /** Stores the live monitor's episodes in progress, marked ongoing: after a restart they would be lost. */
    @Override
    public synchronized void close() {
        if (live == null) {
            return;
        }
        List<Anomaly> open = new ArrayList<>();
        for (SeriesTracker tracker : live.all()) {
            Anomaly a = tracker.inProgress(stepMillis);
            if (a != null) {
                open.add(a);
            }
        }
        store.store(open);
    }

    /** Scans onsets in {@code [from, to)} with fresh detectors, reading on until their episodes end. */
    private void scan(long from, long to, long horizon) {
        SeriesTrackers trackers = new SeriesTrackers(settings, stepMillis);
        List<Anomaly> found = new ArrayList<>();
        long dataEnd = Math.max(to, Math.min(horizon, to + align(settings.maxEpisode().toMillis())));
        feed(trackers, from - align(settings.warmup().toMillis()), dataEnd, from, to, found);
        for (SeriesTracker tracker : trackers.all()) {
            Anomaly a = tracker.inProgress(stepMillis);
            if (a != null && a.onset().toEpochMilli() >= from && a.onset().toEpochMilli() < to) {
                found.add(a);
            }
        }
        store.store(found);
        ledger.cover(from, to);
        ledger.save();
    }

    /**
     * Streams the steps of {@code [from, to)} through the trackers in time order, chunk by chunk,
     * and collects the episodes that end with an onset in {@code [emitFrom, emitTo)}. A count series
     * (requests, log lines) that has a tracker but no data in a chunk gets zeros: silence is a value.
     */
    private void feed(SeriesTrackers trackers, long from, long to, long emitFrom, long emitTo, List<Anomaly> sink) {
        for (long chunk = from; chunk < to; chunk += CHUNK_MILLIS) {
            long chunkEnd = Math.min(to, chunk + CHUNK_MILLIS);
            Set<SeriesTracker> fed = new HashSet<>();
            for (SignalSeries series : reader.read(new TimeRange(chunk * 1_000_000L, chunkEnd * 1_000_000L), stepMillis, settings.maxSeries())) {
                SeriesTracker tracker = trackers.seen(series.id());
                fed.add(tracker);
                double[] values = series.values();
                for (int i = 0; i < values.length; i++) {
                    long at = series.startMillis() + i * stepMillis;
                    if (at < chunk || at >= chunkEnd) {
                        continue;
                    }
                    collect(tracker.update(at, stepMillis, values[i]), emitFrom, emitTo, sink);
                }
            }
            for (SeriesTracker tracker : trackers.all()) {
                if (!fed.contains(tracker) && tracker.id().kind().countsEvents()) {
                    for (long at = chunk; at < chunkEnd; at += stepMillis) {
                        collect(tracker.update(at, stepMillis, 0), emitFrom, emitTo, sink);
                    }
                }
            }
        }
    }

    private static void collect(Anomaly closed, long emitFrom, long emitTo, List<Anomaly> sink) {
        if (closed != null && closed.onset().toEpochMilli() >= emitFrom && closed.onset().toEpochMilli() < emitTo) {
            sink.add(closed);
        }
    }

    /** End of the last whole step that ended at least one step before {@code nowMillis}. */
    private long lastWholeStepEnd(long nowMillis) {
        return Math.floorDiv(nowMillis - stepMillis, stepMillis) * stepMillis;
    }

    private long align(long millis) {
        return Math.floorDiv(millis, stepMillis) * stepMillis;
    }

    private long ceil(long millis) {
        return Math.floorDiv(millis + stepMillis - 1, stepMillis) * stepMillis;
    }
}
