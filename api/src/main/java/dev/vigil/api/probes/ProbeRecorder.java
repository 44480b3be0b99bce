package dev.vigil.api.probes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.uptime.UptimeCalculator;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Writes probe results through the ingest pipeline, as any client's data: per check the samples
 * {@code probe_success} (1 or 0), {@code probe_duration_seconds} and, when an HTTP answer came,
 * {@code probe_http_status_code}, labelled {@code probe}, {@code type} and {@code target}; per
 * change between up and down a log event of service {@value #SERVICE} (ERROR when down, INFO
 * when up) naming the probe and the reason.
 *
 * <p>Thread-safe. Appending runs on a worker thread (the journal may wait on the disk).
 */
public final class ProbeRecorder {
    public static final String SERVICE = "vigil-probes";
    public static final String STATUS_CODE_METRIC = "probe_http_status_code";

    private final Vertx vertx;
    private final EventPipeline pipeline;

    public ProbeRecorder(Vertx vertx, EventPipeline pipeline) {
        this.vertx = vertx;
        this.pipeline = pipeline;
    }

    /**
     * @param changedFrom the state before this result when it changed ({@code unknown} for the first), or null
     * @return completes with the last journal index written, once durable
     */
    public Future<Long> record(ProbeDefinition probe, ProbeResult result, String changedFrom) {
        return vertx.executeBlocking(() -> {
            long nanos = result.at().toEpochMilli() * 1_000_000L;
            Map<String, String> labels = Map.of(UptimeCalculator.PROBE_LABEL, probe.name(), "type", probe.type().label(),
                    "target", probe.target());
            List<MetricSample> samples = new ArrayList<>(3);
            samples.add(new MetricSample(UptimeCalculator.SUCCESS_METRIC, labels, nanos, result.success() ? 1 : 0));
            samples.add(new MetricSample(UptimeCalculator.DURATION_METRIC, labels, nanos, result.durationSeconds()));
            if (result.httpStatus() > 0) {
                samples.add(new MetricSample(STATUS_CODE_METRIC, labels, nanos, result.httpStatus()));
            }
            long index = pipeline.append(EventKind.METRIC, samples).join();
            if (changedFrom != null) {
                index = pipeline.append(EventKind.LOG, List.of(stateChange(probe, result, changedFrom, nanos))).join();
            }
            return index;
        }, false);
    }

    private static LogEvent stateChange(ProbeDefinition probe, ProbeResult result, String changedFrom, long nanos) {
        String state = result.success() ? "up" : "down";
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("probe", probe.name());
        attributes.put("probe_type", probe.type().label());
        attributes.put("target", probe.target());
        attributes.put("state", state);
        attributes.put("previous_state", changedFrom);
        if (result.error() != null) {
            attributes.put("error", result.error());
        }
        String message = "probe " + probe.name() + " is " + state + (result.error() != null ? ": " + result.error() : "")
                + " (" + probe.target() + ")";
        return new LogEvent(nanos, SERVICE, null, result.success() ? Level.INFO : Level.ERROR, message, attributes);
    }
}
