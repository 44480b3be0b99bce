package dev.vigil.rca.changes;

import java.util.List;
import java.util.Map;

import dev.vigil.ingest.model.Level;

/**
 * What one service did in a time range, as the verdict needs it: its requests (from access logs,
 * or from its spans when it logs no requests) and its warning and error lines, each with the
 * side attributes it carries.
 *
 * @param requests        oldest first
 * @param warnings        log lines at warn or above that are not access-log lines, oldest first
 * @param requestSource   {@code access_logs}, {@code spans} or {@code none}
 * @param firstNanos      earliest event of the service in the range (any kind read), or -1 when none
 * @param lastNanos       latest such event, or -1
 */
record ServiceActivity(List<Request> requests, List<Warning> warnings, String requestSource, long firstNanos, long lastNanos) {

    /** One request the service answered. @param sides the side attribute values by name (only names in {@link SideAttributes#NAMES}) */
    record Request(long timestampNanos, boolean failed, double latencyMs, Map<String, String> sides) {
    }

    /** One warning or error line, keyed by its log template (or its masked shape when it has none). */
    record Warning(long timestampNanos, Level level, String templateId, String templateText, String example,
                   Map<String, String> sides) {
    }
}
