package dev.vigil.ingest.model;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One timed operation of a trace: the source of call graphs and latency attribution.
 *
 * @param traceId        32 lower-case hex digits
 * @param spanId         16 lower-case hex digits
 * @param parentSpanId   16 hex digits, or {@code null} for a root span
 * @param service        the service that did the work
 * @param operation      the operation name (route, RPC method, query)
 * @param startNanos     start, nanoseconds since the epoch
 * @param durationNanos  how long it took, nanoseconds, zero or more
 * @param status         outcome
 * @param attributes     anything else, sorted by key
 */
public record Span(String traceId, String spanId, String parentSpanId, String service, String operation,
                   long startNanos, long durationNanos, SpanStatus status, Map<String, String> attributes)
        implements Event {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    public Span {
        traceId = hex("trace_id", traceId, TRACE_ID, 32);
        spanId = hex("span_id", spanId, SPAN_ID, 16);
        parentSpanId = parentSpanId == null || parentSpanId.isEmpty() ? null : hex("parent_span_id", parentSpanId, SPAN_ID, 16);
        Checks.required("service", service, Checks.MAX_NAME);
        Checks.required("operation", operation, Checks.MAX_NAME * 4);
        Checks.timestamp("start", startNanos);
        if (durationNanos < 0) {
            throw new InvalidFieldException("duration_ns", "must not be negative");
        }
        status = status == null ? SpanStatus.UNSET : status;
        attributes = Checks.attributes("attributes", attributes);
    }

    private static String hex(String field, String value, Pattern pattern, int digits) {
        if (value == null || value.isEmpty()) {
            throw new InvalidFieldException(field, "is required");
        }
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (!pattern.matcher(lower).matches()) {
            throw new InvalidFieldException(field, "must be " + digits + " hex digits, got '" + value + "'");
        }
        return lower;
    }

    @Override
    public long timestampNanos() {
        return startNanos;
    }

    public long endNanos() {
        return startNanos + durationNanos;
    }

    @Override
    public EventKind kind() {
        return EventKind.SPAN;
    }
}
