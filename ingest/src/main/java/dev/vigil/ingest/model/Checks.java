package dev.vigil.ingest.model;

import java.util.Map;
import java.util.TreeMap;

/** Validation shared by the records; every failure names the field as clients spell it. */
final class Checks {
    static final int MAX_TEXT = 1 << 20;
    static final int MAX_NAME = 256;

    private Checks() {
    }

    static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required and must not be blank");
        }
        return bounded(field, value, maxLength);
    }

    static String optional(String field, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return bounded(field, value, maxLength);
    }

    static String bounded(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidFieldException(field, "is longer than " + maxLength + " characters");
        }
        return value;
    }

    static long timestamp(String field, long nanos) {
        if (nanos <= 0) {
            throw new InvalidFieldException(field, "must be after 1970-01-01T00:00:00Z");
        }
        return nanos;
    }

    /** Copies into a sorted, unmodifiable map so that equal events encode identically. */
    static Map<String, String> attributes(String field, Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            String key = entry.getKey();
            if (key == null || key.isEmpty()) {
                throw new InvalidFieldException(field, "keys must not be empty");
            }
            bounded(field + "." + key, key, MAX_NAME);
            String value = entry.getValue();
            if (value == null) {
                throw new InvalidFieldException(field + "." + key, "must not be null");
            }
            copy.put(key, bounded(field + "." + key, value, MAX_TEXT));
        }
        return java.util.Collections.unmodifiableMap(copy);
    }
}
