package dev.vigil.ingest.elasticsearch;

import dev.vigil.ingest.model.LogEvent;

/**
 * One action of a bulk request and what became of it: either a decoded event or an item error.
 *
 * @param action      {@code index}, {@code create}, {@code update} or {@code delete}, as written
 * @param index       the target index (from the action, else from the URL path)
 * @param id          the document id: as given, or generated when the action had none
 * @param line        the 1-based line of the action in the body
 * @param event       the log event to store, or {@code null} when the item failed
 * @param errorStatus HTTP status of the item error (400 class), 0 when the item is fine
 * @param errorType   Elasticsearch error type of the item error, or {@code null}
 * @param errorReason what is wrong with the item, naming the field, or {@code null}
 */
public record BulkItem(String action, String index, String id, int line, LogEvent event,
                       int errorStatus, String errorType, String errorReason) {

    static BulkItem ok(String action, String index, String id, int line, LogEvent event) {
        return new BulkItem(action, index, id, line, event, 0, null, null);
    }

    static BulkItem failed(String action, String index, String id, int line, int status, String type, String reason) {
        return new BulkItem(action, index, id, line, null, status, type, reason);
    }

    public boolean failed() {
        return event == null;
    }
}
