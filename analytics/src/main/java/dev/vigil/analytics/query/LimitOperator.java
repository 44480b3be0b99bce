package dev.vigil.analytics.query;

/** {@code limit N} / {@code head N}: passes the first N rows. */
final class LimitOperator extends Operator {
    private final int limit;
    private int passed;

    LimitOperator(int limit, Operator next) {
        super(next);
        this.limit = limit;
    }

    @Override
    void push(Row row) {
        if (passed < limit) {
            passed++;
            next.push(row);
        }
    }
}
