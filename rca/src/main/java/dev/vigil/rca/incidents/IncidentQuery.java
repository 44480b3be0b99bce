package dev.vigil.rca.incidents;

import dev.vigil.analytics.TimeRange;

/**
 * Which incidents to list, newest opened first.
 *
 * @param status  only this status, or null for all
 * @param range   only incidents whose window overlaps this range, or null for all
 * @param service only incidents about this service, or null for all
 * @param limit   at most this many, 1..1000
 * @param offset  skip this many of the matches first (paging), at least 0
 */
public record IncidentQuery(IncidentStatus status, TimeRange range, String service, int limit, int offset) {
    public static final int MAX_LIMIT = 1000;

    public IncidentQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("'offset' must be at least 0, got " + offset);
        }
        service = service == null || service.isBlank() ? null : service;
    }

    boolean matches(Incident incident) {
        return (status == null || incident.status() == status)
                && (service == null || service.equals(incident.service()))
                && (range == null || incident.window().fromNanos() < range.toNanos() && range.fromNanos() < incident.window().toNanos());
    }

    /**
     * One page of matches.
     *
     * @param incidents the page, newest opened first
     * @param total     how many incidents match in all
     */
    public record Page(java.util.List<Incident> incidents, int total) {
    }
}
