package dev.vigil.rca;

import dev.vigil.analytics.anomaly.StreamingAnomalyDetector;

/**
 * The streaming detector's view of when a departure began: the first step, shortly before the
 * robust run's start, at which the detector (fed causally from the series' first step) alarmed
 * in the run's direction. The robust run says whether a signal is anomalous and how much; the
 * detector, which also weighs steps, shifts and new shapes, often alarms a few steps before the
 * departure reaches the robust threshold. Stateless and thread-safe.
 */
final class StreamingOnset {
    /** The detector's operating threshold. */
    static final double ALARM = dev.vigil.analytics.anomaly.StreamingAnomalyDetector.DEFAULT.alarmLevel();
    /** How many steps before the robust run's start an alarm may still belong to it. */
    static final int MAX_LEAD = 10;

    private StreamingOnset() {
    }

    /**
     * @param values      the step series
     * @param runStart    first step of the robust run
     * @param notBefore   first step an onset may have (the end of the baseline)
     * @param baseline    the baseline median; an alarm counts only if its value lies on the run's side of it
     * @param sign        +1 for a rise, -1 for a fall
     * @return the alarm's step, or -1 when the detector did not alarm in that stretch
     */
    static int find(double[] values, int runStart, int notBefore, double baseline, double sign) {
        StreamingAnomalyDetector detector = new StreamingAnomalyDetector();
        int from = Math.max(notBefore, runStart - MAX_LEAD);
        for (int i = 0; i <= runStart && i < values.length; i++) {
            double score = detector.update(values[i]);
            if (i >= from && score >= ALARM && !Double.isNaN(values[i]) && sign * (values[i] - baseline) > 0) {
                return i;
            }
        }
        return -1;
    }
}
