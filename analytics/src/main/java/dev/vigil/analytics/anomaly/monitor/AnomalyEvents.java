package dev.vigil.analytics.anomaly.monitor;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;

/**
 * How an {@link Anomaly} is stored: as a log event of the reserved service {@value #SERVICE}, at
 * level INFO, timestamped at the onset, with the episode in attributes under {@code vigil.}.
 *
 * <p>Why a log event: the event model has four kinds, and only a log event is a free-form record of
 * "something noteworthy happened at time T" that is journaled, indexed, replayed after a crash and
 * searchable like any other ({@code service:vigil AND vigil.anomaly.service:payments}) without a
 * new journal record kind or index layout. A change event would be wrong (an anomaly is an effect,
 * and RCA treats every change as a suspect), a span has no place for a value, and a metric sample
 * has no text. The reserved service keeps anomaly events out of the signals they describe: the
 * monitor never reads service {@value #SERVICE} as a log or template rate, and INFO keeps them out
 * of error shares and RCA's warning/error surges. The attribute names avoid every access-log field
 * ({@code route}, {@code status}, ...), so they never count as requests. The ingest records'
 * validation rules are unchanged: these are ordinary, valid log events.
 *
 * <p>Stateless and thread-safe.
 */
public final class AnomalyEvents {
    /** The service every anomaly event is logged under. */
    public static final String SERVICE = "vigil";
    public static final String KIND_ATTRIBUTE = "vigil.kind";
    public static final String KIND_VALUE = "anomaly";
    static final String ID = "vigil.anomaly.id";
    static final String SIGNAL = "vigil.anomaly.kind";
    static final String SERIES = "vigil.anomaly.series";
    static final String OF_SERVICE = "vigil.anomaly.service";
    static final String ENDPOINT = "vigil.anomaly.endpoint";
    static final String TEMPLATE = "vigil.anomaly.template";
    static final String ONSET = "vigil.anomaly.onset";
    static final String PEAK = "vigil.anomaly.peak";
    static final String END = "vigil.anomaly.end";
    static final String SCORE = "vigil.anomaly.score";
    static final String EXPECTED = "vigil.anomaly.expected";
    static final String OBSERVED = "vigil.anomaly.observed";
    static final String ONGOING = "vigil.anomaly.ongoing";

    private AnomalyEvents() {
    }

    static LogEvent toEvent(Anomaly a) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put(KIND_ATTRIBUTE, KIND_VALUE);
        attributes.put(ID, a.id());
        attributes.put(SIGNAL, a.signal().kind().label());
        attributes.put(SERIES, a.signal().series());
        attributes.put(OF_SERVICE, a.signal().service());
        if (a.signal().endpoint() != null) {
            attributes.put(ENDPOINT, a.signal().endpoint());
        }
        if (a.signal().template() != null) {
            attributes.put(TEMPLATE, a.signal().template());
        }
        attributes.put(ONSET, a.onset().toString());
        attributes.put(PEAK, a.peak().toString());
        attributes.put(END, a.end().toString());
        attributes.put(SCORE, Double.toString(a.score()));
        attributes.put(EXPECTED, Double.toString(a.expected()));
        attributes.put(OBSERVED, Double.toString(a.observed()));
        if (a.ongoing()) {
            attributes.put(ONGOING, "true");
        }
        String message = String.format(Locale.ROOT, "anomaly in %s %s: %s %.4g, expected %.4g (score %.2f)",
                a.signal().service(), a.signal().kind().label(), a.signal().series(), a.observed(), a.expected(), a.score());
        return new LogEvent(Timestamps.toNanos(a.onset()), SERVICE, null, Level.INFO, message, attributes);
    }

    /** The anomaly a stored event describes, or null when the event is not one. */
    static Anomaly fromEvent(LogEvent event) {
        Map<String, String> a = event.attributes();
        if (!SERVICE.equals(event.service()) || !KIND_VALUE.equals(a.get(KIND_ATTRIBUTE)) || a.get(ID) == null) {
            return null;
        }
        try {
            SignalId signal = new SignalId(SignalKind.parse(a.get(SIGNAL)), a.get(SERIES), a.get(OF_SERVICE), a.get(ENDPOINT), a.get(TEMPLATE));
            return new Anomaly(a.get(ID), signal, Instant.parse(a.get(ONSET)), Instant.parse(a.get(PEAK)), Instant.parse(a.get(END)),
                    Double.parseDouble(a.get(SCORE)), Double.parseDouble(a.get(EXPECTED)), Double.parseDouble(a.get(OBSERVED)),
                    "true".equals(a.get(ONGOING)));
        } catch (RuntimeException e) {
            // A user-written event that imitates ours but does not parse is not an anomaly.
            return null;
        }
    }
}
