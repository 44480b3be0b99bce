package dev.vigil.reports.plan;

import java.time.Instant;

/**
 * A to-do item or known issue derived from an alert, an incident or a deploy verdict.
 *
 * @param key        stable across updates (e.g. {@code incident:INC-...}, {@code alert:FINGERPRINT},
 *                   {@code deploy:CHANGE-ID}); a person's tick is remembered by it
 * @param component  the component it belongs to, or null for the whole system
 * @param text       one line for people
 * @param blocker    whether it blocks work on the system (an open incident, a component down, a
 *                   rollback recommended)
 * @param resolvedAt when its source resolved it, or null while it is open
 */
public record PlanItem(String key, String component, String text, boolean blocker, Instant resolvedAt) {
    public boolean open() {
        return resolvedAt == null;
    }
}
