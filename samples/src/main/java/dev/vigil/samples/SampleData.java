package dev.vigil.samples;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;

import java.util.List;

/** Everything the generator produces, each list in timestamp order (ties in a fixed order). */
public record SampleData(List<LogEvent> logs, List<MetricSample> metrics, List<ChangeEvent> changes,
                         List<Span> spans, List<Incident> incidents) {
    public SampleData {
        logs = List.copyOf(logs);
        metrics = List.copyOf(metrics);
        changes = List.copyOf(changes);
        spans = List.copyOf(spans);
        incidents = List.copyOf(incidents);
    }
}
