package dev.vigil.analytics.bottlenecks;

import java.util.List;

/**
 * A resource ranked over all endpoints: the sum over the endpoints it is linked to of the
 * endpoint's self-time share × the link's score, so a resource that slows the costliest endpoints
 * comes first.
 *
 * @param endpoints the linked endpoints ({@code service endpoint}) with the link's score, strongest first
 */
public record ResourceBottleneck(ResourceKind resource, String service, String metric, double score, List<Linked> endpoints) {

    /** One endpoint the resource is linked to, with the evidence of the link. */
    public record Linked(String service, String endpoint, double correlation, double score) {
    }
}
