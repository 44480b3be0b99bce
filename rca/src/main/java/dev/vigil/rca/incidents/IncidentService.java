package dev.vigil.rca.incidents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.anomaly.monitor.Anomaly;
import dev.vigil.analytics.anomaly.monitor.AnomalyMonitor;
import dev.vigil.analytics.anomaly.monitor.AnomalyQuery;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.RcaRequest;
import dev.vigil.rca.RcaResult;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.RootCauseCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens, lists, resolves and re-analyses incidents. Opening runs the root-cause analysis over the
 * window, builds the timeline and stores the incident before returning it.
 *
 * <pre>{@code
 * IncidentService incidents = IncidentService.create(IncidentStore.open(dataDir.resolve("incidents")), pipeline,
 *         new RootCauseAnalyzer(pipeline), encoder, anomalyMonitor);
 * Incident incident = incidents.open(TimeRange.of(from, to), "payments", null);
 * incidents.resolve(incident.id(), "rolled back to v2.13.2");
 * }</pre>
 *
 * <p>Every method may block for seconds (analysis, disk): call it from a worker thread, never from
 * an event loop. Thread-safe: analyses run concurrently; changes to one incident are applied to
 * its latest stored version, so a resolve is never lost to a concurrent re-analysis.
 */
public final class IncidentService {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentService.class);
    /** Longer windows make analyses slow and their answers vague. */
    public static final Duration MAX_WINDOW = Duration.ofDays(1);
    /** An alert fires after its symptoms began: the window reaches this far back from the firing time. */
    public static final Duration ALERT_LOOKBACK = Duration.ofMinutes(30);
    /** Causes often start before the window (see the analysis frame): anomalies are listed from this much earlier. */
    private static final Duration LEAD = Duration.ofMinutes(30);
    public static final int MAX_TITLE = 200;
    public static final int MAX_SERVICE = 256;

    private final IncidentStore store;
    private final RootCauseAnalyzer analyzer;
    private final RcaEncoder encoder;
    private final EventScanner scanner;
    private final AnomalyMonitor anomalies;
    private final Clock clock;

    /**
     * @param anomalies the anomaly monitor whose episodes join the timeline, or null
     * @param clock     the time incidents are opened and resolved at
     */
    public IncidentService(IncidentStore store, RootCauseAnalyzer analyzer, RcaEncoder encoder, EventScanner scanner,
                           AnomalyMonitor anomalies, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.anomalies = anomalies;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static IncidentService create(IncidentStore store, EventPipeline pipeline, RootCauseAnalyzer analyzer, RcaEncoder encoder,
                                         AnomalyMonitor anomalies) {
        return new IncidentService(store, analyzer, encoder, new EventScanner(pipeline), anomalies, Clock.systemUTC());
    }

    /**
     * Opens an incident over {@code window}, analysed at once.
     *
     * @param service the service it is about, or null for the whole system
     * @param title   a name for it, or null for one made from the window
     * @throws IllegalArgumentException naming the field: window longer than {@link #MAX_WINDOW}, title or service too long
     */
    public Incident open(TimeRange window, String service, String title) {
        return open(window, service, title, IncidentOrigin.MANUAL, "opened through the API").incident();
    }

    /**
     * Opens an incident for a firing alert, over the {@link #ALERT_LOOKBACK} before it fired. An
     * alert that fires again (same name and labels) while its incident is open does not open a
     * second one: the open incident is returned, {@code created} false.
     *
     * @param alertName the alert's name (e.g. Alertmanager's {@code alertname})
     * @param labels    the alert's labels; may be empty
     * @param firedAt   when it started firing
     * @param service   the service it concerns, or null to take the {@code service} label (if any)
     */
    public Opened openFromAlert(String alertName, Map<String, String> labels, Instant firedAt, String service) {
        if (alertName == null || alertName.isBlank()) {
            throw new IllegalArgumentException("'alert' (the alert name) is required");
        }
        if (firedAt == null) {
            throw new IllegalArgumentException("'fired_at' is required");
        }
        Map<String, String> safeLabels = labels == null ? Map.of() : labels;
        String target = service != null ? service : safeLabels.get("service");
        IncidentOrigin origin = IncidentOrigin.alert(alertName, safeLabels, firedAt);
        Incident existing = openIncidentOf(origin);
        if (existing != null) {
            return new Opened(existing, false);
        }
        long from = Timestamps.toNanos(firedAt) - ALERT_LOOKBACK.toNanos();
        TimeRange window = new TimeRange(from, Timestamps.toNanos(firedAt));
        String title = alertName + (target == null ? "" : " on " + target);
        return open(window, target, title, origin, "opened by alert " + alertName + " firing at " + firedAt);
    }

    /** The open incident of the same alert (name and labels), or null. */
    private Incident openIncidentOf(IncidentOrigin origin) {
        synchronized (store) {
            for (Incident incident : store.all()) {
                if (incident.status() == IncidentStatus.OPEN && incident.origin().isAlert()
                        && incident.origin().alert().equals(origin.alert()) && incident.origin().labels().equals(origin.labels())) {
                    return incident;
                }
            }
            return null;
        }
    }

    /**
     * An incident from {@link #openFromAlert}.
     *
     * @param created false when an open incident of the same alert was returned instead
     */
    public record Opened(Incident incident, boolean created) {
    }

    private Opened open(TimeRange window, String service, String title, IncidentOrigin origin, String how) {
        if (window.lengthNanos() > MAX_WINDOW.toNanos()) {
            throw new IllegalArgumentException("the window from 'from' to 'to' is longer than " + MAX_WINDOW.toHours()
                    + " hours; open the incident over the part that matters");
        }
        String svc = service == null || service.isBlank() ? null : service.trim();
        if (svc != null && svc.length() > MAX_SERVICE) {
            throw new IllegalArgumentException("'service' is longer than " + MAX_SERVICE + " characters");
        }
        String name = title == null || title.isBlank() ? defaultTitle(window, svc) : title.trim();
        if (name.length() > MAX_TITLE) {
            throw new IllegalArgumentException("'title' is longer than " + MAX_TITLE + " characters");
        }
        Instant openedAt = clock.instant();
        Analysis analysis = analyse(window, svc);
        List<TimelineEntry> timeline = new ArrayList<>(analysis.derived());
        timeline.add(new TimelineEntry(openedAt, TimelineEntry.Type.STATUS, svc, how));
        timeline.add(analysis.entry());
        synchronized (store) {
            // The same alert may have fired again while this one was being analysed.
            Incident concurrent = origin.isAlert() ? openIncidentOf(origin) : null;
            if (concurrent != null) {
                return new Opened(concurrent, false);
            }
            String id;
            do {
                id = IncidentIds.next(openedAt);
            } while (!store.isFree(id));
            Incident incident = new Incident(id, name, svc, IncidentStatus.OPEN, origin, window, openedAt, null, analysis.top(),
                    analysis.rca(), timeline);
            store.put(incident);
            LOG.info("incident {} opened over {}: {}", id, window, analysis.entry().summary());
            return new Opened(incident, true);
        }
    }

    /** Unknown and malformed ids alike give an empty result. */
    public Optional<Incident> get(String id) {
        return store.get(id);
    }

    public IncidentQuery.Page list(IncidentQuery query) {
        return store.list(query);
    }

    /**
     * Marks an open incident resolved, with a timeline entry carrying {@code note} (may be null).
     *
     * @throws UnknownIncidentException    when there is no such incident
     * @throws IncidentConflictException   when it is resolved already
     */
    public Incident resolve(String id, String note) {
        if (note != null && note.length() > MAX_TITLE) {
            throw new IllegalArgumentException("'note' is longer than " + MAX_TITLE + " characters");
        }
        synchronized (store) {
            Incident incident = store.get(id).orElseThrow(() -> new UnknownIncidentException(id));
            if (incident.status() == IncidentStatus.RESOLVED) {
                throw new IncidentConflictException("incident " + id + " was resolved at " + incident.resolvedAt() + " already");
            }
            Incident resolved = incident.resolved(clock.instant(), note == null ? null : note.trim());
            store.put(resolved);
            return resolved;
        }
    }

    /**
     * Runs the analysis over the incident's window again (data may have arrived late, or the
     * engine improved) and replaces the stored result; the timeline keeps the earlier runs.
     *
     * @throws UnknownIncidentException when there is no such incident
     */
    public Incident reanalyze(String id) {
        Incident before = store.get(id).orElseThrow(() -> new UnknownIncidentException(id));
        Analysis analysis = analyse(before.window(), before.service());
        synchronized (store) {
            Incident current = store.get(id).orElseThrow(() -> new UnknownIncidentException(id));
            Incident updated = current.reanalysed(analysis.top(), analysis.rca(), analysis.derived(), analysis.entry());
            store.put(updated);
            return updated;
        }
    }

    private record Analysis(TopCause top, String rca, List<TimelineEntry> derived, TimelineEntry entry) {
    }

    private Analysis analyse(TimeRange window, String service) {
        RcaResult result = analyzer.analyze(new RcaRequest(window, service));
        Instant analysedAt = clock.instant();
        RootCauseCandidate best = result.top();
        TopCause top = best == null ? null : new TopCause(best.kind().label(), best.service(), best.subject(), best.score());
        List<TimelineEntry> derived = TimelineBuilder.derived(result, changes(result), anomalies(window, service));
        return new Analysis(top, encoder.encode(result), derived, TimelineBuilder.analysis(analysedAt, result));
    }

    /** Changes from the start of the analysis' baseline to the end of the window, oldest first. */
    private List<ChangeEvent> changes(RcaResult result) {
        List<ChangeEvent> changes = new ArrayList<>();
        TimeRange range = new TimeRange(Math.min(result.baseline().fromNanos(), result.window().fromNanos()), result.window().toNanos());
        scanner.scan("*", "change", range, 10_000, event -> changes.add((ChangeEvent) event));
        changes.sort(Comparator.comparingLong(ChangeEvent::timestampNanos));
        return changes;
    }

    private List<Anomaly> anomalies(TimeRange window, String service) {
        if (anomalies == null) {
            return List.of();
        }
        long lead = Math.min(LEAD.toNanos(), window.lengthNanos());
        try {
            return anomalies.anomalies(new AnomalyQuery(new TimeRange(window.fromNanos() - lead, window.toNanos()), service, 0.0, null),
                    clock.millis());
        } catch (RuntimeException e) {
            // The timeline is still useful without them; the analysis does not depend on them.
            LOG.warn("anomalies for the incident window {} could not be listed: {}", window, e.toString());
            return List.of();
        }
    }

    private static String defaultTitle(TimeRange window, String service) {
        return String.format(Locale.ROOT, "%s %s to %s", service == null ? "Incident" : service + " incident", window.from(), window.to());
    }
}
