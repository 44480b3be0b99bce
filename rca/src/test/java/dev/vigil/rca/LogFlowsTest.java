package dev.vigil.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import dev.vigil.analytics.TimeRange;
import org.junit.jupiter.api.Test;

/**
 * Log flows through traces: a missing statement is blamed on the service that should have logged
 * it, on the first departure of each trace, and not on the caller that reacts to it afterwards.
 */
class LogFlowsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_800_000_000L * SECOND;
    private static final AnalysisFrame FRAME = AnalysisFrame.of(new TimeRange(T0 + 600 * SECOND, T0 + 900 * SECOND),
            new TimeRange(T0, T0 + 600 * SECOND));

    @Test
    void theServiceThatStoppedLoggingItsStatementIsTheOrigin() {
        LogFlows flows = new LogFlows(FRAME);
        int call = flows.addTemplate("checkout", false, "calling payments");
        int charge = flows.addTemplate("payments", false, "charging card");
        int charged = flows.addTemplate("payments", false, "card charged");
        int done = flows.addTemplate("checkout", false, "order placed");
        int failed = flows.addTemplate("checkout", true, "payment failed");
        for (int i = 0; i < 20; i++) {
            long at = T0 + i * 10 * SECOND;
            String trace = "n" + i;
            flows.add(at, call, trace, null, false);
            flows.add(at + 1, charge, trace, null, false);
            flows.add(at + 2, charged, trace, null, false);
            flows.add(at + 3, done, trace, null, false);
        }
        Map<String, Set<String>> visited = new java.util.HashMap<>();
        for (int i = 0; i < 10; i++) {
            long at = T0 + 610 * SECOND + i * 10 * SECOND;
            String trace = "w" + i;
            flows.add(at, call, trace, null, true);
            flows.add(at + 1, charge, trace, null, true);
            // payments stops after "charging card"; checkout then reports the failure.
            flows.add(at + 3, failed, trace, null, true);
            visited.put(trace, Set.of("checkout", "payments"));
        }
        LogFlows.FlowEvidence evidence = flows.evidence(visited);
        assertEquals(10, evidence.windowTraces());
        assertEquals(10, evidence.departedTraces());
        LogFlows.ServiceFlow payments = evidence.services().get("payments");
        assertEquals(10, payments.origins, evidence.services().toString());
        assertFalse(evidence.services().containsKey("checkout") && evidence.services().get("checkout").origins > 0);
        String cause = flows.describe(payments.topCause());
        assertTrue(cause.contains("\"charging card\"") && cause.contains("instead of \"card charged\""), cause);
        // The failure message was never logged in normal times.
        assertEquals(10, evidence.services().get("checkout").newWarnings);
    }

    @Test
    void interleavedStatementsThatStillComeAreNoDeparture() {
        LogFlows flows = new LogFlows(FRAME);
        int a = flows.addTemplate("s", false, "a");
        int b = flows.addTemplate("s", false, "b");
        int other = flows.addTemplate("t", false, "other");
        for (int i = 0; i < 10; i++) {
            flows.add(T0 + i * SECOND, a, "n" + i, null, false);
            flows.add(T0 + i * SECOND + 1, b, "n" + i, null, false);
            flows.add(T0 + i * SECOND + 2, other, "n" + i, null, false);
        }
        for (int i = 0; i < 5; i++) {
            long at = T0 + 700 * SECOND + i * SECOND;
            flows.add(at, a, "w" + i, null, true);
            flows.add(at + 1, other, "w" + i, null, true);
            flows.add(at + 2, b, "w" + i, null, true);
        }
        assertEquals(0, flows.evidence(Map.of()).departedTraces());
    }

    @Test
    void statementsKeepTheirCodeLineAndDropPerLineTokens() {
        LogFlowCollector collector = new LogFlowCollector(null);
        String shape = collector.shape("c.s.ContactsServiceImpl#34 TraceID: 0af7651916cd43dd8448eb211c80319c [find] id 42");
        assertTrue(shape.startsWith("c.s.ContactsServiceImpl#34 "), shape);
        assertEquals("a b <*> c", LogFlowCollector.statement("a b eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmZHNl c"));
        assertEquals("1 2 3 4 5 6 7 8", LogFlowCollector.statement("1 2 3 4 5 6 7 8 9 10"));
    }

    @Test
    void aCodeLocationNamesTheStatementWhateverValuesTheLineCarries() {
        String zhiDa = "t.c.TrainController#60 TraceID: <*> SpanID: <*> [retrieveByName][Retrieve train][TrainTypeName: ZhiDa]";
        String gaoTie = "t.c.TrainController#60 TraceID: <*> SpanID: <*> [retrieveByName][Retrieve train][TrainTypeName: GaoTieOne]";
        assertEquals("t.c.TrainController#60", LogFlowCollector.statement(zhiDa, false));
        assertEquals(LogFlowCollector.statement(zhiDa, false), LogFlowCollector.statement(gaoTie, false));
        // One error handler writes many different errors: warnings keep their words.
        String noSeat = "o.a.c.c.C.[.[.[.[dispatcherServlet]#175 TraceID: <*> SpanID: <*> Servlet.service() for servlet failed";
        assertEquals(LogFlowCollector.statement(noSeat), LogFlowCollector.statement(noSeat, true));
        // A code location further in is message text, not the logger's.
        assertEquals("a b c d#4 e", LogFlowCollector.statement("a b c d#4 e", false));
    }

    @Test
    void aCalleeEnteringThroughAnotherStatementIsNotBlamed() {
        LogFlows flows = new LogFlows(FRAME);
        int calling = flows.addTemplate("orders", false, "calling seats");
        int distribute = flows.addTemplate("seats", false, "distribute seat");
        int left = flows.addTemplate("seats", false, "left tickets");
        int done = flows.addTemplate("orders", false, "done");
        for (int i = 0; i < 20; i++) {
            long at = T0 + i * 10 * SECOND;
            flows.add(at, calling, "n" + i, null, false);
            flows.add(at + 1, distribute, "n" + i, null, false);
            flows.add(at + 2, done, "n" + i, null, false);
        }
        Map<String, Set<String>> visited = new java.util.HashMap<>();
        for (int i = 0; i < 10; i++) {
            long at = T0 + 610 * SECOND + i * 10 * SECOND;
            // The caller now calls another operation of seats: seats logs its other entry statement.
            flows.add(at, calling, "w" + i, null, true);
            flows.add(at + 1, left, "w" + i, null, true);
            flows.add(at + 2, done, "w" + i, null, true);
            visited.put("w" + i, Set.of("orders", "seats"));
        }
        LogFlows.FlowEvidence evidence = flows.evidence(visited);
        assertFalse(evidence.services().containsKey("seats") && evidence.services().get("seats").origins > 0,
                evidence.services().toString());
    }
}
