package dev.vigil.reports.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfReportWriterTest {

    @Test
    void realisticReportHasAllContent(@TempDir Path dir) throws IOException {
        HealthReport r = HealthReportFixtures.realistic();
        byte[] pdf = new PdfReportWriter().write(r, new ChartRenderer().renderAll(r));
        Path file = dir.resolve("report.pdf");
        Files.write(file, pdf);

        assertTrue(new String(pdf, 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
        PdfReader reader = new PdfReader(Files.readAllBytes(file));
        try {
            assertTrue(reader.getNumberOfPages() >= 2, "pages: " + reader.getNumberOfPages());
            String text = normalise(extract(reader));
            for (String service : HealthReportFixtures.SERVICES) {
                assertTrue(text.contains(service), service + " in PDF");
            }
            assertTrue(text.contains("Vigil health report"), text);
            assertTrue(text.contains("DEGRADED"), text);
            assertTrue(text.contains("Deploy on checkout: checkout v2.14.0 rollout"), text);
            assertTrue(text.contains("Deploy on checkout (checkout v2.14.0 rollout) starting 2025-03-14 10:12 UTC"), text);
            assertTrue(text.contains("Latency and errors on checkout rose within two minutes"), text);
            assertTrue(text.contains("POST /api/checkout"), text);
            assertTrue(text.contains("312,870"), text);
            // The title page has no footer; the contents page is page 2.
            assertTrue(java.util.regex.Pattern.compile("Page 2 of ?" + reader.getNumberOfPages()).matcher(text).find(), text);
            for (String h : ReportContent.SECTIONS) {
                assertTrue(text.contains(h), h);
            }
            assertEquals(3, countImages(pdf), "three charts embedded");
        } finally {
            reader.close();
        }
    }

    @Test
    void emptyReportSaysNoData() throws IOException {
        HealthReport r = HealthReportFixtures.empty();
        byte[] pdf = new PdfReportWriter().write(r, new ChartRenderer().renderAll(r));
        PdfReader reader = new PdfReader(pdf);
        try {
            String text = normalise(extract(reader));
            assertTrue(text.contains("No data"), text);
            assertTrue(text.contains("UNKNOWN"), text);
            assertTrue(text.contains("No anomalies detected in this window."), text);
        } finally {
            reader.close();
        }
    }

    @Test
    void missingChartsAreNotedNotFatal() throws IOException {
        byte[] pdf = new PdfReportWriter().write(HealthReportFixtures.realistic(), Map.of());
        PdfReader reader = new PdfReader(pdf);
        try {
            assertTrue(normalise(extract(reader)).contains("Request rate chart not available."));
        } finally {
            reader.close();
        }
    }

    @Test
    void helveticaFallbackCopesWithNonLatinText() throws IOException {
        HealthReport base = HealthReportFixtures.realistic();
        RootCauseLine odd = new RootCauseLine(1, "deploy", "checkout", "v2 \u2192 v3 \u2014 \u6F22\u5B57 \uD83D\uDE80",
                0.5, null, "latency \u2265 1 s, \u00B5s", List.of("\u2022 bullet"));
        HealthReport r = new HealthReport(base.from(), base.to(), base.generatedAt(), base.services(), List.of(),
                List.of(), List.of(), List.of(odd), List.of());
        PdfReportWriter helvetica = new PdfReportWriter(null);
        assertTrue(!helvetica.embedsDejaVu());
        byte[] pdf = helvetica.write(r, Map.of());
        PdfReader reader = new PdfReader(pdf);
        try {
            String text = normalise(extract(reader));
            assertTrue(text.contains("v2 -> v3 \u2014 ?? ?"), text); // em dash is in WinAnsi
            assertTrue(text.contains("latency >= 1 s"), text);
        } finally {
            reader.close();
        }
    }

    static String extract(PdfReader reader) throws IOException {
        PdfTextExtractor ex = new PdfTextExtractor(reader);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= reader.getNumberOfPages(); i++) {
            sb.append(ex.getTextFromPage(i)).append('\n');
        }
        return sb.toString();
    }

    /** Collapses whitespace so line wrapping in the PDF does not break phrase checks. */
    static String normalise(String s) {
        return s.replaceAll("\\s+", " ");
    }

    private static int countImages(byte[] pdf) {
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = raw.indexOf("/Subtype/Image"); i >= 0; i = raw.indexOf("/Subtype/Image", i + 1)) {
            n++;
        }
        return n;
    }
}
