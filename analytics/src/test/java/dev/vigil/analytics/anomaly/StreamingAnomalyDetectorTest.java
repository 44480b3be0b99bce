package dev.vigil.analytics.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class StreamingAnomalyDetectorTest {

    private static double[] run(double[] values) {
        return run(values, StreamingAnomalyDetector.DEFAULT);
    }

    private static double[] run(double[] values, StreamingAnomalyDetector.Config config) {
        StreamingAnomalyDetector detector = new StreamingAnomalyDetector(config);
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scores[i] = detector.update(values[i]);
        }
        return scores;
    }

    private static double max(double[] scores, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, scores[i]);
        }
        return m;
    }

    private static double[] noise(long seed, int n, double level) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = level + random.nextGaussian();
        }
        return values;
    }

    @Test
    void scoresStayInTheUnitIntervalWhateverTheInput() {
        long seed = 3;
        Random random = new Random(seed);
        double[] values = new double[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(50) == 0 ? random.nextDouble() * 1e9 : random.nextGaussian();
        }
        values[100] = Double.NaN;
        values[200] = Double.POSITIVE_INFINITY;
        for (double s : run(values)) {
            assertTrue(s >= 0 && s <= 1, "seed " + seed + ": " + s);
        }
        for (double s : run(new double[3000])) {
            assertTrue(s < 0.01, "a flat line never alarms: " + s);
        }
    }

    @Test
    void aSpikeInNoiseOutscoresAllTheNoiseBeforeIt() {
        long seed = 7;
        double[] values = noise(seed, 3000, 10);
        values[2500] += 12;
        double[] scores = run(values);
        // A one-point blip is judged by the mean surprise of two points, so a 12-sigma spike only
        // just clears the alarm level; it must still clear it, and beat all the noise.
        double alarm = StreamingAnomalyDetector.DEFAULT.alarmLevel();
        assertTrue(scores[2500] >= alarm, "seed " + seed + ": spike scored " + scores[2500]);
        assertTrue(max(scores, 1000, 2500) < scores[2500], "seed " + seed + ": noise reached " + max(scores, 1000, 2500));
    }

    @Test
    void aLevelShiftAlarmsAtItsOnsetAndRarelyAfter() {
        long seed = 11;
        double[] values = noise(seed, 4000, 0);
        for (int i = 3000; i < values.length; i++) {
            values[i] += 8;
        }
        double[] scores = run(values);
        double onset = max(scores, 3000, 3005);
        assertTrue(onset > 0.6, "seed " + seed + ": onset scored " + onset);
        int repeats = 0;
        for (int i = 3010; i < 4000; i++) {
            repeats += scores[i] >= 0.5 ? 1 : 0;
        }
        assertTrue(repeats <= 3, "seed " + seed + ": the shifted level kept alarming, " + repeats + " times");
    }

    @Test
    void aDailyCycleIsLearnedAndItsFlatteningIsCaught() {
        long seed = 5;
        Random random = new Random(seed);
        int period = 288;
        double[] values = new double[period * 14];
        for (int i = 0; i < values.length; i++) {
            values[i] = 50 + 20 * Math.sin(2 * Math.PI * i / period) + random.nextGaussian();
        }
        int flatFrom = period * 11 + period / 4;
        for (int i = flatFrom; i < flatFrom + period; i++) {
            values[i] = 50 + random.nextGaussian() * 0.1;
        }
        double[] scores = run(values);
        double flat = max(scores, flatFrom, flatFrom + period / 2);
        assertTrue(flat > 0.6, "seed " + seed + ": flat stretch scored only " + flat);
    }

    @Test
    void aRepeatOfAnIncidentAlarmsAgain() {
        long seed = 17;
        double[] values = noise(seed, 5000, 10);
        for (int i = 0; i < 3; i++) {
            values[2000 + i] += 15;
            values[4000 + i] += 15;
        }
        double[] scores = run(values);
        double alarm = StreamingAnomalyDetector.DEFAULT.alarmLevel();
        assertTrue(max(scores, 2000, 2003) >= alarm, "seed " + seed + ": first burst scored " + max(scores, 2000, 2003));
        assertTrue(max(scores, 4000, 4003) >= alarm, "seed " + seed + ": the same burst again scored " + max(scores, 4000, 4003));
    }

    @Test
    void aRepeatWithinTheSameEpisodeIsAFollowUpNotANewAlarm() {
        long seed = 7;
        double[] values = noise(seed, 5000, 10);
        for (int i = 0; i < 3; i++) {
            values[3000 + i] += 15;
            values[3060 + i] += 16; // after the silence, but well within the episode (4% of 3000 points)
            values[4500 + i] += 16; // long after the episode
        }
        StreamingAnomalyDetector.Config config = StreamingAnomalyDetector.DEFAULT;
        double alarm = config.alarmLevel();
        double[] scores = run(values);
        assertTrue(max(scores, 3000, 3003) >= alarm, "seed " + seed + ": first burst scored " + max(scores, 3000, 3003));
        double followUp = max(scores, 3060, 3063);
        assertTrue(followUp < alarm && followUp > alarm - 1e-9,
                "seed " + seed + ": the repeat within the episode should be reported just below the alarm level, was " + followUp);
        assertTrue(max(scores, 4500, 4503) >= alarm, "seed " + seed + ": a burst long after scored " + max(scores, 4500, 4503));

        // Without episodes the same repeat is an alarm: the episode rule is what holds it back.
        StreamingAnomalyDetector.Config noEpisodes = new StreamingAnomalyDetector.Config(config.slowAlpha(), config.clip(),
                config.shortAlpha(), config.noveltyBins(), config.learn(), config.warmup(), config.memoryBlocks(),
                config.blockSize(), config.decay(), config.seasonalAlpha(), config.memoryShare(), config.maxMemoryBlocks(),
                config.referenceBlocks(), config.alarmLevel(), config.restPoints(), config.restEscape(), 0);
        double repeat = max(run(values, noEpisodes), 3060, 3063);
        assertTrue(repeat >= alarm, "seed " + seed + ": without episodes the repeat scored " + repeat);
    }

    @Test
    void anEventThatKeepsGrowingRaisesOneAlarm() {
        long seed = 19;
        double[] values = noise(seed, 3000, 0);
        // A ramp: each point is a new high for every detector for 20 points.
        for (int i = 2500; i < values.length; i++) {
            values[i] += Math.min(i - 2499, 20) * 1.5;
        }
        double[] scores = run(values);
        double alarm = StreamingAnomalyDetector.DEFAULT.alarmLevel();
        int alarms = 0;
        int first = -1;
        for (int i = 2500; i < 2500 + StreamingAnomalyDetector.DEFAULT.restPoints(); i++) {
            if (scores[i] >= alarm) {
                alarms++;
                first = first < 0 ? i : first;
            }
        }
        assertEquals(1, alarms, "seed " + seed + ": alarms during the ramp");
        assertTrue(first < 2505, "seed " + seed + ": the alarm came late, at row " + first);
    }

    @Test
    void anAlarmDoesNotHideAFarLargerEventRightAfterIt() {
        double alarm = StreamingAnomalyDetector.DEFAULT.alarmLevel();
        int silenced = 0;
        for (long seed = 1; seed <= 300; seed++) {
            double[] values = noise(seed, 2005, 0);
            for (int i = 2000; i < values.length; i++) {
                values[i] += 30;
            }
            double[] scores = run(values);
            boolean alarmedBefore = max(scores, 1970, 2000) >= alarm;
            silenced += alarmedBefore ? 1 : 0;
            assertTrue(max(scores, 2000, 2005) >= alarm, "seed " + seed + ": a 30-sigma step went unreported"
                    + (alarmedBefore ? " after a noise alarm" : ""));
        }
        assertTrue(silenced >= 5, "too few noise alarms right before the step to test the silence: " + silenced);
    }

    @Test
    void aPointsScoreDoesNotDependOnLaterPoints() {
        long seed = 13;
        double[] a = noise(seed, 2000, 5);
        double[] b = a.clone();
        for (int i = 1500; i < b.length; i++) {
            b[i] = 1000;
        }
        double[] sa = run(a);
        double[] sb = run(b);
        for (int i = 0; i < 1500; i++) {
            assertEquals(sa[i], sb[i], 0.0, "row " + i);
        }
    }
}
