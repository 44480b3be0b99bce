package dev.vigil.rca.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.vigil.analytics.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files behind incidents: ids as the only way to a path, whole-file writes, damaged files skipped. */
class IncidentStoreTest {
    private static final Instant OPENED = Instant.parse("2026-11-02T11:10:00Z");

    @TempDir
    Path temp;

    static Incident incident(String id, String rca) {
        TimeRange window = TimeRange.of(Instant.parse("2026-11-02T10:40:00Z"), Instant.parse("2026-11-02T11:05:00Z"));
        return new Incident(id, "pool \"exhausted\" — ünïcode", "payments", IncidentStatus.OPEN,
                IncidentOrigin.alert("PoolSaturated", Map.of("service", "payments", "team", "core"), OPENED.minusSeconds(60)), window,
                OPENED, null, new TopCause("change", "payments", "deploy payments v2.14.0", 0.95), rca,
                List.of(new TimelineEntry(OPENED, TimelineEntry.Type.STATUS, null, "opened"),
                        new TimelineEntry(window.from(), TimelineEntry.Type.WINDOW, null, "incident window starts"),
                        new TimelineEntry(Instant.parse("2026-11-02T10:42:00Z"), TimelineEntry.Type.CHANGE, "payments", "deploy payments v2.14.0")));
    }

    @Test
    void idsAreShortUrlSafeAndRefuseAnythingElse() {
        String id = IncidentIds.next(OPENED);
        assertTrue(id.matches("20261102-[0-9a-z]{6}"), id);
        assertTrue(IncidentIds.isValid(id));
        for (String bad : new String[] {null, "", "../20261102-abcdef", "20261102-abcdef/..", "20261102-ABCDEF", "20261102-abcde",
                "20261102-abcdefg", "20261102_abcdef", "2026110-abcdefg", "20261102-abc.ef", "..", "20261102-abcdef\u0000"}) {
            assertFalse(IncidentIds.isValid(bad), "accepted '" + bad + "'");
        }
    }

    @Test
    void writesWholeFilesAndReadsThemBackAfterAReopen() throws IOException {
        Path dir = temp.resolve("incidents");
        IncidentStore store = IncidentStore.open(dir);
        Incident incident = incident("20261102-a1b2c3", "{\"candidates\":[{\"kind\":\"change\",\"score\":0.95,\"evidence\":[1,2.5,null,true]}],\"took_ms\":12.25}");
        store.put(incident);
        Incident resolved = incident.resolved(OPENED.plusSeconds(600), "rolled back");
        store.put(resolved);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("20261102-a1b2c3.json"), files.map(p -> p.getFileName().toString()).toList());
        }
        Incident reread = IncidentStore.open(dir).get(incident.id()).orElseThrow();
        assertEquals(resolved, reread);
        // Timeline entries come back in time order, whatever order they were given in.
        assertEquals(Instant.parse("2026-11-02T10:40:00Z"), reread.timeline().get(0).at());
    }

    @Test
    void aDamagedOrForeignFileIsSkippedAndLeftoversOfInterruptedWritesAreRemoved() throws IOException {
        Path dir = temp.resolve("damaged");
        IncidentStore store = IncidentStore.open(dir);
        store.put(incident("20261102-aaaaaa", "{}"));
        store.put(incident("20261102-bbbbbb", "{}"));
        Files.writeString(dir.resolve("20261102-bbbbbb.json"), "{\"format\":1,\"id\":\"20261102-bbb", StandardCharsets.UTF_8);
        Files.write(dir.resolve("20261102-cccccc.json"), IncidentCodec.full(incident("20261102-dddddd", "{}")));
        Files.writeString(dir.resolve("20261102-eeeeee.json.tmp"), "half", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "not an incident", StandardCharsets.UTF_8);

        IncidentStore reopened = IncidentStore.open(dir);
        assertEquals(List.of("20261102-aaaaaa"), reopened.all().stream().map(Incident::id).toList());
        assertFalse(Files.exists(dir.resolve("20261102-eeeeee.json.tmp")));
        assertTrue(Files.exists(dir.resolve("20261102-bbbbbb.json")), "a damaged file is kept for a person to look at");
    }

    @Test
    void malformedIdsNeverReachTheFileSystem() throws IOException {
        Path dir = temp.resolve("safe");
        Files.createDirectories(dir);
        // A file that a path trick would reach.
        Files.write(temp.resolve("20261102-ffffff.json"), IncidentCodec.full(incident("20261102-ffffff", "{}")));
        IncidentStore store = IncidentStore.open(dir);
        assertTrue(store.get("../20261102-ffffff").isEmpty());
        assertTrue(store.get("20261102-ffffff").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> incident("../x", "{}"));
    }

    @Test
    void unknownFormatsAreRefused() {
        byte[] json = IncidentCodec.full(incident("20261102-a1b2c3", "{}"));
        String text = new String(json, StandardCharsets.UTF_8).replace("\"format\":1", "\"format\":2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IncidentCodec.read(text.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("format"), e.getMessage());
    }
}
