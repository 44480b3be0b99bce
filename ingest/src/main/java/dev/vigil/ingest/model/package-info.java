/**
 * Vigil's event model: the four kinds of event every receiver decodes into and every later stage
 * reads. All types here are immutable records that validate themselves on construction and name
 * the offending field when they refuse a value ({@link InvalidFieldException}).
 */
package dev.vigil.ingest.model;
