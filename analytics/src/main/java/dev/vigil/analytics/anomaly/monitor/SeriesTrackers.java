package dev.vigil.analytics.anomaly.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.anomaly.StreamingAnomalyDetector;

/**
 * The trackers of one run of the monitor, at most {@code maxSeries}: when a new series would pass
 * the bound, the one seen least recently is dropped (its state is only a detector's memory; it
 * starts fresh if it comes back). Not thread-safe.
 */
final class SeriesTrackers {
    private final LinkedHashMap<String, SeriesTracker> trackers;
    private final MonitorSettings settings;
    private final long stepMillis;
    private long evicted;

    SeriesTrackers(MonitorSettings settings, long stepMillis) {
        this.settings = settings;
        this.stepMillis = stepMillis;
        int max = settings.maxSeries();
        // Access order: get() on a series that has data moves it to the young end.
        this.trackers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SeriesTracker> eldest) {
                if (size() > max) {
                    evicted++;
                    return true;
                }
                return false;
            }
        };
    }

    /** The tracker of a series that has data now, created when new. */
    SeriesTracker seen(SignalId id) {
        String key = id.kind().label() + '\u0000' + id.series();
        SeriesTracker tracker = trackers.get(key);
        if (tracker == null) {
            int maxSteps = (int) Math.max(1, settings.maxEpisode().toMillis() / stepMillis);
            tracker = new SeriesTracker(id, new StreamingAnomalyDetector(), settings.threshold(), maxSteps, minScale(id.kind()));
            trackers.put(key, tracker);
        }
        return tracker;
    }

    /** Trackers in least-recently-seen order; iterating does not change the order. */
    List<SeriesTracker> all() {
        return new ArrayList<>(trackers.values());
    }

    int size() {
        return trackers.size();
    }

    long evicted() {
        return evicted;
    }

    /** See {@link SeriesTracker}: one event per step for counts, one point for error rates, 1 ms for latency. */
    private double minScale(SignalKind kind) {
        return switch (kind) {
            case REQUEST_RATE, LOG_RATE, TEMPLATE_RATE -> 1.0 / (stepMillis / 1000.0);
            case ERROR_RATE -> 0.01;
            case LATENCY_P95 -> 1.0;
            case METRIC -> 0;
        };
    }
}
