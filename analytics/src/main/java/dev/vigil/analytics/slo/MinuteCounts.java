package dev.vigil.analytics.slo;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Good and total counts per minute, with prefix sums so that any minute range sums in
 * O(log minutes). Immutable and thread-safe once built.
 */
final class MinuteCounts {
    static final long MINUTE_MILLIS = 60_000L;
    static final MinuteCounts EMPTY = new MinuteCounts(new long[0], new long[1], new long[1]);

    /** Epoch minutes with events, ascending. */
    private final long[] minutes;
    /** {@code goodPrefix[i]} = good events of the minutes before index i. */
    private final long[] goodPrefix;
    private final long[] totalPrefix;

    private MinuteCounts(long[] minutes, long[] goodPrefix, long[] totalPrefix) {
        this.minutes = minutes;
        this.goodPrefix = goodPrefix;
        this.totalPrefix = totalPrefix;
    }

    /** @param cells epoch minute → {good, total} */
    static MinuteCounts of(Map<Long, long[]> cells) {
        if (cells.isEmpty()) {
            return EMPTY;
        }
        TreeMap<Long, long[]> sorted = new TreeMap<>(cells);
        long[] minutes = new long[sorted.size()];
        long[] good = new long[minutes.length + 1];
        long[] total = new long[minutes.length + 1];
        int i = 0;
        for (Map.Entry<Long, long[]> cell : sorted.entrySet()) {
            minutes[i] = cell.getKey();
            good[i + 1] = good[i] + cell.getValue()[0];
            total[i + 1] = total[i] + cell.getValue()[1];
            i++;
        }
        return new MinuteCounts(minutes, good, total);
    }

    /**
     * The counts of the minutes that start in {@code [fromMillis, toMillis)}: a window ending
     * mid-minute includes that minute's events so far, and one starting mid-minute leaves out
     * the part before the next minute.
     */
    Counts sum(long fromMillis, long toMillis) {
        int from = firstAtOrAfter(Math.floorDiv(fromMillis + MINUTE_MILLIS - 1, MINUTE_MILLIS));
        int to = firstAtOrAfter(Math.floorDiv(toMillis + MINUTE_MILLIS - 1, MINUTE_MILLIS));
        if (to <= from) {
            return Counts.ZERO;
        }
        return new Counts(goodPrefix[to] - goodPrefix[from], totalPrefix[to] - totalPrefix[from]);
    }

    int size() {
        return minutes.length;
    }

    private int firstAtOrAfter(long minute) {
        int index = Arrays.binarySearch(minutes, minute);
        return index >= 0 ? index : -index - 1;
    }
}
