/**
 * Bottleneck analysis: where request time goes in a window, compared with a baseline window.
 *
 * <p>{@link dev.vigil.analytics.bottlenecks.BottleneckAnalyzer} ranks endpoints by the time they
 * cost themselves (rate × latency, minus the time they spend waiting on other services' endpoints,
 * measured from spans), and attaches the evidence: latency percentiles and their change against the
 * baseline, the dependencies the endpoint waits on (child spans, or upstream fields of access
 * logs), and the saturation signals of its service (CPU, memory and GC, pools, queues, threads)
 * that move with its latency. Access logs are read from doc values only; spans and the few access
 * logs that carry upstream fields are decoded one at a time.
 */
package dev.vigil.analytics.bottlenecks;
