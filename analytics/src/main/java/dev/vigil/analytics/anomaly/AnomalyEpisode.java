package dev.vigil.analytics.anomaly;

/**
 * A run of anomalous points in a scored series.
 *
 * @param start     index of the first anomalous point (the onset)
 * @param end       index of the last anomalous point
 * @param peakIndex index of the most extreme point
 * @param peakScore its score (signed: positive above the baseline)
 * @param points    anomalous points in the run
 */
public record AnomalyEpisode(int start, int end, int peakIndex, double peakScore, int points) {

    public boolean overlaps(int from, int to) {
        return start <= to && end >= from;
    }
}
