package dev.vigil.analytics.query;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code fields a, b}: the row becomes just these fields in this order (reading only them, so an
 * event is decoded only if one of them needs it); {@code fields - a, b} hides them.
 */
final class FieldsOperator extends Operator {
    private final List<String> names;
    private final boolean drop;

    FieldsOperator(Stage.Fields stage, Operator next) {
        super(next);
        this.names = stage.names();
        this.drop = stage.drop();
    }

    @Override
    void push(Row row) {
        if (drop) {
            for (String name : names) {
                row.set(name, null);
            }
            next.push(row);
            return;
        }
        LinkedHashMap<String, Object> kept = new LinkedHashMap<>();
        for (String name : names) {
            kept.put(name, row.get(name));
        }
        next.push(new MapRow(kept, row.timestampNanos()));
    }
}
