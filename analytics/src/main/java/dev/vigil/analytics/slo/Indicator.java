package dev.vigil.analytics.slo;

import java.time.Duration;

/**
 * What counts as a good event and what counts at all: the service level indicator is good / total.
 * Immutable.
 */
public sealed interface Indicator {

    /** The indicator's name in SLO files: {@code availability} or {@code latency}. */
    String type();

    /**
     * Request events (access-log events with a status): good when the status is below 500.
     * Requests without a status are not counted.
     */
    record Availability() implements Indicator {
        @Override
        public String type() {
            return "availability";
        }
    }

    /**
     * Request events with a duration: good when the duration is at most {@code threshold}.
     * Requests without a duration are not counted.
     */
    record Latency(Duration threshold) implements Indicator {
        public Latency {
            if (threshold.isZero() || threshold.isNegative()) {
                throw new IllegalArgumentException("latency threshold must be positive");
            }
        }

        @Override
        public String type() {
            return "latency";
        }
    }

    /**
     * Two counter series selectors (PromQL style): the increase of {@code good} over the increase
     * of {@code total}, summed over every matching series, with counter resets handled.
     *
     * @param type availability or latency: what the counters measure (reported, not interpreted)
     */
    record MetricRatio(String type, String good, String total) implements Indicator {
    }
}
