package dev.vigil.reports.health;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.lowagie.text.Chunk;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;

import dev.vigil.analytics.uptime.ProbeUptime;

/**
 * Renders a {@link HealthReport} as an A4 PDF with OpenPDF through {@link PdfLayout}: a title page with
 * the overall status and summary, a table of contents with page numbers, then the same sections as
 * {@link MarkdownReportWriter} with real tables, status colours and the charts embedded, and
 * "Page n of m" on every page after the title. Thread-safe.
 */
public final class PdfReportWriter {

    private static final Color TEXT = PdfLayout.TEXT;
    private static final Color MUTED = PdfLayout.MUTED;
    private static final Color ZEBRA = PdfLayout.ZEBRA;
    private static final Color ACCENT = PdfLayout.ACCENT;
    private static final Color CAUSE_BG = PdfLayout.BOX_BG;

    private final Path fontDir;

    /** Uses DejaVu Sans from the usual system locations if present. */
    public PdfReportWriter() {
        this(PdfLayout.findDejaVu());
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
        String window = HealthFormat.window(r.from(), r.to());
        return PdfLayout.render(fontDir, ReportContent.TITLE + ": " + window, ReportContent.TITLE + " \u00B7 " + window,
                layout -> new Body(layout, r, charts == null ? Map.of() : charts).render());
    }

    /** Whether DejaVu Sans was found (and will be embedded). */
    public boolean embedsDejaVu() {
        return PdfLayout.hasDejaVu(fontDir);
    }

    // ---------------------------------------------------------------------------------------------

    /** Builds the document body. */
    private static final class Body {
        private final PdfLayout l;
        private final HealthReport r;
        private final Map<String, byte[]> charts;
        private final Font body;
        private final Font bodyBold;
        private final Font small;
        private final Font cellFont;
        private final Font cellBold;

        Body(PdfLayout l, HealthReport r, Map<String, byte[]> charts) {
            this.l = l;
            this.r = r;
            this.charts = charts;
            this.body = l.font(false, 10, TEXT);
            this.bodyBold = l.font(true, 10, TEXT);
            this.small = l.font(false, 8.5f, MUTED);
            this.cellFont = l.cellFont(false);
            this.cellBold = l.cellFont(true);
        }

        void render() throws DocumentException {
            titlePage();
            l.contents();
            summary();
            recommendations();
            services();
            performance();
            slos();
            uptime();
            incidents();
            changes();
            rootCauses();
            charts();
            anomalies();
            bottlenecks();
            endpoints();
        }

        private void titlePage() throws DocumentException {
            ServiceStatus overall = r.overallStatus();
            // Wide enough for "DEGRADED" on one line at 15 pt.
            PdfPTable banner = new PdfPTable(new float[] {1.9f, 4.6f});
            banner.setWidthPercentage(100);
            PdfPCell status = new PdfPCell(new Phrase(l.safe(overall.label().toUpperCase(java.util.Locale.ROOT)),
                    l.font(true, 15, Color.WHITE)));
            status.setBackgroundColor(overall.color());
            status.setBorder(Rectangle.NO_BORDER);
            status.setHorizontalAlignment(Element.ALIGN_CENTER);
            status.setVerticalAlignment(Element.ALIGN_MIDDLE);
            status.setPadding(10);
            banner.addCell(status);
            Phrase headline = new Phrase();
            headline.add(new Chunk(l.safe("Overall status: " + overall.label()), l.font(true, 12, TEXT)));
            // The paragraph below says how the services are; the banner names what to do first.
            headline.add(new Chunk("\n" + l.safe(r.recommendations().isEmpty() ? ReportContent.statusSentence(r)
                    : "Most urgent: " + r.recommendations().get(0).action()), body));
            PdfPCell right = new PdfPCell(headline);
            right.setBorder(Rectangle.NO_BORDER);
            right.setBackgroundColor(PdfLayout.tint(overall.color(), 0.12f));
            right.setPadding(10);
            right.setLeading(0, 1.3f);
            right.setVerticalAlignment(Element.ALIGN_MIDDLE);
            banner.addCell(right);
            banner.setSpacingAfter(16);
            Paragraph summary = new Paragraph(l.safe(ReportContent.summaryParagraph(r, false)), l.font(false, 11, TEXT));
            summary.setLeading(0, 1.45f);
            summary.setSpacingAfter(24);
            Paragraph generated = new Paragraph(l.safe(ReportContent.generatedLine(r) + " by Vigil \u00B7 all times UTC"), small);
            l.titlePage(ReportContent.TITLE, HealthFormat.window(r.from(), r.to()), List.of(banner, summary, generated));
        }

