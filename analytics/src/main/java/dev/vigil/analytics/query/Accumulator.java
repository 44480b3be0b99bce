package dev.vigil.analytics.query;

/**
 * The running state of one aggregate in one group. Each takes values one at a time and never
 * keeps more than a bounded amount of them. Not thread-safe.
 */
abstract class Accumulator {

    /** Adds one row's value of the aggregate's field (null when the row lacks it, always null for count()). */
    abstract void add(Object value);

    /** The aggregate so far: a Long, a Double, or null when it has no value (e.g. avg of nothing). */
    abstract Object result();

    static Accumulator of(Aggregation aggregation) {
        return switch (aggregation.function()) {
            case COUNT -> new Count(aggregation.field() == null);
            case SUM -> new Sum();
            case AVG -> new Average();
            case MIN -> new Extreme(true);
            case MAX -> new Extreme(false);
            case P50, P90, P95, P99 -> new Percentile(aggregation.function().quantile());
            case DISTINCT_COUNT -> new DistinctCounter();
        };
    }

    /** The value of an aggregate over no rows (count is 0, the others have none). */
    static Object empty(Aggregation aggregation) {
        return aggregation.function() == Aggregation.Function.COUNT || aggregation.function() == Aggregation.Function.DISTINCT_COUNT
                ? 0L : null;
    }

    private static final class Count extends Accumulator {
        private final boolean rows;
        private long count;

        Count(boolean rows) {
            this.rows = rows;
        }

        @Override
        void add(Object value) {
            if (rows || value != null) {
                count++;
            }
        }

        @Override
        Object result() {
            return count;
        }
    }

    private static final class Sum extends Accumulator {
        private double sum;
        private boolean any;

        @Override
        void add(Object value) {
            double number = Values.number(value);
            if (!Double.isNaN(number)) {
                sum += number;
                any = true;
            }
        }

        @Override
        Object result() {
            return any ? sum : null;
        }
    }

    private static final class Average extends Accumulator {
        private double sum;
        private long count;

        @Override
        void add(Object value) {
            double number = Values.number(value);
            if (!Double.isNaN(number)) {
                sum += number;
                count++;
            }
        }

        @Override
        Object result() {
            return count == 0 ? null : sum / count;
        }
    }

    private static final class Extreme extends Accumulator {
        private final boolean min;
        private double best = Double.NaN;

        Extreme(boolean min) {
            this.min = min;
        }

        @Override
        void add(Object value) {
            double number = Values.number(value);
            if (!Double.isNaN(number) && (Double.isNaN(best) || (min ? number < best : number > best))) {
                best = number;
            }
        }

        @Override
        Object result() {
            return Double.isNaN(best) ? null : best;
        }
    }
}
