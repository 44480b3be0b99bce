package dev.vigil.analytics.query;

import java.util.List;

/** {@code rename a as b}: moves values to new names; a missing field stays missing. */
final class RenameOperator extends Operator {
    private final List<String> from;
    private final List<String> to;

    RenameOperator(Stage.Rename stage, Operator next) {
        super(next);
        this.from = stage.from();
        this.to = stage.to();
    }

    @Override
    void push(Row row) {
        for (int i = 0; i < from.size(); i++) {
            Object value = row.get(from.get(i));
            row.set(from.get(i), null);
            row.set(to.get(i), value);
        }
        next.push(row);
    }
}
