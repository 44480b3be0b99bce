package dev.vigil.analytics.bottlenecks;

import java.util.List;

/**
 * A resource of a service linked to an endpoint it slows down.
 *
 * @param resource the kind of resource
 * @param service  the service whose metrics these are, or null for series without a service label
 * @param metric   the metric that names the resource: its utilization metric when there is one, else its
 *                 strongest signal
 * @param score    the best score among its signals
 * @param signals  the evidence, strongest first
 */
public record SaturationLink(ResourceKind resource, String service, String metric, double score, List<SaturationSignal> signals) {
}
