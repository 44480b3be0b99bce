package dev.vigil.reports.health;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import com.lowagie.text.pdf.PdfDestination;
import com.lowagie.text.pdf.PdfOutline;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The page layout Vigil's PDF reports share, on top of OpenPDF: an A4 document with a title page,
 * a table of contents with page numbers and links, section headings that are also PDF bookmarks,
 * "Page n of m" footers, and full-width tables with a shaded header row repeated on page breaks.
 * DejaVu Sans is embedded when installed (so arrows, µ and × print); otherwise Helvetica, with
 * characters it cannot show replaced ({@link #safe(String)}).
 *
 * <p>Usage: {@link #render} calls the content twice, first to learn on which page each heading
 * lands, then to print the table of contents with those pages:
 * <pre>{@code
 * byte[] pdf = PdfLayout.render(PdfLayout.findDejaVu(), "Incident report", "INC-1 · 10:00 to 11:00 UTC", layout -> {
 *     layout.titlePage("Incident report", "INC-1", List.of());
 *     layout.contents();
 *     layout.heading("Timeline");
 *     PdfPTable t = layout.table(new String[] {"Time", "What"}, new float[] {1, 4}, false, false);
 *     layout.addRow(t, 0, layout.cell("10:02 UTC"), layout.cell("deploy payments v2.14.0"));
 *     layout.add(t);
 * });
 * }</pre>
 * A layout belongs to one rendering on one thread (not thread-safe); {@link #render} is thread-safe.
 */
public final class PdfLayout {

    /** Colours shared by the report writers. */
    public static final Color TEXT = new Color(0x24292F);
    public static final Color MUTED = new Color(0x57606A);
    public static final Color RULE = new Color(0xD0D7DE);
    public static final Color HEADER_BG = new Color(0xDDE3EA);
    public static final Color ZEBRA = new Color(0xF6F8FA);
    public static final Color ACCENT = new Color(0x1F4E79);
    public static final Color BOX_BG = new Color(0xF3F6F9);

    private static final String[] DEJAVU_DIRS = {
        "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
        "/usr/local/share/fonts/dejavu", "/Library/Fonts",
    };

    /** Writes a document's content; called twice by {@link #render}, so it must give the same headings both times. */
    @FunctionalInterface
    public interface Content {
        void write(PdfLayout layout) throws DocumentException;
    }

    private final Document doc;
    private final PdfWriter writer;
    private final Fonts fonts;
    /** Heading → page, from the first pass; empty during it. */
    private final Map<String, Integer> knownPages;
    private final Map<String, Integer> headingPages = new LinkedHashMap<>();
    private final List<String> headings;
    private final Footer footer;
    private final Font cellFont;
    private final Font cellBold;
    private final Font headerFont;

    private PdfLayout(Document doc, PdfWriter writer, Fonts fonts, Map<String, Integer> knownPages, List<String> headings, Footer footer) {
        this.doc = doc;
        this.writer = writer;
        this.fonts = fonts;
        this.knownPages = knownPages;
        this.headings = headings;
        this.footer = footer;
        this.cellFont = font(false, 8.5f, TEXT);
        this.cellBold = font(true, 8.5f, TEXT);
        this.headerFont = font(true, 8.5f, TEXT);
    }

    /**
     * Renders a document in two passes so the table of contents can print page numbers.
     *
     * @param fontDir    directory with {@code DejaVuSans.ttf} and {@code DejaVuSans-Bold.ttf}, or null for Helvetica
     * @param title      document title (metadata)
     * @param footerText left part of every page's footer
     */
    public static byte[] render(Path fontDir, String title, String footerText, Content content) {
        Map<String, Integer> pages = new LinkedHashMap<>();
        List<String> headings = new ArrayList<>();
        pass(fontDir, title, footerText, content, Map.of(), pages, headings);
        return pass(fontDir, title, footerText, content, pages, new LinkedHashMap<>(), new ArrayList<>(headings));
    }

    private static byte[] pass(Path fontDir, String title, String footerText, Content content, Map<String, Integer> known,
                               Map<String, Integer> found, List<String> headings) {
        Fonts fonts = Fonts.load(fontDir);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        Document doc = new Document(PageSize.A4, 40, 40, 44, 50);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setStrictImageSequence(true);
            Footer footer = new Footer(fonts, footerText);
            writer.setPageEvent(footer);
            writer.setViewerPreferences(PdfWriter.PageModeUseOutlines);
            doc.addTitle(title);
            doc.addCreator("Vigil");
            doc.addAuthor("Vigil");
            doc.addCreationDate();
            doc.open();
            PdfLayout layout = new PdfLayout(doc, writer, fonts, known, headings, footer);
            content.write(layout);
            doc.close();
            found.putAll(layout.headingPages);
            if (known.isEmpty()) {
                headings.clear();
                headings.addAll(layout.headingPages.keySet());
            }
        } catch (DocumentException e) {
            throw new IllegalStateException("PDF rendering failed", e);
        }
        return out.toByteArray();
    }

    /** DejaVu Sans from the usual system locations, or null when it is not installed. */
    public static Path findDejaVu() {
        for (String d : DEJAVU_DIRS) {
            Path p = Path.of(d);
            if (Files.isRegularFile(p.resolve("DejaVuSans.ttf")) && Files.isRegularFile(p.resolve("DejaVuSans-Bold.ttf"))) {
                return p;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------

    public Document document() {
        return doc;
    }

    public PdfWriter writer() {
        return writer;
    }

    /** Width between the margins in points. */
    public float width() {
        return doc.right() - doc.left();
    }

    public Font font(boolean bold, float size, Color color) {
        return new Font(bold ? fonts.bold : fonts.regular, size, Font.NORMAL, color);
    }

    /** {@code s} with the characters the font cannot show replaced ("→" becomes "->" under Helvetica). */
    public String safe(String s) {
        return fonts.safe(s);
    }

    public void add(Element e) throws DocumentException {
        doc.add(e);
    }

    /**
     * A title page without footer: the title, a subtitle, then {@code blocks} (e.g. a status banner
     * and a summary paragraph). Ends the page.
     */
    public void titlePage(String title, String subtitle, List<Element> blocks) throws DocumentException {
        footer.skipPage(writer.getPageNumber());
        Paragraph spacer = new Paragraph(" ");
        spacer.setSpacingBefore(120);
        doc.add(spacer);
        Paragraph t = new Paragraph(safe(title), font(true, 28, ACCENT));
        t.setSpacingAfter(6);
        doc.add(t);
        Paragraph s = new Paragraph(safe(subtitle), font(false, 14, TEXT));
        s.setSpacingAfter(28);
        doc.add(s);
        for (Element e : blocks) {
            doc.add(e);
        }
        doc.newPage();
    }

    /**
     * The table of contents: every heading of the document with its page, each a link. The first pass
     * does not know the headings yet and leaves the page empty, so the contents must fit on one page
     * for the later pages to stay where the first pass found them. Ends the page.
     */
    public void contents() throws DocumentException {
        Paragraph t = new Paragraph(safe("Contents"), font(true, 18, ACCENT));
        t.setSpacingAfter(14);
        doc.add(t);
        PdfPTable toc = new PdfPTable(new float[] {0.5f, 8.5f, 1f});
        toc.setWidthPercentage(100);
        int n = 0;
        for (String heading : headings) {
            n++;
            Integer page = knownPages.get(heading);
            Chunk label = new Chunk(safe(heading), font(false, 11, TEXT));
            label.setLocalGoto(anchor(heading));
            PdfPCell number = tocCell(new Phrase(n + ".", font(false, 11, MUTED)), Element.ALIGN_LEFT);
            PdfPCell text = tocCell(new Phrase(label), Element.ALIGN_LEFT);
            Chunk pageChunk = new Chunk(page == null ? " " : String.valueOf(page), font(false, 11, TEXT));
            pageChunk.setLocalGoto(anchor(heading));
            PdfPCell pageCell = tocCell(new Phrase(pageChunk), Element.ALIGN_RIGHT);
            toc.addCell(number);
            toc.addCell(text);
            toc.addCell(pageCell);
        }
        doc.add(toc);
        doc.newPage();
    }

    private PdfPCell tocCell(Phrase phrase, int align) {
        PdfPCell c = new PdfPCell(phrase);
        c.setBorder(Rectangle.BOTTOM);
        c.setBorderColor(RULE);
        c.setBorderWidth(0.4f);
        c.setPaddingTop(5);
        c.setPaddingBottom(6);
        c.setHorizontalAlignment(align);
        return c;
    }

    /** A section heading that starts a new page when less than 110 points remain. */
    public void heading(String text) throws DocumentException {
        heading(text, 110);
    }

    /**
     * A section heading with a rule under it, a link target for the table of contents and a bookmark.
     * Starts a new page when less than {@code keepWithNext} points remain, so a heading is never
     * stranded at the bottom of a page.
     */
    public void heading(String text, float keepWithNext) throws DocumentException {
        if (writer.getVerticalPosition(true) - doc.bottom() < keepWithNext) {
            doc.newPage();
        }
        headingPages.putIfAbsent(text, writer.getPageNumber());
        PdfPTable h = new PdfPTable(1);
        h.setWidthPercentage(100);
        h.setSpacingBefore(14);
        h.setSpacingAfter(7);
        Chunk chunk = new Chunk(safe(text), font(true, 13, ACCENT));
        chunk.setLocalDestination(anchor(text));
        PdfPCell c = new PdfPCell(new Phrase(chunk));
        c.setBorder(Rectangle.BOTTOM);
        c.setBorderColor(RULE);
        c.setBorderWidth(0.8f);
        c.setPaddingLeft(0);
        c.setPaddingTop(0);
        c.setPaddingBottom(5);
        h.addCell(c);
        new PdfOutline(writer.getRootOutline(), new PdfDestination(PdfDestination.FITH, writer.getVerticalPosition(true)), safe(text));
        doc.add(h);
    }

    /** A muted one-line note, e.g. "No incidents in this window." */
    public void note(String text) throws DocumentException {
        Paragraph p = new Paragraph(safe(text), font(false, 10, MUTED));
        p.setSpacingAfter(4);
        doc.add(p);
    }

    /** A body paragraph. */
    public void paragraph(String text) throws DocumentException {
        Paragraph p = new Paragraph(safe(text), font(false, 10, TEXT));
        p.setLeading(0, 1.35f);
        p.setSpacingAfter(6);
        doc.add(p);
    }

    /** A PNG scaled to the text width; a note instead when it is missing or unreadable. */
    public void image(byte[] png, String caption) throws DocumentException {
        if (png == null || png.length == 0) {
            note(caption + " chart not available.");
            return;
        }
        try {
            Image img = Image.getInstance(png);
            img.scaleToFit(width(), 1000);
            img.setAlignment(Image.MIDDLE);
            img.setAlt(caption + " chart");
            img.setSpacingAfter(6);
            doc.add(img);
        } catch (IOException | RuntimeException ex) {
            note(caption + " chart could not be embedded.");
        }
    }

    /** A full-width table with a shaded header row repeated on page breaks; {@code rightAligned} per column. */
    public PdfPTable table(String[] header, float[] widths, boolean... rightAligned) {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setHeaderRows(1);
        t.setSpacingAfter(4);
        // A row moves to the next page whole rather than breaking mid-row (a table still breaks between rows).
        t.setSplitLate(true);
        for (int i = 0; i < header.length; i++) {
            PdfPCell c = new PdfPCell(new Phrase(safe(header[i]), headerFont));
            c.setBackgroundColor(HEADER_BG);
            c.setBorder(Rectangle.BOTTOM);
            c.setBorderColor(new Color(0xAFB8C1));
            c.setBorderWidth(0.8f);
            c.setPadding(4);
            c.setPaddingBottom(5);
            c.setHorizontalAlignment(i < rightAligned.length && rightAligned[i] ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
            c.setVerticalAlignment(Element.ALIGN_MIDDLE);
            t.addCell(c);
        }
        return t;
    }

    /** A table cell in the regular cell font, left-aligned on white. */
    public PdfPCell cell(String text) {
        return cell(text, cellFont, Element.ALIGN_LEFT, Color.WHITE);
    }

    /** The cell font, bold or not (8.5 pt). */
    public Font cellFont(boolean bold) {
        return bold ? cellBold : cellFont;
    }

    public PdfPCell cell(String text, Font font, int align, Color bg) {
        PdfPCell c = new PdfPCell(new Phrase(safe(text), font));
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

    /** Background of data row {@code row} (0-based): white and light grey alternating. */
    public static Color rowBackground(int row) {
        return row % 2 == 1 ? ZEBRA : Color.WHITE;
    }

    /** Mixes {@code c} with white: alpha 0 = white, 1 = c. */
    public static Color tint(Color c, float alpha) {
        return new Color(
                Math.round(255 + (c.getRed() - 255) * alpha),
                Math.round(255 + (c.getGreen() - 255) * alpha),
                Math.round(255 + (c.getBlue() - 255) * alpha));
    }

    /** A darker shade for text on a tinted background (keeps contrast for amber). */
    public static Color darker(Color c) {
        return new Color(Math.round(c.getRed() * 0.75f), Math.round(c.getGreen() * 0.75f), Math.round(c.getBlue() * 0.75f));
    }

    private static String anchor(String heading) {
        return "section-" + heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** Whether DejaVu Sans is in {@code fontDir} (and would be embedded). */
    static boolean hasDejaVu(Path fontDir) {
        return fontDir != null && Files.isRegularFile(fontDir.resolve("DejaVuSans.ttf"))
                && Files.isRegularFile(fontDir.resolve("DejaVuSans-Bold.ttf"));
    }

    // ---------------------------------------------------------------------------------------------

    /** Base fonts for one document (BaseFont instances are per-document for subsetting). */
    private record Fonts(BaseFont regular, BaseFont bold) {

        static Fonts load(Path dir) {
            if (hasDejaVu(dir)) {
                try {
                    return new Fonts(
                            BaseFont.createFont(dir.resolve("DejaVuSans.ttf").toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED),
                            BaseFont.createFont(dir.resolve("DejaVuSans-Bold.ttf").toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED));
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
                case 0x21A9 -> "<-";
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

    /** Footer on every page but the title page: text on the left, "Page n of m" on the right. */
    private static final class Footer extends PdfPageEventHelper {
        private final Fonts fonts;
        private final String text;
        private final java.util.Set<Integer> skipped = new java.util.HashSet<>();
        private PdfTemplate total;

        Footer(Fonts fonts, String text) {
            this.fonts = fonts;
            this.text = text;
        }

        void skipPage(int page) {
            skipped.add(page);
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(40, 12);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            if (skipped.contains(writer.getPageNumber())) {
                return;
            }
            PdfContentByte cb = writer.getDirectContent();
            float y = document.bottom() - 24;
            cb.saveState();
            cb.setColorStroke(RULE);
            cb.setLineWidth(0.5f);
            cb.moveTo(document.left(), y + 12);
            cb.lineTo(document.right(), y + 12);
            cb.stroke();
            cb.restoreState();
            Font small = new Font(fonts.regular, 8, Font.NORMAL, MUTED);
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(fonts.safe(text), small), document.left(), y, 0);
            String page = "Page " + writer.getPageNumber() + " of ";
            float pageWidth = fonts.regular.getWidthPoint(page, 8);
            float x = document.right() - 18 - pageWidth;
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(page, small), x, y, 0);
            cb.addTemplate(total, x + pageWidth, y);
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(total, Element.ALIGN_LEFT,
                    new Phrase(String.valueOf(writer.getPageNumber() - 1), new Font(fonts.regular, 8, Font.NORMAL, MUTED)), 0, 0, 0);
        }
    }
}