        private void summary() throws DocumentException {
            heading("Summary");
            PdfPTable items = new PdfPTable(new float[] {1.6f, 4.4f});
            items.setWidthPercentage(100);
            List<ReportContent.SummaryItem> list = new ArrayList<>();
            list.add(new ReportContent.SummaryItem("Overall status", r.overallStatus().label().toUpperCase(java.util.Locale.ROOT)));
            list.addAll(ReportContent.summaryItems(r));
            for (ReportContent.SummaryItem item : list) {
                PdfPCell lc = new PdfPCell(new Phrase(l.safe(item.label()), bodyBold));
                PdfPCell v = new PdfPCell(new Phrase(l.safe(item.text()), body));
                for (PdfPCell c : List.of(lc, v)) {
                    c.setBorder(Rectangle.NO_BORDER);
                    c.setPaddingTop(2);
                    c.setPaddingBottom(4);
                    c.setLeading(0, 1.25f);
                    items.addCell(c);
                }
            }
            l.add(items);
        }

        private void recommendations() throws DocumentException {
            heading("Recommendations");
            if (r.recommendations().isEmpty()) {
                note(ReportContent.NO_RECOMMENDATIONS);
                return;
            }
            PdfPTable t = table(new String[] {"#", "Priority", "Action", "Why"}, new float[] {0.4f, 1.0f, 4.2f, 4.4f}, false, false, false, false);
            int row = 0;
            for (ActionItem item : r.recommendations()) {
                Color bg = PdfLayout.rowBackground(row++);
                Color pc = switch (item.priority()) {
                    case HIGH -> ServiceStatus.DOWN.color();
                    case MEDIUM -> ServiceStatus.DEGRADED.color();
                    case LOW -> ServiceStatus.UNKNOWN.color();
                };
                t.addCell(cell(String.valueOf(row), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(item.priority().label(), l.font(true, 8.5f, PdfLayout.darker(pc)), Element.ALIGN_LEFT, PdfLayout.tint(pc, 0.15f)));
                t.addCell(cell(item.action(), cellBold, Element.ALIGN_LEFT, bg));
                t.addCell(cell(item.reason(), cellFont, Element.ALIGN_LEFT, bg));
            }
            l.add(t);
        }

        private void performance() throws DocumentException {
            heading("Service performance");
            List<ServicePerformance> rows = ReportContent.performance(r);
            if (rows.isEmpty()) {
                note(ReportContent.NO_PERFORMANCE);
                return;
            }
            Paragraph p = new Paragraph(l.safe(ReportContent.PERFORMANCE_NOTE), small);
            p.setSpacingAfter(4);
            l.add(p);
            PdfPTable t = table(new String[] {"Service", "Rate", "\u0394", "Errors", "\u0394", "p50", "p95", "p99", "p95 \u0394"},
                    new float[] {1.7f, 1.0f, 0.9f, 0.9f, 1.0f, 0.9f, 0.9f, 0.9f, 0.9f}, false, true, true, true, true, true, true, true, true);
            int row = 0;
            for (ServicePerformance sp : rows) {
                Color bg = PdfLayout.rowBackground(row++);
                PerformanceFigures now = sp.current();
                PerformanceFigures before = sp.previous();
                t.addCell(cell(sp.service(), cellBold, Element.ALIGN_LEFT, bg));
                t.addCell(cell(HealthFormat.rate(now.ratePerSecond()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(changeCell(HealthFormat.change(now.ratePerSecond(), before.ratePerSecond()), false, bg));
                t.addCell(cell(HealthFormat.fractionPercent(now.errorRate()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(changeCell(HealthFormat.pointsChange(now.errorRate(), before.errorRate()), true, bg));
                t.addCell(cell(HealthFormat.duration(now.p50Ms()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(now.p95Ms()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(now.p99Ms()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(changeCell(HealthFormat.change(now.p95Ms(), before.p95Ms()), true, bg));
            }
            l.add(t);
        }

        /** A change, red when it is a rise of something where up is bad. */
        private PdfPCell changeCell(String text, boolean upIsBad, Color bg) {
            boolean bad = upIsBad && (text.startsWith("+") || text.endsWith("\u00D7")) && !text.equals("+0%");
            return cell(text, bad ? l.font(true, 8.5f, ServiceStatus.DOWN.color()) : cellFont, Element.ALIGN_RIGHT, bg);
        }

        private void slos() throws DocumentException {
            heading("SLOs", r.slos().isEmpty() ? 110 : 200);
            List<SloLine> slos = ReportContent.slos(r);
            if (slos.isEmpty()) {
                note(ReportContent.NO_SLOS);
                return;
            }
            PdfPTable t = table(new String[] {"SLO", "Service", "Target", "SLI", "Budget left", "Burn", "Status"},
                    new float[] {2.6f, 1.4f, 1.4f, 1.0f, 1.1f, 1.2f, 0.9f}, false, false, true, true, true, true, false);
            int row = 0;
            for (SloLine s : slos) {
                Color bg = PdfLayout.rowBackground(row++);
                ServiceStatus st = s.met() ? (s.budgetRemaining() < RecommendationDeriver.LOW_BUDGET ? ServiceStatus.DEGRADED : ServiceStatus.HEALTHY)
                        : ServiceStatus.DOWN;
                t.addCell(cell(s.name().equals(s.id()) ? s.id() : s.id() + "\n" + s.name(), cellBold, Element.ALIGN_LEFT, bg));
                t.addCell(cell(s.service(), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(HealthFormat.number(s.targetPercent()) + "% / " + HealthFormat.span(s.sloWindow()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.fractionPercent(s.sli()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(ReportContent.budget(s), l.font(true, 8.5f, PdfLayout.darker(st.color())), Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.burn(s.burnRate()) + (s.burnWindow() == null ? "" : " (" + HealthFormat.span(s.burnWindow()) + ")"),
                        cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(s.met() ? "Met" : "Missed", l.font(true, 8.5f, PdfLayout.darker(st.color())), Element.ALIGN_LEFT,
                        PdfLayout.tint(st.color(), 0.15f)));
            }
            l.add(t);
            l.image(charts.get(ChartRenderer.SLO_BUDGET_FILE), ReportContent.SLO_CHART_CAPTION);
        }

        private void uptime() throws DocumentException {
            heading("Uptime");
            if (r.probes().isEmpty()) {
                note(ReportContent.NO_PROBES);
                return;
            }
            PdfPTable t = table(new String[] {"Probe", "Uptime", "SLA", "Checks", "Outages", "Downtime", "p95 probe time"},
                    new float[] {2.6f, 1.1f, 1.1f, 1.0f, 1.0f, 1.2f, 1.3f}, false, true, true, true, true, true, true);
            int row = 0;
            for (ProbeUptime p : r.probes()) {
                Color bg = PdfLayout.rowBackground(row++);
                t.addCell(cell(p.probe(), cellBold, Element.ALIGN_LEFT, bg));
                t.addCell(cell(HealthFormat.uptime(100 * p.uptimeRatio()), p.slaMet() ? cellFont : l.font(true, 8.5f, ServiceStatus.DOWN.color()),
                        Element.ALIGN_RIGHT, bg));
                t.addCell(cell(Double.isNaN(p.slaPercent()) ? HealthFormat.NA : HealthFormat.number(p.slaPercent()) + "%"
                        + (p.slaMet() ? "" : " (missed)"), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.count(p.checks()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(String.valueOf(p.outages()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.span(java.time.Duration.ofSeconds((long) p.downtimeSeconds())), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(1000 * p.p95LatencySeconds()), cellFont, Element.ALIGN_RIGHT, bg));
            }
            l.add(t);
        }

        private void incidents() throws DocumentException {
            heading("Incidents");
            if (r.incidents().isEmpty()) {
                note(ReportContent.NO_INCIDENTS);
                return;
            }
            for (IncidentLine i : r.incidents()) {
                PdfPTable box = new PdfPTable(new float[] {0.12f, 9.88f});
                box.setWidthPercentage(100);
                box.setKeepTogether(true);
                box.setSpacingAfter(8);
                Color statusColor = i.open() ? ServiceStatus.DOWN.color() : ServiceStatus.HEALTHY.color();
                PdfPCell bar = new PdfPCell();
                bar.setBackgroundColor(statusColor);
                bar.setBorder(Rectangle.NO_BORDER);
                box.addCell(bar);
                PdfPCell content = new PdfPCell();
                content.setBorder(Rectangle.NO_BORDER);
                content.setBackgroundColor(CAUSE_BG);
                content.setPadding(7);
                content.setPaddingLeft(9);
                content.addElement(new Paragraph(l.safe(i.id() + (i.title().isBlank() ? "" : ": " + i.title())), l.font(true, 11, TEXT)));
                Paragraph meta = new Paragraph();
                meta.add(new Chunk(l.safe(i.open() ? "Open" : "Resolved"), l.font(true, 8.5f, PdfLayout.darker(statusColor))));
                meta.add(new Chunk(l.safe("   \u00B7   " + HealthFormat.window(i.from(), i.to())
                        + (i.service().isBlank() ? "" : "   \u00B7   " + i.service())), small));
                meta.setSpacingAfter(3);
                content.addElement(meta);
                Paragraph cause = new Paragraph();
                cause.add(new Chunk("Top cause: ", l.font(true, 9.5f, TEXT)));
                cause.add(new Chunk(l.safe(i.topCause().isBlank() ? "none found" : i.topCause() + " (score "
                        + HealthFormat.score(i.topCauseScore()) + ")"), l.font(false, 9.5f, TEXT)));
                cause.setSpacingAfter(4);
                content.addElement(cause);
                if (!i.timeline().isEmpty()) {
                    PdfPTable tl = new PdfPTable(new float[] {1.3f, 1.1f, 7.6f});
                    tl.setWidthPercentage(100);
                    for (IncidentLine.TimelineItem item : i.timeline()) {
                        for (PdfPCell c : List.of(
                                timelineCell(HealthFormat.instantNear(item.at(), r.from()), small),
                                timelineCell(item.kind(), small),
                                timelineCell(item.text(), l.font(false, 8.5f, TEXT)))) {
                            tl.addCell(c);
                        }
                    }
                    content.addElement(tl);
                }
                box.addCell(content);
                l.add(box);
            }
        }

        private PdfPCell timelineCell(String text, Font font) {
            PdfPCell c = new PdfPCell(new Phrase(l.safe(text), font));
            c.setBorder(Rectangle.TOP);
            c.setBorderColor(PdfLayout.RULE);
            c.setBorderWidth(0.3f);
            c.setPadding(2);
            c.setPaddingBottom(3);
            return c;
        }

        private void changes() throws DocumentException {
            heading("Deploys and changes");
            if (r.changes().isEmpty()) {
                note(ReportContent.NO_CHANGES);
                return;
            }
            PdfPTable t = table(new String[] {"Time", "Service", "Change", "Version", "Verdict", "Evidence"},
                    new float[] {1.1f, 1.3f, 1.3f, 1.0f, 1.6f, 3.7f}, false, false, false, false, false, false);
            int row = 0;
            for (ChangeLine c : r.changes()) {
                Color bg = PdfLayout.rowBackground(row++);
                ServiceStatus st = switch (c.verdict()) {
                    case "degraded" -> ServiceStatus.DOWN;
                    case "healthy" -> ServiceStatus.HEALTHY;
                    default -> ServiceStatus.UNKNOWN;
                };
                t.addCell(cell(HealthFormat.instantNear(c.at(), r.from()), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(c.service(), cellBold, Element.ALIGN_LEFT, bg));
                t.addCell(cell(c.type().replace('_', ' '), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(c.version(), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(ReportContent.verdictLabel(c), l.font(true, 8.5f, PdfLayout.darker(st.color())), Element.ALIGN_LEFT,
                        c.verdict().isBlank() ? bg : PdfLayout.tint(st.color(), 0.15f)));
                t.addCell(cell(ReportContent.verdictEvidence(c), cellFont, Element.ALIGN_LEFT, bg));
            }
            l.add(t);
        }

        private void services() throws DocumentException {
            heading("Services");
            List<ServiceHealth> services = ReportContent.services(r);
            if (services.isEmpty()) {
                note(ReportContent.NO_SERVICES);
                return;
            }
            Paragraph note = new Paragraph(l.safe(ReportContent.SERVICES_NOTE), small);
            note.setSpacingAfter(4);
            l.add(note);
            PdfPTable t = table(new String[] {"Service", "Status", "Uptime", "Requests", "Errors", "p95", "p99"},
                    new float[] {3f, 1.6f, 1.3f, 1.6f, 1.2f, 1.2f, 1.2f}, false, false, true, true, true, true, true);
            int row = 0;
            for (ServiceHealth s : services) {
                Color bg = PdfLayout.rowBackground(row++);
                t.addCell(cell(s.service(), cellBold, Element.ALIGN_LEFT, bg));
                PdfPCell st = cell(s.status().label(), l.font(true, 8.5f, PdfLayout.darker(s.status().color())),
                        Element.ALIGN_LEFT, PdfLayout.tint(s.status().color(), 0.15f));
                t.addCell(st);
                t.addCell(cell(HealthFormat.uptime(s.uptimePercent()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.count(s.requests()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.fractionPercent(s.errorRate()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(s.p95Ms()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(s.p99Ms()), cellFont, Element.ALIGN_RIGHT, bg));
            }
            l.add(t);
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

                PdfPCell rank = new PdfPCell(new Phrase(String.valueOf(c.rank()), l.font(true, 13, Color.WHITE)));
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
                Paragraph title = new Paragraph(l.safe(ReportContent.rootCauseTitle(c)), l.font(true, 11, TEXT));
                content.addElement(title);
                Paragraph meta = new Paragraph();
                meta.add(new Chunk("Score ", small));
                meta.add(new Chunk(HealthFormat.score(c.score()), l.font(true, 8.5f, TEXT)));
                meta.add(new Chunk("   " + l.safe("\u00B7") + "   Onset ", small));
                meta.add(new Chunk(l.safe(c.onset() == null ? "unknown" : HealthFormat.instant(c.onset())),
                        l.font(true, 8.5f, TEXT)));
                meta.setSpacingAfter(3);
                content.addElement(meta);
                if (!c.explanation().isBlank()) {
                    Paragraph ex = new Paragraph(l.safe(c.explanation()), body);
                    ex.setLeading(0, 1.3f);
                    ex.setSpacingAfter(2);
                    content.addElement(ex);
                }
                if (!c.evidence().isEmpty()) {
                    Paragraph ev = new Paragraph("Evidence", l.font(true, 9, MUTED));
                    ev.setSpacingBefore(2);
                    content.addElement(ev);
                    com.lowagie.text.List list = new com.lowagie.text.List(false, 10);
                    list.setListSymbol(new Chunk(l.safe("\u2022"), body));
                    for (String e : c.evidence()) {
                        com.lowagie.text.ListItem li = new com.lowagie.text.ListItem(l.safe(e), l.font(false, 9, TEXT));
                        li.setLeading(0, 1.25f);
                        list.add(li);
                    }
                    content.addElement(list);
                }
                box.addCell(content);
                l.add(box);
            }
        }

        private void charts() throws DocumentException {
            heading("Trends", r.timelines().isEmpty() ? 110 : 260);
            if (r.timelines().isEmpty()) {
                // Three empty "No data" charts would only waste a page; the Markdown still links them.
                note(ReportContent.NO_TIMELINES_SHORT);
                return;
            }
            if (!r.anomalySpans().isEmpty() || !r.changes().isEmpty()) {
                Paragraph p = new Paragraph(l.safe("Shaded: anomaly episodes of the charted signal. Vertical lines: deploys and rollbacks, "
                        + "red when degraded, green when healthy. Dashed: onset of the most likely root cause."), small);
                p.setSpacingAfter(4);
                l.add(p);
            }
            for (Map.Entry<String, String> e : ReportContent.CHARTS.entrySet()) {
                l.image(charts.get(e.getKey()), e.getValue());
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
                Color bg = PdfLayout.rowBackground(row++);
                t.addCell(cell(HealthFormat.instantNear(a.onset(), r.from()), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(a.service(), cellBold, Element.ALIGN_LEFT, bg));
                t.addCell(cell(a.subject(), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(HealthFormat.anomalyScore(a.score()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(a.formattedValue(), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(a.formattedBaseline(), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.change(a.value(), a.baseline()), cellFont, Element.ALIGN_RIGHT, bg));
            }
            l.add(t);
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
            l.add(p);
            PdfPTable t = table(new String[] {"Service", "Endpoint", "Requests", "Rate", "Errors", "p50", "p95", "p99"},
                    new float[] {1.5f, 2.5f, 1.2f, 1.0f, 0.95f, 0.95f, 0.95f, 1.0f},
                    false, false, true, true, true, true, true, true);
            int row = 0;
            for (EndpointHealth e : endpoints) {
                Color bg = PdfLayout.rowBackground(row++);
                t.addCell(cell(e.service(), cellBold, Element.ALIGN_LEFT, bg));
                t.addCell(cell(e.endpoint(), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(HealthFormat.count(e.requests()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.rate(e.ratePerSecond()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.fractionPercent(e.errorRate()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(e.p50Ms()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(e.p95Ms()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.duration(e.p99Ms()), cellBold, Element.ALIGN_RIGHT, bg));
            }
            l.add(t);
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
                Color bg = PdfLayout.rowBackground(row++);
                t.addCell(cell(b.service(), cellBold, Element.ALIGN_LEFT, bg));
                t.addCell(cell(b.endpoint(), cellFont, Element.ALIGN_LEFT, bg));
                t.addCell(cell(HealthFormat.duration(b.p99Ms()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(HealthFormat.percent(b.timeSharePercent()), cellFont, Element.ALIGN_RIGHT, bg));
                t.addCell(cell(b.reason(), cellFont, Element.ALIGN_LEFT, bg));
            }
            l.add(t);
        }

        // -----------------------------------------------------------------------------------------

        private void heading(String text) throws DocumentException {
            l.heading(text);
        }

        private void heading(String text, float keepWithNext) throws DocumentException {
            l.heading(text, keepWithNext);
        }

        private void note(String text) throws DocumentException {
            l.note(text);
        }

        private PdfPTable table(String[] header, float[] widths, boolean... rightAligned) {
            return l.table(header, widths, rightAligned);
        }

        private PdfPCell cell(String text, Font font, int align, Color bg) {
            return l.cell(text, font, align, bg);
        }
    }
}
