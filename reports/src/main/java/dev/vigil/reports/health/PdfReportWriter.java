package dev.vigil.reports.health;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;

/**
 * Renders a {@link HealthReport} as an A4 PDF with OpenPDF: the same content as {@link MarkdownReportWriter},
 * with shaded table headers, status colours and the charts embedded. Embeds DejaVu Sans when it is installed
 * (subset), otherwise falls back to the built-in Helvetica; characters the font cannot show are replaced.
 * Thread-safe.
 */
public final class PdfReportWriter {

    private static final String[] DEJAVU_DIRS = {
        "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
        "/usr/local/share/fonts/dejavu", "/Library/Fonts",
    };

    private static final Color TEXT = new Color(0x24292F);
    private static final Color MUTED = new Color(0x57606A);
    private static final Color RULE = new Color(0xD0D7DE);
    private static final Color HEADER_BG = new Color(0xDDE3EA);
    private static final Color ZEBRA = new Color(0xF6F8FA);
    private static final Color ACCENT = new Color(0x1F4E79);
    private static final Color CAUSE_BG = new Color(0xF3F6F9);

    private final Path fontDir;

    /** Uses DejaVu Sans from the usual system locations if present. */
    public PdfReportWriter() {
        this(findDejaVu());
    }

    /**
     * @param fontDir directory holding {@code DejaVuSans.ttf} and {@code DejaVuSans-Bold.ttf}; null forces Helvetica
     */
    public PdfReportWriter(Path fontDir) {
        this.fontDir = fontDir;
    }

