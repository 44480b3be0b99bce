package dev.vigil.reports.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.lowagie.text.pdf.PdfReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

    @Test
    void writesMarkdownPdfAndChartsThatLinkUp(@TempDir Path out) throws IOException {
        List<String> steps = new ArrayList<>();
        ReportFiles.Written w = new ReportFiles().write(HealthReportFixtures.realistic(), out, steps::add);

        assertEquals(out.resolve("health-report.md"), w.markdown());
        assertEquals(out.resolve("health-report.pdf"), w.pdf());
        assertEquals(out.resolve("health-report-charts"), w.chartDir());
        assertEquals(List.of("request-rate.png", "error-rate.png", "p95-latency.png"), List.copyOf(w.charts().keySet()));

        String md = Files.readString(w.markdown(), StandardCharsets.UTF_8);
        MarkdownReportWriterTest.Parsed parsed = MarkdownReportWriterTest.parse(md);
        assertEquals(3, parsed.images().size());
        for (String link : parsed.images()) {
            assertTrue(link.startsWith("health-report-charts/"), link);
            Path png = w.markdown().getParent().resolve(link);
            assertTrue(Files.isRegularFile(png), "chart link resolves: " + link);
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(900, img.getWidth());
            assertEquals(320, img.getHeight());
        }
        assertTrue(md.contains("| checkout |"));
        assertTrue(md.contains("Deploy on checkout"));
        MarkdownReportWriterTest.assertTableRowsConsistent(md);

        byte[] pdf = Files.readAllBytes(w.pdf());
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
        PdfReader reader = new PdfReader(pdf);
        try {
            String text = PdfReportWriterTest.normalise(PdfReportWriterTest.extract(reader));
            assertTrue(text.contains("checkout v2.14.0 rollout"));
        } finally {
            reader.close();
        }

        assertEquals("Rendering charts", steps.get(0));
        assertTrue(steps.contains("Wrote health-report.pdf"), steps.toString());
        assertEquals("Done", steps.get(steps.size() - 1));
        try (Stream<Path> files = Files.walk(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
        copyForInspection(out, "realistic");
    }

    @Test
    void overwritesAnExistingReport(@TempDir Path out) throws IOException {
        ReportFiles files = new ReportFiles();
        files.write(HealthReportFixtures.realistic(), out);
        ReportFiles.Written w = files.write(HealthReportFixtures.empty(), out);
        assertTrue(Files.readString(w.markdown()).contains("No data"));
    }

    @Test
    void emptyReportWritesEverything(@TempDir Path out) throws IOException {
        ReportFiles.Written w = new ReportFiles().write(HealthReportFixtures.empty(), out.resolve("nested/dir"));
        assertTrue(Files.size(w.pdf()) > 1000);
        assertTrue(Files.readString(w.markdown()).contains("No data"));
        for (Path png : w.charts().values()) {
            assertEquals(900, ImageIO.read(png.toFile()).getWidth());
        }
        copyForInspection(out.resolve("nested/dir"), "empty");
    }

    /** Set -Dvigil.report.inspectDir=/some/dir to keep a copy of the generated files for eyeballing. */
    private static void copyForInspection(Path from, String name) throws IOException {
        String dir = System.getProperty("vigil.report.inspectDir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path target = Path.of(dir, name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path t = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
