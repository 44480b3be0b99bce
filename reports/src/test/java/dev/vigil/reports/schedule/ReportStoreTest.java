package dev.vigil.reports.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.vigil.analytics.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored-report directory on a real file system: periods and ids, saving and listing, the
 * retention, and that no id or file name reaches a file outside a report's directory.
 */
class ReportStoreTest {

    @Test
    void periodsAreTheLastCompletedUtcDayAndIsoWeek() {
        Instant wednesday = Instant.parse("2026-11-04T00:10:00Z");
        assertEquals(TimeRange.of(Instant.parse("2026-11-03T00:00:00Z"), Instant.parse("2026-11-04T00:00:00Z")),
                ReportCadence.DAILY.lastCompleted(wednesday));
        TimeRange week = ReportCadence.WEEKLY.lastCompleted(wednesday);
        assertEquals(TimeRange.of(Instant.parse("2026-10-26T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z")), week);
        assertEquals("weekly-2026-10-26", ReportCadence.WEEKLY.id(week));
        // On Monday 00:00 the week just ended is complete.
        assertEquals(Instant.parse("2026-11-02T00:00:00Z"), ReportCadence.WEEKLY.lastCompleted(Instant.parse("2026-11-02T00:00:00Z")).to());
    }

    @Test
    void scheduleSettingsParseAndNameTheirErrors() {
        ReportSchedule s = ReportSchedule.off().withCadences("weekly, daily").withRetention("3");
        assertEquals(Set.of(ReportCadence.DAILY, ReportCadence.WEEKLY), s.cadences());
        assertEquals(3, s.retention());
        assertFalse(s.withCadences("off").enabled());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withCadences("daily,monthly")).getMessage().contains("'monthly'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withRetention("many")).getMessage().contains("'many'"));
    }

    @Test
    void savedReportsAreListedNewestFirstAndRetentionKeepsTheNewest(@TempDir Path temp) throws IOException {
        ReportStore store = new ReportStore(temp.resolve("reports"));
        assertEquals(List.of(), store.list());
        for (String day : List.of("2026-11-01", "2026-11-03", "2026-11-02")) {
            Instant from = Instant.parse(day + "T00:00:00Z");
            store.save("daily-" + day, ReportCadence.DAILY, from, from.plusSeconds(86_400), from.plusSeconds(87_000), dir -> {
                Files.writeString(dir.resolve("health-report.md"), "# " + day);
                Files.createDirectories(dir.resolve("health-report-charts"));
                Files.write(dir.resolve("health-report-charts/error-rate.png"), new byte[] {1});
            });
        }
        assertEquals(List.of("daily-2026-11-03", "daily-2026-11-02", "daily-2026-11-01"), store.list().stream().map(StoredReport::id).toList());
        assertEquals(List.of("health-report-charts/error-rate.png", "health-report.md"), store.find("daily-2026-11-02").orElseThrow().files());
        assertTrue(Files.readString(temp.resolve("reports/index.md")).contains("[health-report.md](daily-2026-11-03/health-report.md)"));
        assertEquals(List.of("daily-2026-11-01"), store.retain(ReportCadence.DAILY, 2));
        assertEquals(2, store.list().size());
        assertFalse(Files.exists(temp.resolve("reports/daily-2026-11-01")));
        // No temporary directory is left behind.
        try (var left = Files.list(temp.resolve("reports"))) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith(".")).count());
        }
    }

    @Test
    void noIdOrFileNameLeadsOutOfTheReportDirectory(@TempDir Path temp) throws IOException {
        ReportStore store = new ReportStore(temp.resolve("reports"));
        Instant from = Instant.parse("2026-11-02T00:00:00Z");
        store.save("daily-2026-11-02", ReportCadence.DAILY, from, from.plusSeconds(86_400), from, dir ->
                Files.writeString(dir.resolve("health-report.md"), "ok"));
        Files.writeString(temp.resolve("secret.md"), "secret");
        Files.createSymbolicLink(temp.resolve("reports/daily-2026-11-02/leak.md"), temp.resolve("secret.md"));
        assertTrue(store.file("daily-2026-11-02", "health-report.md").isPresent());
        for (String id : List.of("..", "daily-2026-11-02/..", "DAILY-2026-11-02", "daily-2026-11-2", "weekly-../x", "")) {
            assertFalse(ReportStore.isValidId(id), id);
            assertTrue(store.file(id, "health-report.md").isEmpty(), id);
        }
        for (String file : List.of("../secret.md", "../../secret.md", "a/../../secret.md", "/etc/passwd", "report.properties",
                "health-report-charts/../../secret.md", "x\\..\\secret.md", "leak.md", "a/b/c.md", "%2e%2e/secret.md", "health-report.MD")) {
            assertTrue(store.file("daily-2026-11-02", file).isEmpty(), file);
        }
        assertThrows(IllegalArgumentException.class, () -> store.save("../x", ReportCadence.DAILY, from, from, from, dir -> { }));
        // A damaged metadata file hides only that report.
        Files.writeString(temp.resolve("reports/daily-2026-11-02/report.properties"), "cadence=hourly");
        assertEquals(List.of(), store.list());
    }
}
