package dev.vigil.analytics.bottlenecks;

import java.util.List;

/**
 * One endpoint's cost in the window, with the evidence.
 *
 * @param rank         1 for the endpoint that cost the most time itself
 * @param source       {@code access_logs} or {@code spans} (a service traced but not access-logged)
 * @param window       requests and latency in the window
 * @param baseline     the same in the baseline
 * @param timeShare    totalMs / the sum of every endpoint's total time
 * @param nestedShare  share of its time spent waiting inside other services' endpoints (from spans, or
 *                     upstream fields of access logs); NaN when nothing shows it, and then taken as 0
 * @param nestedSample how many spans or logs the nested share was measured on
 * @param selfMs       window total time × (1 - nestedShare): the time it cost itself, which ranks it
 * @param selfShare    selfMs / the sum of every endpoint's self time
 */
public record EndpointBottleneck(int rank, String service, String endpoint, String source, LatencyStats window,
                                 LatencyStats baseline, double timeShare, double nestedShare, long nestedSample, double selfMs,
                                 double selfShare, List<DependencyCost> dependencies, List<SaturationLink> saturation) {

    /** window p95 - baseline p95, NaN when either is empty. */
    public double p95ChangeMs() {
        return window.p95Ms() - baseline.p95Ms();
    }
}
