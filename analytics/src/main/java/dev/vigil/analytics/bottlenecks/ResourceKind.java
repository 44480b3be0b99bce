package dev.vigil.analytics.bottlenecks;

import java.util.Locale;

/**
 * The resource a metric measures, recognised from its name. Following the USE method, a
 * resource's signals are its utilization (memory used, active connections, CPU usage) and its
 * saturation (GC pauses for memory, threads waiting for a connection, queued work); both count as
 * evidence for the resource, which is named after its utilization metric when there is one.
 */
public enum ResourceKind {
    /** Connection and worker pools: checked first, so "pool pending threads" is the pool's. */
    POOL("pool", "connection"),
    MEMORY("memory", "heap", "gc", "garbage"),
    CPU("cpu"),
    QUEUE("queue"),
    THREADS("thread"),
    OTHER("saturation", "utilization");

    private final String[] words;

    ResourceKind(String... words) {
        this.words = words;
    }

    /** The kind a metric name belongs to, or null when it measures none of these resources. */
    public static ResourceKind of(String metricName) {
        String name = metricName.toLowerCase(Locale.ROOT);
        for (ResourceKind kind : values()) {
            for (String word : kind.words) {
                if (name.contains(word)) {
                    return kind;
                }
            }
        }
        return null;
    }

    /**
     * Whether a metric of this resource measures saturation (work waiting or time lost because
     * the resource is full) rather than utilization.
     */
    static boolean isSaturation(String metricName) {
        String name = metricName.toLowerCase(Locale.ROOT);
        for (String word : new String[] {"gc", "garbage", "pause", "pending", "waiting", "wait_", "queued", "throttl", "reject", "saturation"}) {
            if (name.contains(word)) {
                return true;
            }
        }
        return false;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
