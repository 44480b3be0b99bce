package dev.vigil.reports.health;

import java.time.Instant;

/**
 * A deploy or other change in the report window with its verdict.
 *
 * @param type           "deploy", "rollback", "config_change", ...
 * @param version        the version deployed, or ""
 * @param verdict        "healthy", "degraded", "inconclusive", or "" when no verdict was computed
 * @param summary        the verdict's one-paragraph explanation
 * @param rollback       true when rolling back is recommended
 * @param rollbackTarget version to roll back to, or ""
 * @param rolledBack     true when a later rollback already undid this change
 * @param errorBefore    error rate before the change (0..1), NaN when unknown
 * @param errorAfter     error rate after it
 * @param p95Before      p95 latency before, ms
 * @param p95After       p95 latency after, ms
 * @param pValue         the smallest adjusted p-value of the verdict's tests, NaN when none ran
 */
public record ChangeLine(String id, Instant at, String service, String type, String version, String verdict, String summary,
                         boolean rollback, String rollbackTarget, boolean rolledBack, double errorBefore, double errorAfter,
                         double p95Before, double p95After, double pValue) {

    public ChangeLine {
        id = id == null ? "" : id;
        service = service == null ? "" : service;
        type = type == null ? "" : type;
        version = version == null ? "" : version;
        verdict = verdict == null ? "" : verdict;
        summary = summary == null ? "" : summary;
        rollbackTarget = rollbackTarget == null ? "" : rollbackTarget;
    }

    /** "payments v2.14.0" or "payments" without a version. */
    public String label() {
        return version.isBlank() ? service : service + " " + version;
    }
}
