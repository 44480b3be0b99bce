package dev.vigil.rca.changes;

/**
 * What to do about a change.
 *
 * @param rollback      true when the change should be rolled back
 * @param target        the version to roll back to, when known; otherwise null
 * @param reason        why, in one or two sentences with the numbers
 * @param rolledBackBy  the id of the rollback that already undid the change, or null
 */
public record Recommendation(boolean rollback, String target, String reason, String rolledBackBy) {
}
