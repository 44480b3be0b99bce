package dev.vigil.reports.health;

import java.util.function.ToDoubleFunction;

import dev.vigil.analytics.anomaly.monitor.AnomalyMonitor;
import dev.vigil.analytics.slo.BurnRateEvaluator;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.rca.incidents.IncidentService;

/**
 * The optional inputs of a health report beyond the event pipeline. Each may be null: its section
 * then says there is no such source. Usage:
 * <pre>{@code
 * new HealthReportAssembler(pipeline, HealthSources.NONE.withSlos(burnRates).withIncidents(incidents)
 *         .withChanges(new ChangeIntelligence(pipeline, templates)).withAnomalies(monitor));
 * }</pre>
 *
 * @param slos      SLOs and their burn rates
 * @param incidents incidents with their analyses and timelines
 * @param changes   deploys and their verdicts
 * @param anomalies the anomaly monitor's recorded episodes
 * @param probeSla  target uptime in percent by probe name, NaN for none; null for no targets
 */
public record HealthSources(BurnRateEvaluator slos, IncidentService incidents, ChangeIntelligence changes, AnomalyMonitor anomalies,
                            ToDoubleFunction<String> probeSla) {

    /** No optional sources: request statistics, uptime and RCA from the pipeline only. */
    public static final HealthSources NONE = new HealthSources(null, null, null, null, null);

    public HealthSources withSlos(BurnRateEvaluator value) {
        return new HealthSources(value, incidents, changes, anomalies, probeSla);
    }

    public HealthSources withIncidents(IncidentService value) {
        return new HealthSources(slos, value, changes, anomalies, probeSla);
    }

    public HealthSources withChanges(ChangeIntelligence value) {
        return new HealthSources(slos, incidents, value, anomalies, probeSla);
    }

    public HealthSources withAnomalies(AnomalyMonitor value) {
        return new HealthSources(slos, incidents, changes, value, probeSla);
    }

    public HealthSources withProbeSla(ToDoubleFunction<String> value) {
        return new HealthSources(slos, incidents, changes, anomalies, value);
    }
}
