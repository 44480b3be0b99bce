/**
 * What the log templates say about a time window: how often each template occurred, when, with
 * which parameter values ({@link dev.vigil.analytics.patterns.summary.PatternSummarizer}), and which
 * templates are new or changed rate against a baseline window
 * ({@link dev.vigil.analytics.patterns.summary.PatternChangeDetector}).
 *
 * <p>Counting reads doc values only (the template id's sorted doc values and the timestamp's
 * numeric doc values, segment by segment); only the bounded per-template samples that feed the
 * example lines and the parameter summaries decode stored sources. Template ids are resolved through
 * the {@link dev.vigil.analytics.patterns.TemplateCatalog}, so documents indexed under an id that was
 * later merged count towards the merged template.
 */
package dev.vigil.analytics.patterns.summary;
