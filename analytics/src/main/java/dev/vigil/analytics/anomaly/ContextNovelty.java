package dev.vigil.analytics.anomaly;

/**
 * Share of never-seen contexts: the value is quantised into bins fixed after a warm-up (from the
 * range seen so far), and the contexts "this bin", "previous bin → this bin" and "the two before →
 * this bin" are looked up in a fixed-size bit set of everything seen. A flat stretch in a busy
 * signal, a value outside the learned range, or a new shape all produce unseen contexts.
 * Bounded state (the bit set); collisions only make it quieter. Not thread-safe.
 */
final class ContextNovelty {
    private static final int BITS = 1 << 14;
    private final long[] seen = new long[BITS / 64];
    private final int bins;
    private final int warmup;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double origin;
    private double width;
    private long previous1 = Long.MIN_VALUE;
    private long previous2 = Long.MIN_VALUE;
    private long count;

    ContextNovelty(int bins, int warmup) {
        this.bins = bins;
        this.warmup = warmup;
    }

    /** Returns the share of unseen contexts in [0, 1]; 0 during warm-up. */
    double update(double x) {
        count++;
        if (count <= warmup) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            if (count == warmup) {
                double range = max - min;
                width = range > 0 ? range / bins : Math.max(Math.abs(max) * 0.01, 1e-9);
                origin = min;
            }
            return 0;
        }
        long bin = (long) Math.floor((x - origin) / width);
        int novel = 0;
        novel += mark(mix(bin, 0x9E3779B97F4A7C15L)) ? 1 : 0;
        novel += mark(mix(bin * 31 + previous1, 0xC2B2AE3D27D4EB4FL)) ? 1 : 0;
        novel += mark(mix((bin * 31 + previous1) * 31 + previous2, 0x165667B19E3779F9L)) ? 1 : 0;
        previous2 = previous1;
        previous1 = bin;
        return novel / 3.0;
    }

    /** Sets the bit of {@code hash}; true when it was not set before. */
    private boolean mark(long hash) {
        int bit = (int) (hash >>> 50) & (BITS - 1);
        long mask = 1L << (bit & 63);
        int word = bit >>> 6;
        boolean fresh = (seen[word] & mask) == 0;
        seen[word] |= mask;
        return fresh;
    }

    private static long mix(long v, long seed) {
        long h = (v ^ seed) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 31)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }
}
