package dev.vigil.analytics.requests;

import java.util.Arrays;

/**
 * The durations of a set of requests, reduced to what {@link LatencySummary} needs, in memory
 * that does not grow with the number of requests.
 *
 * <p>The first {@link #EXACT_LIMIT} durations are kept as they are, so small sets (a quiet
 * endpoint, a short bucket) get exact nearest-rank percentiles. Past that they move into a
 * log-scale histogram whose cells are 1/64 of a power of two wide (durations below 128 µs keep
 * one cell per microsecond); a percentile is then the midpoint of its cell, at most 1/128 (0.8%)
 * from the exact value, and never outside [min, max]. Count, total and max stay exact. Sorting
 * every duration instead (what percentiles over millions of requests used to cost) took most of
 * an endpoint-statistics read.
 *
 * <p>Memory: at most {@link #EXACT_LIMIT} longs, then one int per cell between the smallest and
 * largest duration seen (about 640 cells for 1 ms .. 1 s). Not thread-safe: one recorder belongs to
 * one computation.
 */
final class LatencyRecorder {
    /** Sets up to this size keep exact durations. */
    static final int EXACT_LIMIT = 256;
    private static final int SUB_BITS = 6;
    private static final int SUB_CELLS = 1 << SUB_BITS;
    private static final int MAX_INDEX = index(Long.MAX_VALUE);

    /** The exact durations while the set is small; null once they moved into {@link #cells}. */
    private long[] exact = new long[8];
    private int exactSize;
    /** {@code cells[i]} counts the durations whose cell index is {@code cellOffset + i}. */
    private int[] cells;
    private int cellOffset;
    private long count;
    private long totalMicros;
    private long minMicros = Long.MAX_VALUE;
    private long maxMicros = Long.MIN_VALUE;

    /** Adds one duration in microseconds (negative ones count as 0). */
    void record(long micros) {
        long value = Math.max(0, micros);
        count++;
        totalMicros += value;
        minMicros = Math.min(minMicros, value);
        maxMicros = Math.max(maxMicros, value);
        if (exact != null) {
            if (exactSize < EXACT_LIMIT) {
                if (exactSize == exact.length) {
                    exact = Arrays.copyOf(exact, exactSize * 2);
                }
                exact[exactSize++] = value;
                return;
            }
            moveToCells();
        }
        addToCell(index(value), 1);
    }

    /** Adds every duration of {@code other}, which is left unchanged. */
    void merge(LatencyRecorder other) {
        if (other.count == 0) {
            return;
        }
        if (exact != null && other.exact != null && exactSize + other.exactSize <= EXACT_LIMIT) {
            if (exactSize + other.exactSize > exact.length) {
                exact = Arrays.copyOf(exact, Math.max(exact.length * 2, exactSize + other.exactSize));
            }
            System.arraycopy(other.exact, 0, exact, exactSize, other.exactSize);
            exactSize += other.exactSize;
        } else {
            if (exact != null) {
                moveToCells();
            }
            if (other.exact != null) {
                for (int i = 0; i < other.exactSize; i++) {
                    addToCell(index(other.exact[i]), 1);
                }
            } else {
                for (int i = 0; i < other.cells.length; i++) {
                    if (other.cells[i] != 0) {
                        addToCell(other.cellOffset + i, other.cells[i]);
                    }
                }
            }
        }
        count += other.count;
        totalMicros += other.totalMicros;
        minMicros = Math.min(minMicros, other.minMicros);
        maxMicros = Math.max(maxMicros, other.maxMicros);
    }

    long count() {
        return count;
    }

    /** Percentiles in milliseconds; {@link LatencySummary#EMPTY} when nothing was recorded. */
    LatencySummary summary() {
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        double p50;
        double p95;
        double p99;
        if (exact != null) {
            long[] sorted = Arrays.copyOf(exact, exactSize);
            Arrays.sort(sorted);
            p50 = sorted[rank(0.50) - 1];
            p95 = sorted[rank(0.95) - 1];
            p99 = sorted[rank(0.99) - 1];
        } else {
            p50 = fromCells(rank(0.50));
            p95 = fromCells(rank(0.95));
            p99 = fromCells(rank(0.99));
        }
        return new LatencySummary(count, p50 / 1000.0, p95 / 1000.0, p99 / 1000.0, maxMicros / 1000.0, totalMicros / 1000.0);
    }

    /** Nearest rank, 1-based: the definition SLO tooling uses. */
    private int rank(double q) {
        return (int) Math.max(1, Math.min(count, (long) Math.ceil(q * count)));
    }

    private double fromCells(long rank) {
        long seen = 0;
        for (int i = 0; i < cells.length; i++) {
            seen += cells[i];
            if (seen >= rank) {
                int index = cellOffset + i;
                double midpoint = lowerBound(index) + (width(index) - 1) / 2.0;
                return Math.max(minMicros, Math.min(maxMicros, midpoint));
            }
        }
        return maxMicros;
    }

    private void moveToCells() {
        long[] values = exact;
        int size = exactSize;
        exact = null;
        exactSize = 0;
        for (int i = 0; i < size; i++) {
            addToCell(index(values[i]), 1);
        }
    }

    private void addToCell(int index, int n) {
        if (cells == null) {
            cellOffset = Math.max(0, index - 16);
            cells = new int[Math.min(MAX_INDEX + 1 - cellOffset, 64)];
        } else if (index < cellOffset || index >= cellOffset + cells.length) {
            // Grow with slack on the side that overflowed: the range settles after a few values.
            int low = Math.min(cellOffset, Math.max(0, index - 32));
            int high = Math.max(cellOffset + cells.length - 1, Math.min(MAX_INDEX, index + 32));
            int[] grown = new int[high - low + 1];
            System.arraycopy(cells, 0, grown, cellOffset - low, cells.length);
            cells = grown;
            cellOffset = low;
        }
        cells[index - cellOffset] += n;
    }

    /** The cell of a non-negative duration; monotonic in {@code micros}. */
    static int index(long micros) {
        if (micros < 2 * SUB_CELLS) {
            return (int) micros;
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - SUB_BITS;
        return ((shift + 1) << SUB_BITS) + (int) ((micros >>> shift) & (SUB_CELLS - 1));
    }

    /** The smallest duration in a cell. */
    static long lowerBound(int index) {
        if (index < 2 * SUB_CELLS) {
            return index;
        }
        int shift = (index >>> SUB_BITS) - 1;
        return (long) (SUB_CELLS + (index & (SUB_CELLS - 1))) << shift;
    }

    /** How many durations a cell holds. */
    static long width(int index) {
        return index < 2 * SUB_CELLS ? 1 : 1L << ((index >>> SUB_BITS) - 1);
    }
}
