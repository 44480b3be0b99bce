package dev.vigil.reports.health;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-bucket series for one service. All arrays are parallel to {@code bucketStarts};
 * {@link Double#NaN} means "no data in this bucket". A null array is treated as all-NaN.
 *
 * @param errorRate 0..1
 */
public record ServiceTimeline(String service, List<Instant> bucketStarts, double[] requestRatePerSecond,
                              double[] errorRate, double[] p95Ms) {

    public ServiceTimeline {
        service = service == null ? "" : service;
        bucketStarts = bucketStarts == null ? List.of() : List.copyOf(bucketStarts);
        int n = bucketStarts.size();
        requestRatePerSecond = orNaN(requestRatePerSecond, n, "requestRatePerSecond");
        errorRate = orNaN(errorRate, n, "errorRate");
        p95Ms = orNaN(p95Ms, n, "p95Ms");
    }

    private static double[] orNaN(double[] values, int n, String name) {
        if (values == null) {
            double[] nan = new double[n];
            Arrays.fill(nan, Double.NaN);
            return nan;
        }
        if (values.length != n) {
            throw new IllegalArgumentException(name + " has " + values.length + " values but there are " + n
                    + " buckets");
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceTimeline t && service.equals(t.service) && bucketStarts.equals(t.bucketStarts)
                && Arrays.equals(requestRatePerSecond, t.requestRatePerSecond) && Arrays.equals(errorRate, t.errorRate)
                && Arrays.equals(p95Ms, t.p95Ms);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, bucketStarts, Arrays.hashCode(requestRatePerSecond), Arrays.hashCode(errorRate),
                Arrays.hashCode(p95Ms));
    }

    @Override
    public String toString() {
        return "ServiceTimeline[service=" + service + ", buckets=" + bucketStarts.size() + "]";
    }
}
