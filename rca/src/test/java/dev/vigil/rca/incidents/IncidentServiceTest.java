package dev.vigil.rca.incidents;

import static dev.vigil.rca.incidents.DeployIncident.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.RcaResult;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.RootCauseCandidate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents over a real pipeline holding a small deploy incident, stored in a real directory:
 * opening analyses and stores, the timeline holds what happened in order, status changes and
 * re-analyses are kept, alerts open one incident per firing, and a store reopened on the same
 * directory gives back exactly what was stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentServiceTest {
    private static final TimeRange WINDOW = new TimeRange(at(115), at(145));
    private static final JsonFactory JSON = new JsonFactory();
    /** A stand-in for the API's encoder: the candidates and the signal count. */
    static final RcaEncoder ENCODER = result -> {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("candidates");
            for (RootCauseCandidate c : result.candidates()) {
                g.writeStartObject();
                g.writeStringField("kind", c.kind().label());
                g.writeStringField("service", c.service());
                g.writeStringField("subject", c.subject());
                g.writeNumberField("score", c.score());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("signals", result.signals().size());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    };

    private Path temp;
    private EventPipeline pipeline;
    private RootCauseAnalyzer analyzer;

    @BeforeAll
    void ingest(@TempDir Path dir) throws IOException {
        temp = dir;
        pipeline = DeployIncident.writeTo(temp.resolve("pipeline"));
        analyzer = new RootCauseAnalyzer(pipeline);
    }

    @AfterAll
    void close() throws IOException {
        pipeline.close();
    }

    private IncidentService service(IncidentStore store, TestClock clock) {
        return new IncidentService(store, analyzer, ENCODER, new EventScanner(pipeline), null, clock);
    }

    private static TestClock clock() {
        return new TestClock(Timestamps.toInstant(at(150)));
    }

    @Test
    void openingAnalysesTheWindowBuildsTheTimelineAndSurvivesAReopen() throws IOException {
        Path dir = temp.resolve("open");
        IncidentStore store = IncidentStore.open(dir);
        Incident incident = service(store, clock()).open(WINDOW, null, "checkout failures");

        assertTrue(IncidentIds.isValid(incident.id()), incident.id());
        assertTrue(incident.id().startsWith("20261102-"), "the id starts with the opening day: " + incident.id());
        assertEquals("checkout failures", incident.title());
        assertEquals(IncidentStatus.OPEN, incident.status());
        assertEquals(WINDOW, incident.window());
        assertNull(incident.resolvedAt());
        // The stored analysis is the encoder's output, and the top cause is its first candidate.
        RcaResult direct = analyzer.analyze(new dev.vigil.rca.RcaRequest(WINDOW, null));
        assertNotNull(direct.top(), "the analysis found no candidate at all");
        assertEquals(new TopCause(direct.top().kind().label(), direct.top().service(), direct.top().subject(), direct.top().score()),
                incident.topCause());
        assertTrue(incident.rca().startsWith("{\"candidates\":[{"), incident.rca());

        List<TimelineEntry> timeline = incident.timeline();
        for (int i = 1; i < timeline.size(); i++) {
            assertFalse(timeline.get(i).at().isBefore(timeline.get(i - 1).at()), "timeline out of order at " + i + ": " + timeline);
        }
        TimelineEntry deploy = only(timeline, TimelineEntry.Type.CHANGE);
        assertEquals(Timestamps.toInstant(DeployIncident.DEPLOY), deploy.at());
        assertEquals("payments", deploy.service());
        assertTrue(deploy.summary().contains("deploy payments v2.4.0"), deploy.summary());
        assertEquals(List.of(WINDOW.from(), WINDOW.to()), timeline.stream().filter(e -> e.type() == TimelineEntry.Type.WINDOW)
                .map(TimelineEntry::at).toList());
        assertEquals(direct.signals().size(), timeline.stream().filter(e -> e.type() == TimelineEntry.Type.SIGNAL).count(), timeline::toString);
        assertTrue(timeline.stream().anyMatch(e -> e.type() == TimelineEntry.Type.SIGNAL && "payments".equals(e.service())
                && !e.at().isBefore(deploy.at())), timeline::toString);
        assertTrue(only(timeline, TimelineEntry.Type.STATUS).summary().startsWith("opened"), timeline::toString);
        assertTrue(only(timeline, TimelineEntry.Type.ANALYSIS).summary().contains("top candidate: "), timeline::toString);

        // One file, no temporary left over, and a fresh store reads back the same incident.
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(incident.id() + ".json"), files.map(p -> p.getFileName().toString()).toList());
        }
        Incident reread = IncidentStore.open(dir).get(incident.id()).orElseThrow();
        assertEquals(incident, reread);
    }

    @Test
    void resolvingAddsAStatusEntryOnceAndIsStored() throws IOException {
        Path dir = temp.resolve("resolve");
        TestClock clock = clock();
        IncidentService incidents = service(IncidentStore.open(dir), clock);
        Incident incident = incidents.open(WINDOW, "payments", null);
        assertEquals("payments", incident.service());
        assertTrue(incident.title().startsWith("payments incident "), incident.title());

        clock.advance(Duration.ofMinutes(20));
        Incident resolved = incidents.resolve(incident.id(), "rolled back to v2.3.9");
        assertEquals(IncidentStatus.RESOLVED, resolved.status());
        assertEquals(clock.instant(), resolved.resolvedAt());
        TimelineEntry last = resolved.timeline().get(resolved.timeline().size() - 1);
        assertEquals(TimelineEntry.Type.STATUS, last.type());
        assertEquals("resolved: rolled back to v2.3.9", last.summary());
        assertEquals(incident.timeline().size() + 1, resolved.timeline().size());

        assertThrows(IncidentConflictException.class, () -> incidents.resolve(incident.id(), null));
        assertThrows(UnknownIncidentException.class, () -> incidents.resolve("20261102-zzzzzz", null));
        assertThrows(UnknownIncidentException.class, () -> incidents.resolve("../../etc/passwd", null));
        assertEquals(resolved, IncidentStore.open(dir).get(incident.id()).orElseThrow());
    }

    @Test
    void reanalysisReplacesTheResultAndKeepsTheHistory() throws IOException {
        TestClock clock = clock();
        IncidentService incidents = service(IncidentStore.open(temp.resolve("reanalyze")), clock);
        Incident incident = incidents.open(WINDOW, null, null);
        clock.advance(Duration.ofMinutes(5));
        incidents.resolve(incident.id(), null);
        clock.advance(Duration.ofMinutes(5));
        Incident again = incidents.reanalyze(incident.id());

        assertEquals(IncidentStatus.RESOLVED, again.status(), "a re-analysis must not undo the resolve");
        assertEquals(2, again.timeline().stream().filter(e -> e.type() == TimelineEntry.Type.ANALYSIS).count(), again.timeline()::toString);
        assertEquals(2, again.timeline().stream().filter(e -> e.type() == TimelineEntry.Type.STATUS).count(), again.timeline()::toString);
        // Derived entries are rebuilt, not duplicated.
        assertEquals(1, again.timeline().stream().filter(e -> e.type() == TimelineEntry.Type.CHANGE).count(), again.timeline()::toString);
        assertEquals(2, again.timeline().stream().filter(e -> e.type() == TimelineEntry.Type.WINDOW).count(), again.timeline()::toString);
        assertEquals(incident.topCause(), again.topCause());
        assertThrows(UnknownIncidentException.class, () -> incidents.reanalyze("20261102-000000"));
    }

    @Test
    void anAlertOpensOneIncidentPerFiringOverTheHalfHourBeforeIt() throws IOException {
        TestClock clock = clock();
        IncidentService incidents = service(IncidentStore.open(temp.resolve("alerts")), clock);
        Instant fired = Timestamps.toInstant(at(128));
        Map<String, String> labels = Map.of("service", "payments", "severity", "page");

        IncidentService.Opened first = incidents.openFromAlert("PaymentsErrorRate", labels, fired, null);
        assertTrue(first.created());
        Incident incident = first.incident();
        assertEquals(new TimeRange(at(98), at(128)), incident.window());
        assertEquals("payments", incident.service(), "the service comes from the labels when not given");
        assertEquals("PaymentsErrorRate on payments", incident.title());
        assertEquals(IncidentOrigin.alert("PaymentsErrorRate", labels, fired), incident.origin());
        assertTrue(incident.timeline().stream().anyMatch(e -> e.summary().equals("opened by alert PaymentsErrorRate firing at " + fired)),
                incident.timeline()::toString);

        clock.advance(Duration.ofMinutes(4));
        IncidentService.Opened repeat = incidents.openFromAlert("PaymentsErrorRate", labels, fired.plusSeconds(240), null);
        assertFalse(repeat.created(), "a repeated notification of the same alert reuses the open incident");
        assertEquals(incident.id(), repeat.incident().id());
        IncidentService.Opened other = incidents.openFromAlert("PaymentsErrorRate", Map.of("service", "payments", "severity", "ticket"),
                fired, "checkout");
        assertTrue(other.created(), "other labels are another alert");
        assertEquals("checkout", other.incident().service(), "an explicit service wins over the label");

        incidents.resolve(incident.id(), null);
        clock.advance(Duration.ofMinutes(1));
        IncidentService.Opened afterResolve = incidents.openFromAlert("PaymentsErrorRate", labels, fired.plusSeconds(600), null);
        assertTrue(afterResolve.created(), "once resolved, the alert firing again is a new incident");
        assertNotEquals(incident.id(), afterResolve.incident().id());

        assertThrows(IllegalArgumentException.class, () -> incidents.openFromAlert(" ", labels, fired, null));
        assertThrows(IllegalArgumentException.class, () -> incidents.openFromAlert("X", labels, null, null));
    }

    @Test
    void listingFiltersAndPagesNewestFirst() throws IOException {
        TestClock clock = clock();
        IncidentService incidents = service(IncidentStore.open(temp.resolve("list")), clock);
        Incident a = incidents.open(WINDOW, "payments", "a");
        clock.advance(Duration.ofMinutes(1));
        Incident b = incidents.open(new TimeRange(at(60), at(70)), "checkout", "b");
        clock.advance(Duration.ofMinutes(1));
        Incident c = incidents.open(WINDOW, null, "c");
        incidents.resolve(a.id(), null);

        assertEquals(List.of("c", "b", "a"), titles(incidents.list(new IncidentQuery(null, null, null, 10, 0))));
        assertEquals(List.of("b"), titles(incidents.list(new IncidentQuery(null, null, null, 1, 1))));
        assertEquals(3, incidents.list(new IncidentQuery(null, null, null, 1, 1)).total());
        assertEquals(List.of(), titles(incidents.list(new IncidentQuery(null, null, null, 5, 3))));
        assertEquals(List.of("c", "b"), titles(incidents.list(new IncidentQuery(IncidentStatus.OPEN, null, null, 10, 0))));
        assertEquals(List.of("a"), titles(incidents.list(new IncidentQuery(IncidentStatus.RESOLVED, null, null, 10, 0))));
        assertEquals(List.of("b"), titles(incidents.list(new IncidentQuery(null, null, "checkout", 10, 0))));
        // Window overlap: b's window [60, 70) touches [65, 80), a and c's [115, 145) do not.
        assertEquals(List.of("b"), titles(incidents.list(new IncidentQuery(null, new TimeRange(at(65), at(80)), null, 10, 0))));
        assertEquals(List.of("c", "a"), titles(incidents.list(new IncidentQuery(null, new TimeRange(at(144), at(200)), null, 10, 0))));
        assertEquals(c.id(), incidents.get(c.id()).orElseThrow().id());
        assertTrue(incidents.get(b.id().toUpperCase()).isEmpty());

        assertThrows(IllegalArgumentException.class, () -> new IncidentQuery(null, null, null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new IncidentQuery(null, null, null, 10, -1));
    }

    @Test
    void badInputNamesTheField() throws IOException {
        IncidentService incidents = service(IncidentStore.open(temp.resolve("bad")), clock());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> incidents.open(new TimeRange(at(0), at(0) + Duration.ofHours(25).toNanos()), null, null));
        assertTrue(tooLong.getMessage().contains("'to'"), tooLong.getMessage());
        IllegalArgumentException title = assertThrows(IllegalArgumentException.class, () -> incidents.open(WINDOW, null, "t".repeat(201)));
        assertTrue(title.getMessage().contains("'title'"), title.getMessage());
        IllegalArgumentException service = assertThrows(IllegalArgumentException.class, () -> incidents.open(WINDOW, "s".repeat(300), null));
        assertTrue(service.getMessage().contains("'service'"), service.getMessage());
    }

    private static List<String> titles(IncidentQuery.Page page) {
        return page.incidents().stream().map(Incident::title).toList();
    }

    private static TimelineEntry only(List<TimelineEntry> timeline, TimelineEntry.Type type) {
        List<TimelineEntry> matches = timeline.stream().filter(e -> e.type() == type).toList();
        assertEquals(1, matches.size(), () -> "expected one " + type + " entry in " + timeline);
        return matches.get(0);
    }
}
