package dev.vigil.analytics.uptime;

/**
 * The uptime of one probe target over a window.
 *
 * @param probe              the probe's name
 * @param checks             probe results in the window
 * @param successes          of which succeeded
 * @param uptimeRatio        successes / checks, or NaN without checks (what {@code avg_over_time(probe_success)} gives)
 * @param downtimeSeconds    time covered by failed checks: each result stands for the time until the next
 *                           one (the last one for the typical interval, cut at the window's end)
 * @param outages            runs of consecutive failed checks
 * @param longestOutageSeconds the longest such run, measured the same way
 * @param meanLatencySeconds mean probe duration, or NaN without durations
 * @param p95LatencySeconds  95th percentile of the probe durations, or NaN
 * @param slaPercent         the target uptime, or NaN when none was given
 * @param slaMet             whether uptime reaches the target (true without a target or without checks)
 */
public record ProbeUptime(String probe, long checks, long successes, double uptimeRatio, double downtimeSeconds, int outages,
                          double longestOutageSeconds, double meanLatencySeconds, double p95LatencySeconds, double slaPercent,
                          boolean slaMet) {
}
