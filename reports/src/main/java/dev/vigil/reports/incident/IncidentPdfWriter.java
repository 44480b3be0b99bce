package dev.vigil.reports.incident;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;

import dev.vigil.rca.Evidence;
import dev.vigil.rca.RootCauseCandidate;
import dev.vigil.rca.incidents.TimelineEntry;
import dev.vigil.reports.health.HealthFormat;

/**
 * Renders an {@link IncidentReport} as an A4 PDF with OpenPDF: the same sections and wording as
 * {@link IncidentMarkdownWriter}, real tables, verdicts coloured, the users'-view chart embedded
 * and "Page n" in the footer. Embeds DejaVu Sans (subset) when installed so every character of a
 * log message shows; otherwise Helvetica. Thread-safe (each call builds its own document).
 */
public final class IncidentPdfWriter {
    private static final String[] FONT_DIRS = {
        "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF", "/usr/local/share/fonts/dejavu",
    };
    private static final Color TEXT = new Color(0x24292F);
    private static final Color MUTED = new Color(0x57606A);
    private static final Color ACCENT = new Color(0x8B1E2D);
    private static final Color HEADER_BG = new Color(0xDDE3EA);
    private static final Color ZEBRA = new Color(0xF6F8FA);
    private static final Color DEGRADED = new Color(0xC62828);
    private static final Color HEALTHY = new Color(0x2E7D32);
    private static final Color INCONCLUSIVE = new Color(0x8A6D00);

