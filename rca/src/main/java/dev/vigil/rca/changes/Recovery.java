package dev.vigil.rca.changes;

import dev.vigil.analytics.TimeRange;

/**
 * For a rollback: did the service recover? The window after the rollback compared with the window
 * before the deploy it undid, with the same tests as any verdict.
 *
 * @param undone     the id of the deploy the rollback undid
 * @param baseline   the window before that deploy
 * @param window     the window after the rollback (past the settle period)
 * @param recovered  true when that comparison is healthy, false when degraded, null when inconclusive
 * @param comparison the numbers
 */
public record Recovery(String undone, TimeRange baseline, TimeRange window, Boolean recovered, Comparison comparison) {
}
