package dev.vigil.analytics.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * {@code sort} (and the newest-first order of event rows): keeps the best {@code keep} rows by
 * the sort keys, ties broken newest first, and emits them in order when the input ends. Only rows
 * that make it into the kept set are copied, so sorting a long stream for a short answer costs
 * memory for the answer only. Missing values sort last in either direction.
 */
final class TopOperator extends Operator {
    private final List<Stage.SortKey> keys;
    private final int keep;
    private final Comparator<Entry> order;
    /** The worst kept entry on top, so it can be replaced cheaply. */
    private final PriorityQueue<Entry> kept;
    private long sequence;

    private record Entry(Object[] keys, long timestampNanos, long sequence, MapRow row) {
    }

    TopOperator(List<Stage.SortKey> keys, int keep, Operator next) {
        super(next);
        this.keys = keys;
        this.keep = keep;
        this.order = comparator(keys);
        this.kept = new PriorityQueue<>(Math.min(keep, 1024) + 1, order.reversed());
    }

    @Override
    void push(Row row) {
        Object[] values = new Object[keys.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(keys.get(i).field());
        }
        Entry candidate = new Entry(values, row.timestampNanos(), sequence++, null);
        if (kept.size() >= keep && order.compare(candidate, kept.peek()) >= 0) {
            return;
        }
        kept.add(new Entry(values, candidate.timestampNanos(), candidate.sequence(), row.snapshot()));
        if (kept.size() > keep) {
            kept.poll();
        }
    }

    @Override
    void finish() {
        List<Entry> sorted = new ArrayList<>(kept);
        sorted.sort(order);
        kept.clear();
        for (Entry entry : sorted) {
            next.push(entry.row());
        }
        next.finish();
    }

    private static Comparator<Entry> comparator(List<Stage.SortKey> keys) {
        return (a, b) -> {
            for (int i = 0; i < keys.size(); i++) {
                Object x = a.keys()[i];
                Object y = b.keys()[i];
                if (x == null || y == null) {
                    if (x != y) {
                        return x == null ? 1 : -1;
                    }
                    continue;
                }
                int c = Values.sortOrder(x, y);
                if (c != 0) {
                    return keys.get(i).descending() ? -c : c;
                }
            }
            int newest = Long.compare(b.timestampNanos(), a.timestampNanos());
            return newest != 0 ? newest : Long.compare(a.sequence(), b.sequence());
        };
    }
}