    /**
     * @param charts chart PNGs keyed by {@link ChartRenderer} file names; missing charts are noted in the text
     */
    public byte[] write(HealthReport r, Map<String, byte[]> charts) {
        Fonts f = Fonts.load(fontDir);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        Document doc = new Document(PageSize.A4, 40, 40, 44, 50);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setStrictImageSequence(true);
            writer.setPageEvent(new Footer(f, HealthFormat.window(r.from(), r.to())));
            doc.addTitle(ReportContent.TITLE + ": " + HealthFormat.window(r.from(), r.to()));
            doc.addSubject("Service health, root causes, anomalies and endpoint latency");
            doc.addCreator("Vigil");
            doc.addAuthor("Vigil");
            doc.addCreationDate();
            doc.open();
            new Body(doc, writer, f, r, charts == null ? Map.of() : charts).render();
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("PDF rendering failed", e);
        }
        return out.toByteArray();
    }

    /** Whether DejaVu Sans was found (and will be embedded). */
    public boolean embedsDejaVu() {
        return fontDir != null && Files.isRegularFile(fontDir.resolve("DejaVuSans.ttf"))
                && Files.isRegularFile(fontDir.resolve("DejaVuSans-Bold.ttf"));
    }

    private static Path findDejaVu() {
        for (String d : DEJAVU_DIRS) {
            Path p = Path.of(d);
            if (Files.isRegularFile(p.resolve("DejaVuSans.ttf")) && Files.isRegularFile(p.resolve("DejaVuSans-Bold.ttf"))) {
                return p;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------

    /** Base fonts for one document (BaseFont instances are per-document for subsetting). */
    private record Fonts(BaseFont regular, BaseFont bold) {

        static Fonts load(Path dir) {
            if (dir != null) {
                try {
                    return new Fonts(
                            BaseFont.createFont(dir.resolve("DejaVuSans.ttf").toString(), BaseFont.IDENTITY_H,
                                    BaseFont.EMBEDDED),
                            BaseFont.createFont(dir.resolve("DejaVuSans-Bold.ttf").toString(), BaseFont.IDENTITY_H,
                                    BaseFont.EMBEDDED));
                } catch (IOException | RuntimeException e) {
                    // fall back to Helvetica below
                }
            }
            try {
                return new Fonts(BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED),
                        BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.CP1252, BaseFont.NOT_EMBEDDED));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Font font(boolean isBold, float size, Color color) {
            return new Font(isBold ? bold : regular, size, Font.NORMAL, color);
        }

        /** Replaces characters the font cannot show. */
        String safe(String s) {
            if (s == null) {
                return "";
            }
            StringBuilder sb = null;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                int n = Character.charCount(cp);
                boolean ok = cp == '\n' || (cp <= 0xFFFF && regular.charExists(cp) && bold.charExists(cp));
                if (!ok && sb == null) {
                    sb = new StringBuilder(s.length());
                    sb.append(s, 0, i);
                }
                if (sb != null) {
                    if (ok) {
                        sb.appendCodePoint(cp);
                    } else {
                        sb.append(replacement(cp));
                    }
                }
                i += n;
            }
            return sb == null ? s : sb.toString();
        }

        private static String replacement(int cp) {
            return switch (cp) {
                case 0x2192 -> "->";
                case 0x2190 -> "<-";
                case 0x2013, 0x2014, 0x2212 -> "-";
                case 0x2018, 0x2019 -> "'";
                case 0x201C, 0x201D -> "\"";
                case 0x2026 -> "...";
                case 0x2022, 0x25CF -> "*";
                case 0x2265 -> ">=";
                case 0x2264 -> "<=";
                case 0x00B5, 0x03BC -> "u";
                case 0x00D7 -> "x";
                case 0x00B7 -> "-";
                case '\t' -> " ";
                default -> "?";
            };
        }
    }

    /** Footer on every page: window on the left, "Page n of m" on the right. */
    private static final class Footer extends PdfPageEventHelper {
        private final Fonts fonts;
        private final String window;
        private PdfTemplate total;

        Footer(Fonts fonts, String window) {
            this.fonts = fonts;
            this.window = window;
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(40, 12);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte cb = writer.getDirectContent();
            float y = document.bottom() - 24;
            cb.saveState();
            cb.setColorStroke(RULE);
            cb.setLineWidth(0.5f);
            cb.moveTo(document.left(), y + 12);
            cb.lineTo(document.right(), y + 12);
            cb.stroke();
            cb.restoreState();
            Font small = fonts.font(false, 8, MUTED);
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT,
                    new Phrase(fonts.safe(ReportContent.TITLE + " \u00B7 " + window), small), document.left(), y, 0);
            String page = "Page " + writer.getPageNumber() + " of ";
            float pageWidth = fonts.regular().getWidthPoint(page, 8);
            float x = document.right() - 18 - pageWidth;
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(page, small), x, y, 0);
            cb.addTemplate(total, x + pageWidth, y);
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(total, Element.ALIGN_LEFT,
                    new Phrase(String.valueOf(writer.getPageNumber() - 1), fonts.font(false, 8, MUTED)), 0, 0, 0);
        }
    }

    /** Builds the document body. */
    private static final class Body {
        private final Document doc;
        private final PdfWriter writer;
        private final Fonts f;
        private final HealthReport r;
        private final Map<String, byte[]> charts;
        private final Font body;
        private final Font bodyBold;
        private final Font small;
        private final Font cellFont;
        private final Font cellBold;
        private final Font headerFont;

        Body(Document doc, PdfWriter writer, Fonts f, HealthReport r, Map<String, byte[]> charts) {
            this.doc = doc;
            this.writer = writer;
            this.f = f;
            this.r = r;
            this.charts = charts;
            this.body = f.font(false, 10, TEXT);
            this.bodyBold = f.font(true, 10, TEXT);
            this.small = f.font(false, 8.5f, MUTED);
            this.cellFont = f.font(false, 8.5f, TEXT);
            this.cellBold = f.font(true, 8.5f, TEXT);
            this.headerFont = f.font(true, 8.5f, TEXT);
        }

        void render() throws DocumentException {
            title();
            summary();
            services();
            rootCauses();
            charts();
            anomalies();
            endpoints();
            bottlenecks();
        }

        private void title() throws DocumentException {
            Paragraph t = new Paragraph(f.safe(ReportContent.TITLE), f.font(true, 20, ACCENT));
            t.setSpacingAfter(2);
            doc.add(t);
            Paragraph w = new Paragraph(f.safe(HealthFormat.window(r.from(), r.to())), f.font(false, 11, TEXT));
            doc.add(w);
            Paragraph g = new Paragraph(f.safe(ReportContent.generatedLine(r) + " \u00B7 all times UTC"), small);
            g.setSpacingAfter(10);
            doc.add(g);
        }

        private void summary() throws DocumentException {
            heading("At a glance");
            ServiceStatus overall = r.overallStatus();
            PdfPTable banner = new PdfPTable(new float[] {1.3f, 4.7f});
            banner.setWidthPercentage(100);
            PdfPCell status = new PdfPCell(new Phrase(f.safe(overall.label().toUpperCase(java.util.Locale.ROOT)),
                    f.font(true, 13, Color.WHITE)));
            status.setBackgroundColor(overall.color());
            status.setBorder(Rectangle.NO_BORDER);
            status.setHorizontalAlignment(Element.ALIGN_CENTER);
            status.setVerticalAlignment(Element.ALIGN_MIDDLE);
            status.setPadding(8);
            banner.addCell(status);
            Phrase headline = new Phrase();
            headline.add(new Chunk(f.safe("Overall status: " + overall.label()), f.font(true, 11, TEXT)));
            headline.add(new Chunk("\n" + f.safe(ReportContent.statusSentence(r)), body));
            PdfPCell right = new PdfPCell(headline);
            right.setBorder(Rectangle.NO_BORDER);
            right.setBackgroundColor(tint(overall.color(), 0.12f));
            right.setPadding(8);
            right.setLeading(0, 1.3f);
            right.setVerticalAlignment(Element.ALIGN_MIDDLE);
            banner.addCell(right);
            banner.setSpacingAfter(8);
            doc.add(banner);

            PdfPTable items = new PdfPTable(new float[] {1.6f, 4.4f});
            items.setWidthPercentage(100);
            for (ReportContent.SummaryItem item : ReportContent.summaryItems(r)) {
                if (item.label().equals("Services")) {
                    continue; // shown in the banner
                }
                PdfPCell l = new PdfPCell(new Phrase(f.safe(item.label()), bodyBold));
                PdfPCell v = new PdfPCell(new Phrase(f.safe(item.text()), body));
                for (PdfPCell c : List.of(l, v)) {
                    c.setBorder(Rectangle.NO_BORDER);
                    c.setPaddingTop(2);
                    c.setPaddingBottom(4);
                    c.setLeading(0, 1.25f);
                    items.addCell(c);
                }
            }
            doc.add(items);
        }

        private void services() throws DocumentException {
            heading("Services");
            List<ServiceHealth> services = ReportContent.services(r);
            if (services.isEmpty()) {
                note(ReportContent.NO_SERVICES);
                return;
            }
            PdfPTable t = table(new String[] {"Service", "Status", "Uptime", "Requests", "Errors", "p95", "p99"},
                    new float[] {3f, 1.6f, 1.3f, 1.6f, 1.2f, 1.2f, 1.2f}, false, false, true, true, true, true, true);
            int row = 0;
            for (ServiceHealth s : services) {
                Color bg = row++ % 2 == 1 ? ZEBRA : Color.WHITE;
                t.addCell(cell(s.service(), cellBold, Element.ALIGN_LEFT, bg));
                PdfPCell st = cell(s.status().label(), f.font(true, 8.5f, darker(s.status().color())),
                        Element.ALIGN_LEFT, tint(s.status().color(), 0.15f));
                t.addCell(st);
                t.addCell(cell(HealthFormat.uptime(s.uptimePercent()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.count(s.requests()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.fractionPercent(s.errorRate()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(s.p95Ms()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(s.p99Ms()), cellFont, Element.ALIGN_RIGHT, bg));
            }
            doc.add(t);
        }

        private void rootCauses() throws DocumentException {
            heading("Root causes");
            List<RootCauseLine> causes = ReportContent.rootCauses(r);
            if (causes.isEmpty()) {
                note(r.isEmpty() ? ReportContent.NO_DATA : ReportContent.NO_ROOT_CAUSES);
                return;
            }
            for (RootCauseLine c : causes) {
                boolean top = c == causes.get(0);
                PdfPTable box = new PdfPTable(new float[] {0.55f, 9.45f});
                box.setWidthPercentage(100);
                box.setKeepTogether(true);
                box.setSpacingAfter(6);

                PdfPCell rank = new PdfPCell(new Phrase(String.valueOf(c.rank()), f.font(true, 13, Color.WHITE)));
                rank.setBackgroundColor(top ? ACCENT : new Color(0x8C959F));
                rank.setBorder(Rectangle.NO_BORDER);
                rank.setHorizontalAlignment(Element.ALIGN_CENTER);
                rank.setVerticalAlignment(Element.ALIGN_TOP);
                rank.setPaddingTop(6);
                box.addCell(rank);

                PdfPCell content = new PdfPCell();
                content.setBorder(Rectangle.NO_BORDER);
                content.setBackgroundColor(CAUSE_BG);
                content.setPadding(7);
                content.setPaddingLeft(9);
                Paragraph title = new Paragraph(f.safe(ReportContent.rootCauseTitle(c)), f.font(true, 11, TEXT));
                content.addElement(title);
                Paragraph meta = new Paragraph();
                meta.add(new Chunk("Score ", small));
                meta.add(new Chunk(HealthFormat.score(c.score()), f.font(true, 8.5f, TEXT)));
                meta.add(new Chunk("   " + f.safe("\u00B7") + "   Onset ", small));
                meta.add(new Chunk(f.safe(c.onset() == null ? "unknown" : HealthFormat.instant(c.onset())),
                        f.font(true, 8.5f, TEXT)));
                meta.setSpacingAfter(3);
                content.addElement(meta);
                if (!c.explanation().isBlank()) {
                    Paragraph ex = new Paragraph(f.safe(c.explanation()), body);
                    ex.setLeading(0, 1.3f);
                    ex.setSpacingAfter(2);
                    content.addElement(ex);
                }
                if (!c.evidence().isEmpty()) {
                    Paragraph ev = new Paragraph("Evidence", f.font(true, 9, MUTED));
                    ev.setSpacingBefore(2);
                    content.addElement(ev);
                    com.lowagie.text.List list = new com.lowagie.text.List(false, 10);
                    list.setListSymbol(new Chunk(f.safe("\u2022"), body));
                    for (String e : c.evidence()) {
                        com.lowagie.text.ListItem li = new com.lowagie.text.ListItem(f.safe(e), f.font(false, 9, TEXT));
                        li.setLeading(0, 1.25f);
                        list.add(li);
                    }
                    content.addElement(list);
                }
                box.addCell(content);
                doc.add(box);
            }
        }

        private void charts() throws DocumentException {
            heading("Trends", r.timelines().isEmpty() ? 110 : 260);
            if (r.timelines().isEmpty()) {
                // Three empty "No data" charts would only waste a page; the Markdown still links them.
                note(ReportContent.NO_TIMELINES_SHORT);
                return;
            }
            float width = doc.right() - doc.left();
            for (Map.Entry<String, String> e : ReportContent.CHARTS.entrySet()) {
                byte[] png = charts.get(e.getKey());
                if (png == null || png.length == 0) {
                    note(e.getValue() + " chart not available.");
                    continue;
                }
                try {
                    Image img = Image.getInstance(png);
                    img.scaleToFit(width, 1000);
                    img.setAlignment(Image.MIDDLE);
                    img.setAlt(e.getValue() + " chart");
                    img.setSpacingAfter(6);
                    doc.add(img);
                } catch (IOException | RuntimeException ex) {
                    note(e.getValue() + " chart could not be embedded.");
                }
            }
        }

        private void anomalies() throws DocumentException {
            heading("Anomalies");
            List<AnomalyFinding> anomalies = ReportContent.anomalies(r);
            if (anomalies.isEmpty()) {
                note(ReportContent.NO_ANOMALIES);
                return;
            }
            PdfPTable t = table(new String[] {"Onset", "Service", "Subject", "Score", "Value", "Baseline", "Change"},
                    new float[] {1.5f, 1.7f, 2.2f, 0.9f, 1.2f, 1.2f, 1.0f}, false, false, false, true, true, true, true);
            int row = 0;
            for (AnomalyFinding a : anomalies) {
                Color bg = row++ % 2 == 1 ? ZEBRA : Color.WHITE;
                t.addCell(cell(HealthFormat.instantNear(a.onset(), r.from()), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(a.service(), cellBold, Element.ALIGN_LEFT, bg));
                t.addCell(cell(a.subject(), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(HealthFormat.anomalyScore(a.score()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(a.formattedValue(), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(a.formattedBaseline(), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.change(a.value(), a.baseline()), cellFont, Element.ALIGN_RIGHT, bg));
            }
            doc.add(t);
        }

        private void endpoints() throws DocumentException {
            heading("Endpoints");
            List<EndpointHealth> endpoints = ReportContent.endpoints(r);
            if (endpoints.isEmpty()) {
                note(ReportContent.NO_ENDPOINTS);
                return;
            }
            Paragraph p = new Paragraph(ReportContent.ENDPOINTS_NOTE, small);
            p.setSpacingAfter(4);
            doc.add(p);
            PdfPTable t = table(new String[] {"Service", "Endpoint", "Requests", "Rate", "Errors", "p50", "p95", "p99"},
                    new float[] {1.5f, 2.5f, 1.2f, 1.0f, 0.95f, 0.95f, 0.95f, 1.0f},
                    false, false, true, true, true, true, true, true);
            int row = 0;
            for (EndpointHealth e : endpoints) {
                Color bg = row++ % 2 == 1 ? ZEBRA : Color.WHITE;
                t.addCell(cell(e.service(), cellBold, Element.ALIGN_LEFT, bg));
                t.addCell(cell(e.endpoint(), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(HealthFormat.count(e.requests()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.rate(e.ratePerSecond()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.fractionPercent(e.errorRate()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(e.p50Ms()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(e.p95Ms()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(e.p99Ms()), cellBold, Element.ALIGN_RIGHT, bg));
            }
            doc.add(t);
        }

        private void bottlenecks() throws DocumentException {
            heading("Bottlenecks");
            List<Bottleneck> bottlenecks = ReportContent.bottlenecks(r);
            if (bottlenecks.isEmpty()) {
                note(ReportContent.NO_BOTTLENECKS);
                return;
            }
            PdfPTable t = table(new String[] {"Service", "Endpoint", "p99", "Time share", "Reason"},
                    new float[] {1.5f, 2.5f, 1.0f, 1.35f, 4.0f}, false, false, true, true, false);
            int row = 0;
            for (Bottleneck b : bottlenecks) {
                Color bg = row++ % 2 == 1 ? ZEBRA : Color.WHITE;
                t.addCell(cell(b.service(), cellBold, Element.ALIGN_LEFT, bg));
                t.addCell(cell(b.endpoint(), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(HealthFormat.duration(b.p99Ms()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.percent(b.timeSharePercent()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(b.reason(), cellFont, Element.ALIGN_LEFT, bg));
            }
            doc.add(t);
        }

        // -----------------------------------------------------------------------------------------

        private void heading(String text) throws DocumentException {
            heading(text, 110);
        }

        /**
         * Section heading with a rule under it. Starts a new page when less than {@code keepWithNext} points
         * remain, so a heading is never stranded at the bottom of a page.
         */
        private void heading(String text, float keepWithNext) throws DocumentException {
            if (writer.getVerticalPosition(true) - doc.bottom() < keepWithNext) {
                doc.newPage();
            }
            PdfPTable h = new PdfPTable(1);
            h.setWidthPercentage(100);
            h.setSpacingBefore(14);
            h.setSpacingAfter(7);
            PdfPCell c = new PdfPCell(new Phrase(f.safe(text), f.font(true, 13, ACCENT)));
            c.setBorder(Rectangle.BOTTOM);
            c.setBorderColor(RULE);
            c.setBorderWidth(0.8f);
            c.setPaddingLeft(0);
            c.setPaddingTop(0);
            c.setPaddingBottom(5);
            h.addCell(c);
            doc.add(h);
        }

        private void note(String text) throws DocumentException {
            Paragraph p = new Paragraph(f.safe(text), f.font(false, 10, MUTED));
            p.setSpacingAfter(4);
            doc.add(p);
        }

        /** A full-width table with a shaded header row repeated on page breaks. */
        private PdfPTable table(String[] header, float[] widths, boolean... rightAligned) {
            PdfPTable t = new PdfPTable(widths);
            t.setWidthPercentage(100);
            t.setHeaderRows(1);
            t.setSpacingAfter(4);
            t.setSplitLate(false);
            for (int i = 0; i < header.length; i++) {
                PdfPCell c = new PdfPCell(new Phrase(f.safe(header[i]), headerFont));
                c.setBackgroundColor(HEADER_BG);
                c.setBorder(Rectangle.BOTTOM);
                c.setBorderColor(new Color(0xAFB8C1));
                c.setBorderWidth(0.8f);
                c.setPadding(4);
                c.setPaddingBottom(5);
                c.setHorizontalAlignment(i < rightAligned.length && rightAligned[i] ? Element.ALIGN_RIGHT
                        : Element.ALIGN_LEFT);
                c.setVerticalAlignment(Element.ALIGN_MIDDLE);
                t.addCell(c);
            }
            return t;
        }

        private PdfPCell cell(String text, Font font, int align, Color bg) {
            PdfPCell c = new PdfPCell(new Phrase(f.safe(text), font));
            c.setHorizontalAlignment(align);
            c.setVerticalAlignment(Element.ALIGN_MIDDLE);
            c.setBackgroundColor(bg);
            c.setBorder(Rectangle.BOTTOM);
            c.setBorderColor(RULE);
            c.setBorderWidth(0.4f);
            c.setPadding(4);
            c.setPaddingBottom(5);
            c.setLeading(0, 1.2f);
            return c;
        }
    }

    /** Mixes {@code c} with white: alpha 0 = white, 1 = c. */
    private static Color tint(Color c, float alpha) {
        return new Color(
                Math.round(255 + (c.getRed() - 255) * alpha),
                Math.round(255 + (c.getGreen() - 255) * alpha),
                Math.round(255 + (c.getBlue() - 255) * alpha));
    }

    /** A darker shade for text on a tinted background (keeps contrast for amber). */
    private static Color darker(Color c) {
        return new Color(Math.round(c.getRed() * 0.75f), Math.round(c.getGreen() * 0.75f),
                Math.round(c.getBlue() * 0.75f));
    }
}
