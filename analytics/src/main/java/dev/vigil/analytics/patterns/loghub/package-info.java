/**
 * The Loghub template-mining benchmark: reads a Loghub-layout directory, mines every system with one
 * {@link dev.vigil.analytics.patterns.TemplateMiner} configuration and scores GA, FGA, PA and FTA.
 */
package dev.vigil.analytics.patterns.loghub;
