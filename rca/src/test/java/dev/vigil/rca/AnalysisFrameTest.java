package dev.vigil.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import dev.vigil.analytics.TimeRange;
import org.junit.jupiter.api.Test;

class AnalysisFrameTest {
    private static final long T0 = IncidentGenerator.T0;
    private static final long MINUTE = IncidentGenerator.MINUTE;

    @Test
    void halfHourWindow() {
        TimeRange window = new TimeRange(T0 + 115 * MINUTE, T0 + 145 * MINUTE);
        AnalysisFrame frame = AnalysisFrame.around(window);
        assertEquals(window, frame.window());
        // 90 min of lookback; the baseline stops one window (30 min) before the window.
        assertEquals(new TimeRange(T0 + 25 * MINUTE, T0 + 85 * MINUTE), frame.baseline());
        assertEquals(new TimeRange(T0 + 25 * MINUTE, T0 + 145 * MINUTE), frame.analysis());
        assertEquals(30_000, frame.stepMillis());
        long start = (T0 + 25 * MINUTE) / 1_000_000L;
        assertEquals(120, frame.baselineEndIndex(start, 30_000));
        assertEquals(180, frame.windowStartIndex(start, 30_000));
        assertEquals(239, frame.windowEndIndex(start, 30_000));
        assertEquals(60, frame.baselineEndIndex(start, 60_000));
        assertEquals(90, frame.windowStartIndex(start, 60_000));
        assertEquals(119, frame.windowEndIndex(start, 60_000));
    }

    @Test
    void shortWindowKeepsTheMinimumLookbackAndAShortGap() {
        TimeRange window = new TimeRange(T0 + 100 * MINUTE, T0 + 105 * MINUTE);
        AnalysisFrame frame = AnalysisFrame.around(window);
        assertEquals(new TimeRange(T0 + 10 * MINUTE, T0 + 95 * MINUTE), frame.baseline());
        assertEquals(T0 + 10 * MINUTE, frame.analysis().fromNanos());
        assertEquals(30_000, frame.stepMillis());
    }

    @Test
    void longWindowLooksBackThreeWindowsWithAHalfHourGap() {
        TimeRange window = new TimeRange(T0, T0 + 240 * MINUTE);
        AnalysisFrame frame = AnalysisFrame.around(window);
        assertEquals(new TimeRange(T0 - 720 * MINUTE, T0 - 30 * MINUTE), frame.baseline());
        assertEquals(Duration.ofHours(16), frame.analysis().length());
        assertEquals(300_000, frame.stepMillis());
    }
}
