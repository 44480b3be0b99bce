/** Grouping log messages by their shape, so that surges of one kind of message stand out. */
package dev.vigil.analytics.patterns;
