package dev.vigil.rca.changes;

import dev.vigil.ingest.model.ChangeEvent;

/**
 * A change with its id and its links to other changes of the same service.
 *
 * @param id           see {@link ChangeId}
 * @param event        the change as ingested
 * @param undoes       for a rollback, the id of the deploy it undoes; otherwise null
 * @param rolledBackBy for a deploy, the id of the rollback that undid it; otherwise null
 * @param previous     the change of the same service right before this one (any type), or null
 * @param next         the change of the same service right after this one (any type), or null
 */
public record TrackedChange(String id, ChangeEvent event, String undoes, String rolledBackBy, ChangeEvent previous, ChangeEvent next) {
}
