package dev.vigil.analytics.anomaly;

import java.util.Arrays;

/**
 * Judges a feature value against the largest values of the same feature in the past (a sliding
 * window kept as block maxima): the surprise is the ratio of the value to the reference, the
 * geometric mean of the {@code topBlocks} largest block maxima in the window (and at least the
 * maximum of the current block). So only a value beyond what was seen lately stands out, and a
 * daily pattern that recurs within the window never alarms; but one or two past incidents raise the
 * bar only part of the way (on a log scale), so a later incident of similar size still shows, while
 * a series that is regularly spiky has many similar maxima and needs a new high.
 *
 * <p>The window grows with the stream: it covers at least {@code minBlocks} blocks and otherwise
 * a fixed share of everything seen, up to the blocks kept. A series watched for weeks must beat
 * its last week or so to surprise, not only its last few days: bursty series (message volumes)
 * set a new few-day maximum every few days without anything being wrong.
 *
 * <p>O(1) amortised time (the reference is recomputed once per block); state is {@code maxBlocks}
 * doubles. Not thread-safe.
 */
final class ExceedanceCalibrator {
    private final double[] blockMax;
    private final double[] top;
    private final int blockSize;
    private final int minBlocks;
    private final double memoryShare;
    private final double floor;
    private int filled;
    private int head;
    private double current;
    private int inBlock;
    private double reference;
    private long seen;

    /**
     * @param minBlocks   blocks always remembered once seen
     * @param maxBlocks   blocks kept at most (the state)
     * @param blockSize   points per block
     * @param memoryShare share of all points seen that the window covers when that is more than
     *                    {@code minBlocks} blocks
     * @param topBlocks   largest block maxima averaged (geometrically) into the reference; 1 makes
     *                    the reference the plain maximum
     * @param floor       smallest reference assumed, so that a feature that never moved does not
     *                    make its first wiggle an infinite surprise
     */
    ExceedanceCalibrator(int minBlocks, int maxBlocks, int blockSize, double memoryShare, int topBlocks, double floor) {
        if (topBlocks < 1 || topBlocks > minBlocks) {
            throw new IllegalArgumentException("need 1 <= topBlocks <= minBlocks, got " + topBlocks);
        }
        this.blockMax = new double[Math.max(minBlocks, maxBlocks)];
        this.top = new double[topBlocks];
        this.blockSize = blockSize;
        this.minBlocks = minBlocks;
        this.memoryShare = memoryShare;
        this.floor = floor;
    }

    /** Feeds one feature value (≥ 0) and returns its ratio to the reference (before this value). */
    double update(double feature) {
        double ratio = feature / Math.max(Math.max(reference, current), floor);
        current = Math.max(current, feature);
        seen++;
        if (++inBlock == blockSize) {
            blockMax[head] = current;
            head = head + 1 == blockMax.length ? 0 : head + 1;
            filled = Math.min(filled + 1, blockMax.length);
            reference = reference((int) Math.min(filled, Math.max(minBlocks, memoryShare * seen / blockSize)));
            current = 0;
            inBlock = 0;
        }
        return ratio;
    }

    /** Geometric mean of the largest (non-zero) block maxima among the newest {@code blocks} blocks; 0 while none. */
    private double reference(int blocks) {
        Arrays.fill(top, 0);
        int last = top.length - 1;
        for (int i = 1; i <= blocks; i++) {
            int slot = head - i;
            double v = blockMax[slot < 0 ? slot + blockMax.length : slot];
            if (v > top[last]) {
                int j = last;
                while (j > 0 && top[j - 1] < v) {
                    top[j] = top[j - 1];
                    j--;
                }
                top[j] = v;
            }
        }
        // While fewer blocks than asked for have moved, average the ones that have: an empty slot
        // would make the reference 0 and every young wiggle a surprise.
        double product = 1;
        int known = 0;
        for (double t : top) {
            if (t > 0) {
                product *= t;
                known++;
            }
        }
        return known == 0 ? 0 : Math.pow(product, 1.0 / known);
    }
}
