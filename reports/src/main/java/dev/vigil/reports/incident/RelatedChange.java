package dev.vigil.reports.incident;

import java.time.Instant;

/**
 * A change made before or during the incident, with the verdict on it.
 *
 * @param id             the change id (see {@code dev.vigil.rca.changes.ChangeId})
 * @param at             when it took effect
 * @param type           deploy, rollback, migration, config ...
 * @param service        the changed service
 * @param version        the version, or null
 * @param verdict        healthy, degraded or inconclusive
 * @param summary        the verdict's paragraph
 * @param rollback       true when the verdict recommends rolling back
 * @param rollbackTarget the version to go back to, or null
 * @param rolledBackBy   the id of the rollback that already undid it, or null
 */
public record RelatedChange(String id, Instant at, String type, String service, String version, String verdict, String summary,
                            boolean rollback, String rollbackTarget, String rolledBackBy) {

    /** "payments v2.14.0" or "payments". */
    public String label() {
        return service + (version == null ? "" : " " + version);
    }
}
