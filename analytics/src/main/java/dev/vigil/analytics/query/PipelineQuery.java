package dev.vigil.analytics.query;

import java.util.List;

/**
 * A parsed query: the Lucene search text and the pipeline stages after it. Immutable.
 *
 * @param text   the whole query as written
 * @param search the search part (before the first {@code |}); blank matches every event
 * @param stages the stages in order
 */
public record PipelineQuery(String text, String search, List<Stage> stages) {

    public PipelineQuery {
        stages = List.copyOf(stages);
    }

    /** True when a {@code stats} or {@code timechart} stage turns events into a table. */
    public boolean aggregates() {
        return stages.stream().anyMatch(s -> s instanceof Stage.Stats || s instanceof Stage.Timechart);
    }
}
