package dev.vigil.ingest.elasticsearch;

import dev.vigil.ingest.model.LogEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The items of one bulk request in body order; the valid ones are stored, the others answered
 * with their item error (Elasticsearch's per-item semantics).
 *
 * @param items every action of the request, in order
 */
public record BulkBatch(List<BulkItem> items) {

    public BulkBatch {
        items = List.copyOf(items);
    }

    /** The events of the valid items, in body order. */
    public List<LogEvent> events() {
        List<LogEvent> events = new ArrayList<>(items.size());
        for (BulkItem item : items) {
            if (!item.failed()) {
                events.add(item.event());
            }
        }
        return events;
    }

    public int failedCount() {
        int failed = 0;
        for (BulkItem item : items) {
            if (item.failed()) {
                failed++;
            }
        }
        return failed;
    }
}
