package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;

/**
 * Decodes the bodies of Vigil's native HTTP ingest API into events.
 *
 * <h2>Body</h2>
 * Either NDJSON (one JSON object per line; blank lines are ignored; {@code \r\n} is tolerated) or
 * a single JSON array of objects, recognised by {@code [} as the first non-whitespace byte. Every
 * item must be a JSON object. Errors carry the 1-based line on which the item starts and the
 * field as the client wrote it (an alias when an alias was used). A body without any item is an
 * error of its own ({@code no events in request body}). A syntax error ends the decoding of an
 * array body, because the rest of the array cannot be trusted; NDJSON continues with the next line.
 *
 * <h2>Common rules</h2>
 * <ul>
 *   <li>Timestamps are RFC 3339 strings or epoch numbers (also as a string of digits) whose unit
 *       is guessed by magnitude: seconds (with fraction), milliseconds, microseconds or
 *       nanoseconds. A missing timestamp means {@code receivedNanos}.</li>
 *   <li>JSON null means "not given".</li>
 *   <li>Text fields also accept numbers and booleans (as their JSON text); objects and arrays
 *       where text is expected are errors naming the field.</li>
 *   <li>When a field is given twice (also via an alias), the later one wins.</li>
 *   <li>{@code attributes} is an object; scalars become text (numbers as written, booleans
 *       {@code true}/{@code false}), nested objects are flattened into dotted keys, arrays become
 *       their compact JSON text, nulls are skipped. For logs, changes and spans every top-level
 *       field not listed below goes into the attributes the same way.</li>
 *   <li>{@code kind} (written by {@link EventJson}) is accepted when it names the endpoint's
 *       kind, refused when it names another event kind, and otherwise treated as an unknown
 *       field.</li>
 * </ul>
 *
 * <h2>Fields (aliases in parentheses)</h2>
 * <ul>
 *   <li>logs: {@code timestamp} ({@code @timestamp}, {@code ts}, {@code time}); {@code service}
 *       ({@code service.name}); {@code host} ({@code hostname}); {@code level} ({@code severity},
 *       {@code lvl}; default info); {@code message} ({@code msg}, {@code log}, {@code line};
 *       required); {@code attributes}.</li>
 *   <li>metrics: {@code name} ({@code __name__}; required); {@code labels} (object of label
 *       values; scalars as text); {@code timestamp} (same aliases as logs); {@code value}
 *       (required; a number, or a string holding a number or {@code NaN}, {@code +Inf},
 *       {@code Inf}, {@code -Inf}, case-insensitive). Unknown top-level fields are errors.</li>
 *   <li>changes: {@code timestamp} (same aliases as logs); {@code type} (required);
 *       {@code service} (required); {@code version}; {@code environment} ({@code env});
 *       {@code strategy}; {@code status} (default succeeded); {@code description}
 *       ({@code message}); {@code attributes}.</li>
 *   <li>spans: {@code trace_id} ({@code traceId}); {@code span_id} ({@code spanId});
 *       {@code parent_span_id} ({@code parentSpanId}, {@code parent_id}); {@code service};
 *       {@code operation} ({@code name}); {@code start} ({@code timestamp}); the duration from
 *       {@code duration_ns} (integer, also as a string of digits), else {@code duration_ms}
 *       (number), else {@code end} (timestamp; duration = end - start), one of which is required;
 *       {@code status} (unset, ok, error); {@code attributes}.</li>
 * </ul>
 *
 * <p>Thread-safe: one instance must be shared by all requests, which lets Jackson reuse its
 * symbol table and buffers. Bodies must not be modified while they are being decoded.
 */
public final class NativeJsonDecoder {
    private final JsonBodyDecoder bodies = new JsonBodyDecoder(JsonSupport.FACTORY);
    private final LogItemReader logReader = new LogItemReader();
    private final MetricItemReader metricReader = new MetricItemReader();
    private final ChangeItemReader changeReader = new ChangeItemReader();
    private final SpanItemReader spanReader = new SpanItemReader();

    /** Decodes log events; {@code receivedNanos} stands in for missing timestamps. */
    public Decoded<LogEvent> logs(byte[] body, long receivedNanos) {
        return bodies.decode(body, receivedNanos, logReader);
    }

    /** Decodes metric samples; {@code receivedNanos} stands in for missing timestamps. */
    public Decoded<MetricSample> metrics(byte[] body, long receivedNanos) {
        return bodies.decode(body, receivedNanos, metricReader);
    }

    /** Decodes change events; {@code receivedNanos} stands in for missing timestamps. */
    public Decoded<ChangeEvent> changes(byte[] body, long receivedNanos) {
        return bodies.decode(body, receivedNanos, changeReader);
    }

    /** Decodes spans; {@code receivedNanos} stands in for a missing {@code start}. */
    public Decoded<Span> spans(byte[] body, long receivedNanos) {
        return bodies.decode(body, receivedNanos, spanReader);
    }
}
