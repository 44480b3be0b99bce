package dev.vigil.analytics.bottlenecks;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the spans of one endpoint show, per period (index 0 the baseline, 1 the window): how many
 * entry spans, how long they took, how much of that they spent inside other services' spans
 * (nested time, counted once even when calls run in parallel), and what each dependency cost.
 * Filled by {@link SpanAttributor}, then only read.
 */
final class SpanTimes {
    static final int BASELINE = 0;
    static final int WINDOW = 1;

    final long[] spans = new long[2];
    final long[] errors = new long[2];
    final long[] totalNanos = new long[2];
    final long[] nestedNanos = new long[2];
    final EndpointSamples samples;
    final Map<Dependency, DependencyTimes> dependencies = new TreeMap<>();

    SpanTimes(int buckets) {
        samples = new EndpointSamples(buckets);
    }

    /** Share of the endpoint's span time spent in other services in a period; NaN without spans. */
    double nestedShare(int period) {
        return totalNanos[period] == 0 ? Double.NaN : Math.min(1.0, (double) nestedNanos[period] / totalNanos[period]);
    }

    /**
     * Something an endpoint waits on.
     *
     * @param kind      {@code service} (another service's span), {@code database} or {@code peer} (a client span
     *                  naming what it calls)
     * @param name      the service, database system or peer
     * @param operation what was called
     */
    record Dependency(String kind, String name, String operation) implements Comparable<Dependency> {
        @Override
        public int compareTo(Dependency other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return kind + " " + name + " " + operation;
        }
    }

    /** Calls of one dependency per period: count, time inside the caller's span, durations. */
    static final class DependencyTimes {
        final long[] calls = new long[2];
        final long[] errors = new long[2];
        final long[] nanos = new long[2];
        final Durations[] durations = {new Durations(), new Durations()};
    }
}
