/**
 * The query language: a Lucene search followed by pipeline stages ({@code stats}, {@code timechart},
 * {@code sort}, {@code limit}, {@code fields}, {@code where}, {@code parse}, {@code json},
 * {@code rename}), see {@code docs/query.md}. {@link dev.vigil.analytics.query.QueryParser} turns
 * the text into a {@link dev.vigil.analytics.query.PipelineQuery} once; {@link
 * dev.vigil.analytics.query.PipelineQueryEngine} runs it over one index snapshot, reading doc
 * values where a field has them and decoding stored events only for the fields that need it,
 * within a time budget.
 */
package dev.vigil.analytics.query;
