package dev.vigil.reports.health;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes a complete health report to a directory:
 * <pre>
 * outDir/health-report.md
 * outDir/health-report.pdf
 * outDir/health-report-charts/request-rate.png, error-rate.png, p95-latency.png
 * </pre>
 * The Markdown links the charts relatively ({@code health-report-charts/request-rate.png}). Each file is written
 * to a temporary sibling first and moved into place, so readers never see a half-written file.
 */
public final class ReportFiles {

    public static final String MARKDOWN_FILE = "health-report.md";
    public static final String PDF_FILE = "health-report.pdf";
    public static final String CHART_DIR = "health-report-charts";

    /** Paths of everything written; {@code charts} is keyed by chart file name. */
    public record Written(Path markdown, Path pdf, Path chartDir, Map<String, Path> charts) {
        public Written {
            charts = Collections.unmodifiableMap(new LinkedHashMap<>(charts));
        }
    }

    private final ChartRenderer charts;
    private final MarkdownReportWriter markdown;
    private final PdfReportWriter pdf;

    public ReportFiles() {
        this(new ChartRenderer(), new MarkdownReportWriter(), new PdfReportWriter());
    }

    public ReportFiles(ChartRenderer charts, MarkdownReportWriter markdown, PdfReportWriter pdf) {
        this.charts = Objects.requireNonNull(charts, "charts");
        this.markdown = Objects.requireNonNull(markdown, "markdown");
        this.pdf = Objects.requireNonNull(pdf, "pdf");
    }

    public Written write(HealthReport r, Path outDir) throws IOException {
        return write(r, outDir, step -> { });
    }

    /**
     * @param progress receives a short message before each step (e.g. "Rendering charts"); must not throw
     */
    public Written write(HealthReport r, Path outDir, Consumer<String> progress) throws IOException {
        Objects.requireNonNull(r, "report");
        Objects.requireNonNull(outDir, "outDir");
        Consumer<String> step = progress == null ? s -> { } : progress;

        Path chartDir = outDir.resolve(CHART_DIR);
        Files.createDirectories(chartDir);

        step.accept("Rendering charts");
        Map<String, byte[]> pngs = charts.renderAll(r);
        Map<String, Path> chartPaths = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : pngs.entrySet()) {
            Path p = chartDir.resolve(e.getKey());
            atomicWrite(p, e.getValue());
            chartPaths.put(e.getKey(), p);
            step.accept("Wrote " + CHART_DIR + "/" + e.getKey());
        }

        step.accept("Writing Markdown");
        Path md = outDir.resolve(MARKDOWN_FILE);
        atomicWrite(md, markdown.write(r, CHART_DIR).getBytes(StandardCharsets.UTF_8));
        step.accept("Wrote " + MARKDOWN_FILE);

        step.accept("Writing PDF");
        Path pdfPath = outDir.resolve(PDF_FILE);
        atomicWrite(pdfPath, pdf.write(r, pngs));
        step.accept("Wrote " + PDF_FILE);

        step.accept("Done");
        return new Written(md, pdfPath, chartDir, chartPaths);
    }

    private static void atomicWrite(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
