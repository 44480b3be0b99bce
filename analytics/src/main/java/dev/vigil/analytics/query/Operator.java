package dev.vigil.analytics.query;

/**
 * One step of a running pipeline: takes rows one at a time and passes rows on to the next step.
 * {@link #finish()} is called once after the last row, so steps that must see every row
 * ({@code stats}, {@code sort}) emit then. Not thread-safe: one pipeline runs on one thread.
 */
abstract class Operator {
    protected final Operator next;

    Operator(Operator next) {
        this.next = next;
    }

    abstract void push(Row row);

    void finish() {
        next.finish();
    }
}
