/**
 * Definitions that come from two places: a read-only configuration file and the API, the latter
 * kept in the data directory ({@link dev.vigil.analytics.config.DefinitionStore}).
 */
package dev.vigil.analytics.config;
