package dev.vigil.reports.incident;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes an incident report to a directory:
 * <pre>
 * outDir/incident-report.md
 * outDir/incident-report.pdf
 * outDir/incident-report-charts/users-view.png
 * </pre>
 * The Markdown links the chart relatively. Each file goes to a temporary sibling first and is
 * moved into place, so a reader never sees half a file. Thread-safe for different directories.
 */
public final class IncidentReportFiles {
    public static final String MARKDOWN_FILE = "incident-report.md";
    public static final String PDF_FILE = "incident-report.pdf";
    public static final String CHART_DIR = "incident-report-charts";

    private final IncidentChartRenderer charts = new IncidentChartRenderer();
    private final IncidentMarkdownWriter markdown = new IncidentMarkdownWriter();
    private final IncidentPdfWriter pdf = new IncidentPdfWriter();

    /** Writes the Markdown (with its chart) and the PDF. */
    public void write(IncidentReport r, Path outDir, Consumer<String> progress) throws IOException {
        write(r, outDir, true, true, progress);
    }

    /**
     * @param withMarkdown write the Markdown and its chart directory
     * @param withPdf      write the PDF
     * @param progress     receives a short message before each step; must not throw
     */
    public void write(IncidentReport r, Path outDir, boolean withMarkdown, boolean withPdf, Consumer<String> progress) throws IOException {
        Objects.requireNonNull(r, "report");
        Consumer<String> step = progress == null ? s -> { } : progress;
        Files.createDirectories(outDir);
        step.accept("rendering the chart");
        byte[] png = charts.usersView(r);
        if (withMarkdown) {
            Files.createDirectories(outDir.resolve(CHART_DIR));
            atomicWrite(outDir.resolve(CHART_DIR).resolve(IncidentChartRenderer.USERS_VIEW_FILE), png);
            step.accept("writing " + MARKDOWN_FILE);
            atomicWrite(outDir.resolve(MARKDOWN_FILE), markdown.write(r, CHART_DIR).getBytes(StandardCharsets.UTF_8));
        }
        if (withPdf) {
            step.accept("writing " + PDF_FILE);
            atomicWrite(outDir.resolve(PDF_FILE), pdf.write(r, png));
        }
    }

    static void atomicWrite(Path target, byte[] bytes) throws IOException {
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
