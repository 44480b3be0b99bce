package dev.vigil.rca.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;
import org.junit.jupiter.api.Test;

class ChangeIdTest {
    private static final long T = 1_793_616_120_000_000_000L; // 2026-11-02T10:42:00Z

    static ChangeEvent change(long at, ChangeType type, String service, String version) {
        return new ChangeEvent(at, type, service, version, "production", "rolling", ChangeStatus.SUCCEEDED, null, Map.of());
    }

    @Test
    void idIsTheTimestampAndADigestOfServiceTypeAndVersion() {
        String id = ChangeId.of(change(T, ChangeType.DEPLOY, "payments", "v2.14.0"));
        // SHA-256("payments\ndeploy\nv2.14.0") starts with 1499b39e.
        assertEquals("1793616120000000000-1499b39e", id);
        assertEquals(T, ChangeId.timestampOf(id).getAsLong());
        assertEquals(id, ChangeId.of(change(T, ChangeType.DEPLOY, "payments", "v2.14.0")), "stable");
        assertNotEquals(id, ChangeId.of(change(T, ChangeType.DEPLOY, "payments", "v2.14.1")));
        assertNotEquals(id, ChangeId.of(change(T, ChangeType.ROLLBACK, "payments", "v2.14.0")));
    }

    @Test
    void malformedIdsNameNoTimestamp() {
        for (String text : List.of("", "abc", "123-xyz", "1793616120000000000-1499B39E", "99999999999999999999-1499b39e", "-1-1499b39e")) {
            assertTrue(ChangeId.timestampOf(text).isEmpty(), text);
        }
    }

    @Test
    void aRollbackUndoesTheLatestEarlierDeployOfAnotherVersion() {
        long minute = 60_000_000_000L;
        ChangeEvent good = change(T - 60 * minute, ChangeType.DEPLOY, "payments", "v2.13.2");
        ChangeEvent flag = change(T - 30 * minute, ChangeType.FEATURE_FLAG, "payments", null);
        ChangeEvent bad = change(T, ChangeType.DEPLOY, "payments", "v2.14.0");
        ChangeEvent other = change(T + minute, ChangeType.DEPLOY, "search", "v5.2.0");
        ChangeEvent rollback = change(T + 20 * minute, ChangeType.ROLLBACK, "payments", "v2.13.2");
        List<TrackedChange> tracked = ChangeTracker.link(List.of(rollback, other, bad, flag, good, bad));
        assertEquals(5, tracked.size(), "the duplicate is one change");
        TrackedChange linkedRollback = tracked.get(4);
        TrackedChange linkedBad = tracked.get(2);
        assertEquals(ChangeId.of(bad), linkedRollback.undoes());
        assertEquals(ChangeId.of(rollback), linkedBad.rolledBackBy());
        assertEquals(flag, linkedBad.previous());
        assertEquals(rollback, linkedBad.next(), "the next change of the same service, not search's");
        assertEquals(null, tracked.get(0).rolledBackBy());
    }
}
