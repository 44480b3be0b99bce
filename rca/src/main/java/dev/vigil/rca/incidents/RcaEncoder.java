package dev.vigil.rca.incidents;

import dev.vigil.rca.RcaResult;

/**
 * Turns an analysis into the JSON object stored with an incident. The node passes the same
 * encoder {@code POST /api/v1/rca} answers with, so an incident's analysis reads exactly like a
 * direct one and a field the analysis gains appears in both at once. Must be thread-safe.
 */
@FunctionalInterface
public interface RcaEncoder {
    /** A JSON object (text starting with '{'). */
    String encode(RcaResult result);
}