    /** @param chartPng the users'-view chart ({@link IncidentChartRenderer#usersView}), or null to leave it out */
    public byte[] write(IncidentReport r, byte[] chartPng) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        Document doc = new Document(PageSize.A4, 40, 40, 44, 50);
        BaseFont[] fonts = fonts();
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setStrictImageSequence(true);
            writer.setPageEvent(new Footer(fonts[0], r.title()));
            doc.addTitle(r.title());
            doc.addSubject("Incident report: timeline, root causes, users' view, changes, follow-ups");
            doc.addCreator("Vigil");
            doc.open();
            new Body(doc, fonts, r, chartPng).render();
            doc.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("PDF rendering failed", e);
        }
        return out.toByteArray();
    }

    private static BaseFont[] fonts() {
        for (String dir : FONT_DIRS) {
            Path regular = Path.of(dir, "DejaVuSans.ttf");
            Path bold = Path.of(dir, "DejaVuSans-Bold.ttf");
            if (Files.isRegularFile(regular) && Files.isRegularFile(bold)) {
                try {
                    return new BaseFont[] {BaseFont.createFont(regular.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED),
                        BaseFont.createFont(bold.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED)};
                } catch (IOException | RuntimeException e) {
                    // try the next location, then Helvetica
                }
            }
        }
        try {
            return new BaseFont[] {BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED),
                BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.CP1252, BaseFont.NOT_EMBEDDED)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Footer extends PdfPageEventHelper {
        private final BaseFont font;
        private final String title;

        Footer(BaseFont font, String title) {
            this.font = font;
            this.title = title;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte cb = writer.getDirectContent();
            Font small = new Font(font, 8, Font.NORMAL, MUTED);
            float y = document.bottom() - 24;
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(title, small), document.left(), y, 0);
            ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase("Page " + writer.getPageNumber(), small), document.right(), y, 0);
        }
    }

    private static final class Body {
        private final Document doc;
        private final IncidentReport r;
        private final byte[] chart;
        private final Font body;
        private final Font bold;
        private final Font small;
        private final Font cell;
        private final Font cellBold;
        private final BaseFont boldBase;

        Body(Document doc, BaseFont[] fonts, IncidentReport r, byte[] chart) {
            this.doc = doc;
            this.r = r;
            this.chart = chart;
            this.body = new Font(fonts[0], 10, Font.NORMAL, TEXT);
            this.bold = new Font(fonts[1], 10, Font.NORMAL, TEXT);
            this.small = new Font(fonts[0], 8.5f, Font.NORMAL, MUTED);
            this.cell = new Font(fonts[0], 8.5f, Font.NORMAL, TEXT);
            this.cellBold = new Font(fonts[1], 8.5f, Font.NORMAL, TEXT);
            this.boldBase = fonts[1];
        }

        void render() throws DocumentException, IOException {
            Paragraph title = new Paragraph(r.title(), new Font(boldBase, 18, Font.NORMAL, ACCENT));
            title.setSpacingAfter(2);
            doc.add(title);
            Paragraph generated = new Paragraph("Generated " + HealthFormat.instant(r.generatedAt()) + " by Vigil; all times UTC", small);
            generated.setSpacingAfter(6);
            doc.add(generated);

            heading(IncidentReportSections.SUMMARY);
            doc.add(paragraph(r.summary(), body));
            PdfPTable facts = table(new float[] {1.4f, 5f});
            for (String[] row : IncidentReportSections.facts(r)) {
                facts.addCell(cell(row[0], cellBold, null, Element.ALIGN_LEFT));
                facts.addCell(cell(row[1], cell, null, Element.ALIGN_LEFT));
            }
            doc.add(facts);

            heading(IncidentReportSections.TIMELINE);
            PdfPTable timeline = table(new float[] {1.2f, 0.9f, 1.1f, 5.8f});
            header(timeline, "Time", "Type", "Service", "What happened");
            int row = 0;
            for (TimelineEntry e : r.timeline()) {
                Color bg = row++ % 2 == 1 ? ZEBRA : null;
                timeline.addCell(cell(HealthFormat.instantNear(e.at(), r.window().from()), cell, bg, Element.ALIGN_LEFT));
                timeline.addCell(cell(e.type().label(), cell, bg, Element.ALIGN_LEFT));
                timeline.addCell(cell(e.service() == null ? "" : e.service(), cell, bg, Element.ALIGN_LEFT));
                timeline.addCell(cell(e.summary(), cell, bg, Element.ALIGN_LEFT));
            }
            doc.add(timeline);

            heading(IncidentReportSections.CAUSES);
            if (r.candidates().isEmpty()) {
                doc.add(paragraph(IncidentReportSections.NO_CAUSES, body));
            }
            for (RootCauseCandidate c : r.candidates()) {
                Paragraph name = new Paragraph();
                name.add(new Chunk(c.rank() + ". " + CandidateText.label(c), new Font(boldBase, 11, Font.NORMAL, c.rank() == 1 ? ACCENT : TEXT)));
                name.add(new Chunk("   " + CandidateText.kind(c) + ", score " + HealthFormat.score(c.score()) + ", onset "
                        + HealthFormat.instantNear(c.onset(), r.window().from()), small));
                name.setSpacingBefore(4);
                doc.add(name);
                doc.add(paragraph(c.explanation(), body));
                for (Evidence e : c.evidence()) {
                    Paragraph item = new Paragraph("\u2022 " + e.description(), cell);
                    item.setIndentationLeft(12);
                    doc.add(item);
                }
            }

            heading(IncidentReportSections.USERS);
            doc.add(paragraph(IncidentReportSections.usersIntro(r), body));
            if (chart != null) {
                Image image = Image.getInstance(chart);
                image.scaleToFit(doc.right() - doc.left(), 300);
                image.setSpacingBefore(4);
                doc.add(image);
            }
            List<EndpointImpact> shown = IncidentReportSections.shownEndpoints(r);
            if (!shown.isEmpty()) {
                // Header words on their own lines: narrow numeric columns would otherwise break "Requests" mid-word.
                PdfPTable endpoints = table(new float[] {2.7f, 1.1f, 1.1f, 0.95f, 0.95f, 0.95f, 0.95f, 0.95f});
                header(endpoints, "Endpoint", "Requests\nbefore", "Requests\nduring", "Errors\nbefore", "Errors\nduring", "p95\nbefore",
                        "p95\nduring", "Affected");
                row = 0;
                for (EndpointImpact e : shown) {
                    Color bg = e.affected() ? new Color(0xFDECEA) : row % 2 == 1 ? ZEBRA : null;
                    row++;
                    String[] values = IncidentReportSections.endpointRow(e);
                    for (int i = 0; i < values.length; i++) {
                        endpoints.addCell(cell(values[i], i == 0 ? cellBold : cell, bg, i == 0 || i == 7 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT));
                    }
                }
                doc.add(endpoints);
            }

            heading(IncidentReportSections.CHANGES);
            if (r.changes().isEmpty()) {
                doc.add(paragraph(IncidentReportSections.NO_CHANGES, body));
            } else {
                PdfPTable changes = table(new float[] {1.15f, 1.45f, 1.2f, 1.05f, 5.15f});
                header(changes, "Time", "Change", "Type", "Verdict", "Why");
                row = 0;
                for (RelatedChange c : r.changes()) {
                    Color bg = row++ % 2 == 1 ? ZEBRA : null;
                    changes.addCell(cell(HealthFormat.instantNear(c.at(), r.window().from()), cell, bg, Element.ALIGN_LEFT));
                    changes.addCell(cell(c.label(), cellBold, bg, Element.ALIGN_LEFT));
                    changes.addCell(cell(c.type(), cell, bg, Element.ALIGN_LEFT));
                    changes.addCell(cell(c.verdict(), new Font(boldBase, 8.5f, Font.NORMAL, verdictColour(c.verdict())), bg,
                            Element.ALIGN_LEFT));
                    changes.addCell(cell(c.summary(), cell, bg, Element.ALIGN_LEFT));
                }
                doc.add(changes);
            }

            heading(IncidentReportSections.FOLLOW_UPS);
            for (String item : r.followUps()) {
                Paragraph p = new Paragraph("\u2610  " + item, body);
                p.setIndentationLeft(14);
                p.setFirstLineIndent(-14);
                p.setSpacingAfter(3);
                doc.add(p);
            }
        }

        private static Color verdictColour(String verdict) {
            return switch (verdict) {
                case "degraded" -> DEGRADED;
                case "healthy" -> HEALTHY;
                default -> INCONCLUSIVE;
            };
        }

        private void heading(String text) throws DocumentException {
            Paragraph p = new Paragraph(text, new Font(boldBase, 13, Font.NORMAL, ACCENT));
            p.setSpacingBefore(12);
            p.setSpacingAfter(4);
            doc.add(p);
        }

        private Paragraph paragraph(String text, Font font) {
            Paragraph p = new Paragraph(text, font);
            p.setLeading(0, 1.3f);
            p.setSpacingAfter(4);
            return p;
        }

        private static PdfPTable table(float[] widths) {
            PdfPTable t = new PdfPTable(widths);
            t.setWidthPercentage(100);
            t.setSpacingBefore(4);
            t.setSpacingAfter(4);
            t.setHeaderRows(0);
            return t;
        }

        private void header(PdfPTable t, String... names) {
            for (String name : names) {
                PdfPCell c = cell(name, cellBold, HEADER_BG, Element.ALIGN_LEFT);
                t.addCell(c);
            }
            t.setHeaderRows(1);
        }

        private static PdfPCell cell(String text, Font font, Color bg, int align) {
            PdfPCell c = new PdfPCell(new Phrase(text == null ? "" : text, font));
            c.setBorder(Rectangle.BOTTOM);
            c.setBorderColor(new Color(0xD0D7DE));
            c.setBorderWidth(0.5f);
            c.setPadding(3.5f);
            c.setHorizontalAlignment(align);
            if (bg != null) {
                c.setBackgroundColor(bg);
            }
            return c;
        }
    }
}
