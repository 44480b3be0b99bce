package dev.vigil.analytics.query;

import java.time.Duration;
import java.util.List;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.search.QuerySyntaxException;

/**
 * A parsed query turned into operators for one run.
 *
 * <p>Event rows come newest first: when the stages before the first {@code sort}, {@code limit},
 * {@code stats} or {@code timechart} produce events, a newest-first top-N is put before that stage
 * (N is the limit, else {@link #DEFAULT_EVENTS}), so even a huge match keeps only N events. When
 * nothing before it can drop a row, the engine asks Lucene for those N newest documents directly
 * ({@link #newestFirst()}) instead of reading every match.
 *
 * @param head        the first operator; rows go in here
 * @param collector   the last operator, holding the answer
 * @param newestFirst the N of the leading newest-first top-N, or 0 when the whole match must be read
 * @param events      true when the answer is events (no {@code stats}/{@code timechart})
 */
record PipelinePlan(Operator head, RowCollector collector, int newestFirst, boolean events) {
    /** Events returned when the query has no limit. */
    static final int DEFAULT_EVENTS = 100;
    /** The most rows a table answer returns. */
    static final int MAX_TABLE_ROWS = 50_000;
    /** The most time buckets a timechart may have. */
    static final int MAX_BUCKETS = 10_000;

    static PipelinePlan of(PipelineQuery query, TimeRange range, TemplateNames templates, QueryBudget budget) {
        List<Stage> stages = query.stages();
        boolean events = !query.aggregates();
        int first = 0;
        while (first < stages.size() && !(stages.get(first) instanceof Stage.Sort || stages.get(first) instanceof Stage.Limit
                || stages.get(first) instanceof Stage.Stats || stages.get(first) instanceof Stage.Timechart)) {
            first++;
        }
        int implicitTop = 0;
        if (first == stages.size() && events) {
            implicitTop = DEFAULT_EVENTS;
        } else if (first < stages.size() && stages.get(first) instanceof Stage.Limit limit) {
            implicitTop = limit.count();
        }
        int firstAggregation = 0;
        while (firstAggregation < stages.size() && !(stages.get(firstAggregation) instanceof Stage.Stats
                || stages.get(firstAggregation) instanceof Stage.Timechart)) {
            firstAggregation++;
        }
        boolean dropsRows = stages.subList(0, first).stream().anyMatch(s -> s instanceof Stage.Where);

        RowCollector collector = new RowCollector(events ? QueryParser.MAX_LIMIT : MAX_TABLE_ROWS, budget);
        Operator op = collector;
        if (implicitTop > 0 && first == stages.size()) {
            op = new TopOperator(List.of(), implicitTop, op);
        }
        for (int i = stages.size() - 1; i >= 0; i--) {
            Stage stage = stages.get(i);
            Stage next = i + 1 < stages.size() ? stages.get(i + 1) : null;
            op = operator(stage, next, i < firstAggregation, events, range, templates, budget, op);
            if (i == first && implicitTop > 0) {
                op = new TopOperator(List.of(), implicitTop, op);
            }
        }
        return new PipelinePlan(op, collector, implicitTop > 0 && !dropsRows ? implicitTop : 0, events);
    }

    private static Operator operator(Stage stage, Stage next, boolean onEvents, boolean events, TimeRange range, TemplateNames templates,
                                     QueryBudget budget, Operator op) {
        if (stage instanceof Stage.Where where) {
            return new WhereOperator(where.condition(), op);
        } else if (stage instanceof Stage.Parse parse) {
            return new ParseOperator(parse, op);
        } else if (stage instanceof Stage.Json json) {
            return new JsonOperator(json, op);
        } else if (stage instanceof Stage.Rename rename) {
            return new RenameOperator(rename, op);
        } else if (stage instanceof Stage.Fields fields) {
            return new FieldsOperator(fields, op);
        } else if (stage instanceof Stage.Limit limit) {
            return new LimitOperator(limit.count(), op);
        } else if (stage instanceof Stage.Sort sort) {
            if (next instanceof Stage.Limit limit) {
                return new TopOperator(sort.keys(), limit.count(), op);
            }
            if (onEvents) {
                // Sorting events keeps only what can be returned; before stats the order does not matter at all.
                return events ? new TopOperator(sort.keys(), QueryParser.MAX_LIMIT, op) : op;
            }
            return new TopOperator(sort.keys(), Integer.MAX_VALUE, op);
        } else if (stage instanceof Stage.Stats stats) {
            return GroupAggregator.stats(stats, templates, budget, op);
        } else if (stage instanceof Stage.Timechart chart) {
            return GroupAggregator.timechart(chart, span(chart, range), range, templates, budget, op);
        }
        throw new IllegalStateException("no operator for " + stage);
    }

    private static long span(Stage.Timechart chart, TimeRange range) {
        Duration span = chart.span() != null ? chart.span() : range.niceStep(60);
        long spanNanos = span.toNanos();
        long start = Math.floorDiv(range.fromNanos(), spanNanos) * spanNanos;
        long buckets = (range.toNanos() - start + spanNanos - 1) / spanNanos;
        if (buckets > MAX_BUCKETS) {
            throw new QuerySyntaxException("timechart span " + format(span) + " gives " + buckets + " buckets over this time range; the most is "
                    + MAX_BUCKETS + ": use a larger span or a shorter range (at position " + chart.position() + ")", chart.position());
        }
        return spanNanos;
    }

    private static String format(Duration span) {
        return span.toMillis() % 1000 != 0 ? span.toMillis() + "ms" : span.toSeconds() + "s";
    }
}
