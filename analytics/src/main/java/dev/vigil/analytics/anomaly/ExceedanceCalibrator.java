package dev.vigil.analytics.anomaly;

/**
 * Judges a feature value against the largest value of the same feature in the recent past (a
 * sliding window kept as block maxima): the surprise is their ratio, so only a value beyond
 * anything seen lately stands out. Repeats of an event are not surprising once the event is in the
 * window, which keeps alarms sparse, and a daily pattern that recurs within the window never
 * alarms.
 *
 * <p>The window grows with the stream: it covers at least {@code minBlocks} blocks and otherwise
 * a fixed share of everything seen, up to the blocks kept. A series watched for weeks must beat
 * its last week or so to surprise, not only its last few days: bursty series (message volumes)
 * set a new few-day maximum every few days without anything being wrong.
 *
 * <p>O(1) amortised time; state is {@code maxBlocks} doubles. Not thread-safe.
 */
final class ExceedanceCalibrator {
    private final double[] blockMax;
    private final int blockSize;
    private final int minBlocks;
    private final double memoryShare;
    private final double floor;
    private int filled;
    private int head;
    private double current;
    private int inBlock;
    private double windowMax;
    private long seen;

    /**
     * @param minBlocks   blocks always remembered once seen
     * @param maxBlocks   blocks kept at most (the state)
     * @param blockSize   points per block
     * @param memoryShare share of all points seen that the window covers when that is more than
     *                    {@code minBlocks} blocks
     * @param floor       smallest maximum assumed, so that a feature that never moved does not make
     *                    its first wiggle an infinite surprise
     */
    ExceedanceCalibrator(int minBlocks, int maxBlocks, int blockSize, double memoryShare, double floor) {
        this.blockMax = new double[Math.max(minBlocks, maxBlocks)];
        this.blockSize = blockSize;
        this.minBlocks = minBlocks;
        this.memoryShare = memoryShare;
        this.floor = floor;
    }

    /** Feeds one feature value (≥ 0) and returns its ratio to the recent maximum (before this value). */
    double update(double feature) {
        double reference = Math.max(Math.max(windowMax, current), floor);
        double ratio = feature / reference;
        current = Math.max(current, feature);
        seen++;
        if (++inBlock == blockSize) {
            blockMax[head] = current;
            head = head + 1 == blockMax.length ? 0 : head + 1;
            filled = Math.min(filled + 1, blockMax.length);
            int use = (int) Math.min(filled, Math.max(minBlocks, memoryShare * seen / blockSize));
            double m = 0;
            for (int i = 1; i <= use; i++) {
                int slot = head - i;
                m = Math.max(m, blockMax[slot < 0 ? slot + blockMax.length : slot]);
            }
            windowMax = m;
            current = 0;
            inBlock = 0;
        }
        return ratio;
    }
}
