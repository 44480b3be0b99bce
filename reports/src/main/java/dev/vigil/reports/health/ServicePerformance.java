package dev.vigil.reports.health;

import java.util.Objects;

/**
 * One service in the report window against the window of the same length right before it.
 *
 * @param previous {@link PerformanceFigures#NONE} when the service had no traffic before
 */
public record ServicePerformance(String service, PerformanceFigures current, PerformanceFigures previous) {

    public ServicePerformance {
        service = service == null ? "" : service;
        Objects.requireNonNull(current, "current");
        previous = previous == null ? PerformanceFigures.NONE : previous;
    }
}
