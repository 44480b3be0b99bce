package dev.vigil.analytics.bottlenecks;

/** A service's endpoint: {@code "METHOD route"} for access logs, the operation for spans. */
record EndpointKey(String service, String endpoint) implements Comparable<EndpointKey> {
    @Override
    public int compareTo(EndpointKey other) {
        int c = service.compareTo(other.service);
        return c != 0 ? c : endpoint.compareTo(other.endpoint);
    }

    @Override
    public String toString() {
        return service + " " + endpoint;
    }
}
