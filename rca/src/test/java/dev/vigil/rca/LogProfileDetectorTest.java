package dev.vigil.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.rca.SpanEvidenceCollector.Latency;
import dev.vigil.rca.SpanEvidenceCollector.SpanEvidence;
import org.junit.jupiter.api.Test;

/**
 * Per-call log profiles: a statement that stops being written is a changed code path, but a
 * warning that stops being written is a recovery.
 */
class LogProfileDetectorTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_800_000_000L * SECOND;
    private static final AnalysisFrame FRAME = AnalysisFrame.of(new TimeRange(T0 + 600 * SECOND, T0 + 900 * SECOND),
            new TimeRange(T0, T0 + 600 * SECOND));

    /** 40 calls of one operation in each period; {@code statement} is written in every normal call and never in the window. */
    private static Map<String, LogProfileDetector.ProfileChange> vanishing(boolean warning) {
        LogFlows logs = new LogFlows(FRAME);
        int start = logs.addTemplate("contacts", false, "find contacts start");
        int statement = logs.addTemplate("contacts", warning, warning ? "lookup retried" : "contacts found");
        Latency operation = new Latency("contacts", "ContactsController.find");
        Map<String, Latency> bySpan = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            String normalSpan = "n" + i;
            String windowSpan = "w" + i;
            operation.add(false, 1, false);
            operation.add(true, 1, false);
            bySpan.put(normalSpan, operation);
            bySpan.put(windowSpan, operation);
            logs.add(T0 + i * SECOND, start, "tn" + i, normalSpan, false);
            logs.add(T0 + i * SECOND + 1, statement, "tn" + i, normalSpan, false);
            logs.add(T0 + 610 * SECOND + i * SECOND, start, "tw" + i, windowSpan, true);
        }
        SpanEvidence spans = new SpanEvidence(new CallGraph(), Map.of("contacts", operation),
                Map.of("contacts", List.of(operation)), Map.of(), bySpan, 80, false);
        return new LogProfileDetector().detect(logs, spans);
    }

    @Test
    void aStatementThatStopsBeingWrittenIsAChangedPath() {
        LogProfileDetector.ProfileChange change = vanishing(false).get("contacts");
        assertFalse(change.appeared());
        assertEquals(40, change.normalCount());
        assertEquals(0, change.windowCount());
        assertTrue(change.score() > 0.9, change.toString());
    }

    @Test
    void aWarningThatStopsBeingWrittenIsARecoveryNotACause() {
        assertFalse(vanishing(true).containsKey("contacts"), vanishing(true).toString());
    }
}
