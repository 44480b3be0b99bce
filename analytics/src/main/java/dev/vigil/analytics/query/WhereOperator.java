package dev.vigil.analytics.query;

/** {@code where}: passes the rows that satisfy the condition. */
final class WhereOperator extends Operator {
    private final Expression condition;

    WhereOperator(Expression condition, Operator next) {
        super(next);
        this.condition = condition;
    }

    @Override
    void push(Row row) {
        if (condition.test(row)) {
            next.push(row);
        }
    }
}
