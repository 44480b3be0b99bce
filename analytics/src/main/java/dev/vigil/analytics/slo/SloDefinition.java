package dev.vigil.analytics.slo;

import java.time.Duration;

/**
 * One service level objective: the share of good events an indicator must reach over a rolling
 * window, and how its burn rate alerts. Immutable.
 *
 * @param id        stable identifier, {@code [a-z0-9][a-z0-9._-]*} (URLs and alert labels use it)
 * @param name      human name
 * @param service   the service whose request events count (for event indicators)
 * @param endpoint  only this endpoint ({@code "POST /api/checkout"}, or a route matching every
 *                  method), or null for every endpoint of the service
 * @param indicator what good and total are
 * @param target    objective in percent, e.g. 99.9; strictly between 0 and 100
 * @param window    rolling compliance window, e.g. 30 days
 * @param policy    burn-rate alerting
 * @param origin    where the definition came from: {@code file} (read-only through the API) or {@code api}
 */
public record SloDefinition(String id, String name, String service, String endpoint, Indicator indicator, double target,
                            Duration window, BurnRatePolicy policy, String origin) {
    public static final String ORIGIN_FILE = "file";
    public static final String ORIGIN_API = "api";

    /** The share of events that may be bad: {@code 1 - target/100}. */
    public double errorBudgetRatio() {
        return 1 - target / 100.0;
    }

    /** The same definition from another origin. */
    public SloDefinition withOrigin(String newOrigin) {
        return new SloDefinition(id, name, service, endpoint, indicator, target, window, policy, newOrigin);
    }
}
