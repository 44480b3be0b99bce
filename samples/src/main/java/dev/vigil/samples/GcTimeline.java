package dev.vigil.samples;

import java.util.ArrayList;
import java.util.List;

import static dev.vigil.samples.Timeline.*;

/**
 * The stop-the-world pauses of one service's JVM over the whole simulation, and the heap that
 * follows from them: used heap is the live set plus what was allocated since the last pause.
 * Requests that overlap a pause are stalled by it, so GC trouble shows in latency by itself.
 */
final class GcTimeline {
    /** Above this a pause is logged as a warning. */
    static final double WARN_PAUSE_MS = 200;

    final Service service;
    private final long[] start;
    private final long[] end;
    private final boolean[] old;
    private final double wander;

    private GcTimeline(Service service, double wander, List<long[]> pauses) {
        this.service = service;
        this.wander = wander;
        int n = pauses.size();
        start = new long[n];
        end = new long[n];
        old = new boolean[n];
        for (int i = 0; i < n; i++) {
            long[] p = pauses.get(i);
            start[i] = p[0];
            end[i] = p[1];
            old[i] = p[2] != 0;
        }
    }

    static GcTimeline build(Service service, Rng rng) {
        List<long[]> pauses = new ArrayList<>();
        double wander = rng.uniform(0, 2 * StrictMath.PI);
        long t = SIMULATION_START + (long) (rng.uniform(0, service.gcEverySeconds) * SECOND);
        while (t < END) {
            if (service == Service.INVENTORY && t >= INVENTORY_OOM && t < INVENTORY_JVM_START) {
                t = INVENTORY_JVM_START + (long) (rng.uniform(1.5, 4.0) * SECOND);
                continue;
            }
            double live = live(service, t, wander);
            double headroom = 0.985 - live;
            double interval = service.gcEverySeconds * clamp(headroom / 0.6, 0.05, 1.0) * rng.uniform(0.7, 1.3);
            boolean isOld = false;
            double pauseMs;
            double oldChance = clamp((live - 0.70) / 0.2, 0, 0.6);
            if (oldChance > 0 && rng.chance(oldChance)) {
                isOld = true;
                double severity = StrictMath.pow(clamp((live - 0.72) / 0.25, 0, 1.2), 1.5);
                pauseMs = rng.logNormal(250 + 3000 * severity, 0.2);
            } else if (service.pauseOutliers > 0 && rng.chance(service.pauseOutliers)) {
                pauseMs = rng.uniform(180, 330);
            } else {
                pauseMs = rng.logNormal(service.youngPauseMs * (1 + 3 * Math.max(0, live - 0.6) / 0.35), 0.3);
            }
            long pauseStart = t;
            long pauseEnd = t + Math.round(pauseMs * 10) * 100_000L;
            if (service == Service.INVENTORY && pauseStart < INVENTORY_OOM && pauseEnd >= INVENTORY_OOM) {
                t = INVENTORY_OOM;
                continue;
            }
            pauses.add(new long[] {pauseStart, pauseEnd, isOld ? 1 : 0});
            t = pauseEnd + (long) (interval * SECOND);
        }
        return new GcTimeline(service, wander, pauses);
    }

    /** Live set fraction at {@code t}; for inventory this is where the leak lives. */
    static double live(Service service, long t, double wander) {
        double base = service.live + 0.008 * StrictMath.sin(wander + 2 * StrictMath.PI * (t - START) / (47.0 * MINUTE));
        if (service != Service.INVENTORY || t < INVENTORY_LEAK_START) {
            return base;
        }
        if (t < INVENTORY_JVM_START) {
            double x = (double) (t - INVENTORY_LEAK_START) / (INVENTORY_LEAK_FULL - INVENTORY_LEAK_START);
            return Math.min(0.975, base + (0.95 - service.live) * x);
        }
        // A fresh JVM: the caches warm up again over a few minutes, without the leaked entries.
        double x = Math.min(1.0, (double) (t - INVENTORY_JVM_START) / (7 * MINUTE));
        return 0.12 + (base - 0.12) * x;
    }

    double live(long t) {
        return live(service, t, wander);
    }

    /** Used heap in bytes at {@code t}: the live set plus the young generation filled since the last pause. */
    long heapUsed(long t) {
        int i = lastEndingBefore(t);
        long from = i >= 0 ? end[i] : SIMULATION_START;
        if (service == Service.INVENTORY && t >= INVENTORY_JVM_START && from < INVENTORY_JVM_START) {
            from = INVENTORY_JVM_START;
        }
        long to = i + 1 < start.length ? start[i + 1] : END;
        double fill = to > from ? clamp((double) (t - from) / (to - from), 0, 1) : 1;
        double live = live(t);
        double used = live + fill * Math.max(0, Math.min(service.young, 0.975 - live));
        return Math.round(used * service.heapMaxBytes);
    }

    /** Longest pause that ended in (from, to], in seconds; what Micrometer's gauge shows. */
    double maxPauseSeconds(long from, long to) {
        long max = 0;
        for (int i = lastEndingBefore(to); i >= 0 && end[i] > from; i--) {
            max = Math.max(max, end[i] - start[i]);
        }
        return max / 1e9;
    }

    /** Share of (from, to] spent in pauses. */
    double pausedFraction(long from, long to) {
        long paused = 0;
        for (int i = lastEndingBefore(to + 60 * SECOND); i >= 0 && end[i] > from; i--) {
            long a = Math.max(from, start[i]);
            long b = Math.min(to, end[i]);
            if (b > a) {
                paused += b - a;
            }
        }
        return (double) paused / (to - from);
    }

    /** How much longer work that starts at {@code from} and needs {@code work} nanoseconds takes because of pauses. */
    long stall(long from, long work) {
        int i = lastEndingBefore(from) + 1;
        long finish = from + work;
        long added = 0;
        while (i < start.length && start[i] < finish) {
            long overlap = end[i] - Math.max(start[i], from);
            added += overlap;
            finish += overlap;
            i++;
        }
        return added;
    }

    /** Pauses worth a warning line: {start, end, old ? 1 : 0}. */
    List<long[]> longPauses() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < start.length; i++) {
            if (end[i] - start[i] >= WARN_PAUSE_MS * 1_000_000L) {
                out.add(new long[] {start[i], end[i], old[i] ? 1 : 0});
            }
        }
        return out;
    }

    /** Index of the last pause with end <= t, or -1. */
    private int lastEndingBefore(long t) {
        int lo = 0;
        int hi = end.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
