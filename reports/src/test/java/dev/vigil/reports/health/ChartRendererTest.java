package dev.vigil.reports.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRendererTest {

    private final ChartRenderer renderer = new ChartRenderer();

    @Test
    void rendersAllThreeChartsAsPngsOfTheDefaultSize(@TempDir Path dir) throws IOException {
        Map<String, byte[]> charts = renderer.renderAll(HealthReportFixtures.realistic());
        assertEquals(List.of("request-rate.png", "error-rate.png", "p95-latency.png"), List.copyOf(charts.keySet()));
        for (Map.Entry<String, byte[]> e : charts.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.write(file, e.getValue());
            BufferedImage img = ImageIO.read(file.toFile());
            assertNotNull(img, e.getKey() + " decodes");
            assertEquals(900, img.getWidth());
            assertEquals(320, img.getHeight());
            assertEquals(0xFFFFFF, img.getRGB(2, 2) & 0xFFFFFF, "white background");
            assertTrue(distinctColours(img) > 20, e.getKey() + " has lines and text, not a blank image");
        }
    }

    @Test
    void everyServiceGetsItsOwnColourInTheChart() throws IOException {
        BufferedImage img = decode(renderer.p95LatencyChart(HealthReportFixtures.realistic()));
        // Tableau colours of the first few services (sorted by name) must appear somewhere.
        int[] expected = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0x9467BD, 0x8C564B};
        Set<Integer> seen = colours(img);
        for (int c : expected) {
            assertTrue(seen.contains(c), String.format("colour #%06X drawn", c));
        }
    }

    @Test
    void customSizeIsHonoured() throws IOException {
        BufferedImage img = decode(new ChartRenderer(640, 240).errorRateChart(HealthReportFixtures.realistic()));
        assertEquals(640, img.getWidth());
        assertEquals(240, img.getHeight());
    }

    @Test
    void emptyReportStillRenders() throws IOException {
        for (byte[] png : renderer.renderAll(HealthReportFixtures.empty()).values()) {
            BufferedImage img = decode(png);
            assertEquals(900, img.getWidth());
            assertEquals(320, img.getHeight());
        }
    }

    @Test
    void allNaNTimelineRendersWithoutLines() throws IOException {
        HealthReport base = HealthReportFixtures.realistic();
        ServiceTimeline blank = new ServiceTimeline("ghost", base.timelines().get(0).bucketStarts(), null, null, null);
        HealthReport r = new HealthReport(base.from(), base.to(), base.generatedAt(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(blank));
        assertEquals(320, decode(renderer.requestRateChart(r)).getHeight());
    }

    @Test
    void anomalySpansAreShadedAndDeploysDrawnByVerdict() throws IOException {
        HealthReport base = HealthReportFixtures.realistic();
        java.time.Instant spanFrom = base.from().plus(java.time.Duration.ofMinutes(30));
        java.time.Instant spanTo = spanFrom.plus(java.time.Duration.ofMinutes(40));
        HealthReport marked = new HealthReport(base.from(), base.to(), base.generatedAt(), base.services(), base.endpoints(),
                base.bottlenecks(), base.anomalies(), List.of(), base.timelines(), List.of(), List.of(), List.of(), List.of(),
                List.of(new ChangeLine("c1", base.from().plus(java.time.Duration.ofMinutes(150)), "checkout", "deploy", "v9.9.9",
                        "degraded", "", true, "v9.9.8", false, 0.01, 0.2, 100, 900, 1e-6)),
                List.of(new AnomalySpan("checkout", AnomalySpan.Signal.ERROR_RATE, spanFrom, spanTo)), List.of());
        HealthReport plain = new HealthReport(base.from(), base.to(), base.generatedAt(), base.services(), base.endpoints(),
                base.bottlenecks(), base.anomalies(), List.of(), base.timelines());
        BufferedImage withMarks = decode(renderer.errorRateChart(marked));
        BufferedImage without = decode(renderer.errorRateChart(plain));
        // The shade is translucent orange over white: red high, blue clearly lower.
        int shaded = count(withMarks, rgb -> red(rgb) > 240 && blue(rgb) < 225 && blue(rgb) > 150 && green(rgb) > 200);
        int shadedBefore = count(without, rgb -> red(rgb) > 240 && blue(rgb) < 225 && blue(rgb) > 150 && green(rgb) > 200);
        assertTrue(shaded > shadedBefore + 2000, "shaded pixels " + shaded + " vs " + shadedBefore);
        // The degraded deploy's line is the verdict red.
        int red = count(withMarks, rgb -> (rgb & 0xFFFFFF) == 0xC62828);
        int redBefore = count(without, rgb -> (rgb & 0xFFFFFF) == 0xC62828);
        assertTrue(red > redBefore + 100, "deploy line pixels " + red + " vs " + redBefore);
    }

    @Test
    void sloBudgetChartOnlyWithSlos() throws IOException {
        HealthReport base = HealthReportFixtures.realistic();
        assertTrue(!renderer.renderAll(base).containsKey(ChartRenderer.SLO_BUDGET_FILE));
        List<SloLine.BudgetPoint> history = new java.util.ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            history.add(new SloLine.BudgetPoint(base.from().plus(java.time.Duration.ofMinutes(10L * i)), 1 - i * 0.05));
        }
        HealthReport r = new HealthReport(base.from(), base.to(), base.generatedAt(), base.services(), List.of(), List.of(), List.of(),
                List.of(), base.timelines(), List.of(), List.of(new SloLine("checkout-availability", "Checkout", "checkout", 99.9,
                        java.time.Duration.ofDays(30), 0.998, -0.2, 6, java.time.Duration.ofHours(1), false, history)),
                List.of(), List.of(), List.of(), List.of(), List.of());
        byte[] png = renderer.renderAll(r).get(ChartRenderer.SLO_BUDGET_FILE);
        assertNotNull(png);
        BufferedImage img = decode(png);
        assertTrue(distinctColours(img) > 20, "drawn, not blank");
        assertTrue(count(img, rgb -> (rgb & 0xFFFFFF) == 0x1F77B4) > 200, "the SLO's line in the first palette colour");
    }

    private static int count(BufferedImage img, java.util.function.IntPredicate test) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (test.test(img.getRGB(x, y))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    private static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }

    static BufferedImage decode(byte[] png) throws IOException {
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "PNG signature");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img);
        return img;
    }

    private static int distinctColours(BufferedImage img) {
        return colours(img).size();
    }

    private static Set<Integer> colours(BufferedImage img) {
        Set<Integer> s = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                s.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return s;
    }
}
