package dev.vigil.samples;

/**
 * The five services of the sample shop, one instance each, with the parameters of their
 * baseline behaviour (heap, garbage collection, CPU).
 */
public enum Service {
    //        name        host                 heap GiB  live  young  gcEvery  pause ms  outliers  cpu    cpu/rps
    FRONTEND("frontend", "frontend-58c4-1", 1, 0.30, 0.16, 6.0, 9.0, 0.0, 0.06, 0.011),
    CHECKOUT("checkout", "checkout-5d8b-2", 1, 0.34, 0.14, 11.0, 12.0, 0.0, 0.05, 0.030),
    PAYMENTS("payments", "payments-7d9f-2", 1, 0.36, 0.12, 14.0, 11.0, 0.0, 0.04, 0.045),
    INVENTORY("inventory", "inventory-66f4-1", 2, 0.38, 0.10, 10.0, 16.0, 0.0025, 0.05, 0.020),
    SEARCH("search", "search-9b2a-3", 2, 0.42, 0.18, 8.0, 14.0, 0.005, 0.08, 0.016);

    public static final long GIB = 1L << 30;

    public final String id;
    public final String host;
    public final long heapMaxBytes;
    /** Live set after a collection, as a fraction of the heap (before any leak). */
    final double live;
    /** How far the heap fills between young collections, as a fraction of the heap. */
    final double young;
    final double gcEverySeconds;
    final double youngPauseMs;
    /** Chance that a young pause is an outlier of 180..330 ms, which logs a GC warning. */
    final double pauseOutliers;
    final double cpuBase;
    final double cpuPerRequestPerSecond;

    Service(String id, String host, int heapGib, double live, double young, double gcEverySeconds,
            double youngPauseMs, double pauseOutliers, double cpuBase, double cpuPerRequestPerSecond) {
        this.id = id;
        this.host = host;
        this.heapMaxBytes = heapGib * GIB;
        this.live = live;
        this.young = young;
        this.gcEverySeconds = gcEverySeconds;
        this.youngPauseMs = youngPauseMs;
        this.pauseOutliers = pauseOutliers;
        this.cpuBase = cpuBase;
        this.cpuPerRequestPerSecond = cpuPerRequestPerSecond;
    }

    /** Payments and checkout own a HikariCP pool of 20 connections to postgres. */
    public boolean hasDbPool() {
        return this == PAYMENTS || this == CHECKOUT;
    }
}
