package dev.vigil.analytics.anomaly.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabBenchmarkTest {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Writes a NAB-layout series of noise with a jump at {@code jumpAt}; returns its timestamps. */
    private static List<String> writeSeries(Path file, long seed, int rows, int jumpAt) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        LocalDateTime t = LocalDateTime.of(2014, 4, 1, 0, 0);
        List<String> stamps = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String stamp = t.plusMinutes(5L * i).format(TIME);
            stamps.add(stamp);
            double v = 20 + random.nextGaussian() + (i >= jumpAt ? 15 : 0);
            csv.append(stamp).append(',').append(v).append('\n');
        }
        Files.writeString(file, csv);
        return stamps;
    }

    @Test
    void streamsEverySeriesWritesNabResultsAndFindsAnObviousJump(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("nab");
        List<String> a = writeSeries(root.resolve("data/realA/jump.csv"), 1, 2000, 1500);
        writeSeries(root.resolve("data/realB/calm.csv"), 2, 1500, Integer.MAX_VALUE);
        Files.createDirectories(root.resolve("labels"));
        Files.writeString(root.resolve("labels/combined_windows.json"), "{\"realA/jump.csv\": [[\"" + a.get(1450)
                + ".000000\", \"" + a.get(1549) + ".000000\"]], \"realB/calm.csv\": []}");
        Path out = dir.resolve("results");

        NabBenchmark.Report report = new NabBenchmark().run(root, out);

        assertEquals(2, report.series());
        assertEquals(3500, report.points());
        assertEquals(3, report.results().size());
        NabScorer.Result standard = report.results().get(0);
        assertEquals(1, standard.windows());
        assertEquals(1, standard.truePositives(), "the jump is found");
        assertTrue(standard.normalised() > 50, "score " + standard.normalised());
        List<String> lines = Files.readAllLines(out.resolve("realA/jump.csv"));
        assertEquals("timestamp,value,anomaly_score", lines.get(0));
        assertEquals(2001, lines.size());
        assertTrue(lines.get(1).startsWith(a.get(0) + ","), lines.get(1));
        assertEquals(1501, Files.readAllLines(out.resolve("realB/calm.csv")).size());
    }

    @Test
    void aDirectoryWithoutNabLayoutIsRejectedWithTheFix(@TempDir Path dir) throws IOException {
        IllegalArgumentException noData = assertThrows(IllegalArgumentException.class, () -> new NabBenchmark().run(dir, null));
        assertTrue(noData.getMessage().contains("data/") && noData.getMessage().contains("NAB root"), noData.getMessage());
        Files.createDirectories(dir.resolve("data/x"));
        IllegalArgumentException noLabels = assertThrows(IllegalArgumentException.class, () -> new NabBenchmark().run(dir, null));
        assertTrue(noLabels.getMessage().contains("combined_windows.json"), noLabels.getMessage());
    }

    @Test
    void aBadRowIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("data/c"));
        Files.createDirectories(dir.resolve("labels"));
        Files.writeString(dir.resolve("labels/combined_windows.json"), "{}");
        Files.writeString(dir.resolve("data/c/f.csv"), "timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00,abc\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NabBenchmark().run(dir, null));
        assertTrue(e.getMessage().contains("f.csv line 3"), e.getMessage());
    }
}
