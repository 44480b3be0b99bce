package dev.vigil.reports.health;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.function.Function;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYDataset;

/**
 * Renders the per-service time-series charts of a {@link HealthReport} as PNG images with JFreeChart:
 * one line per service, UTC time axis, white background, gaps where a bucket has no data (NaN).
 * A dashed vertical marker shows the onset of the top-ranked root cause; anomaly episodes of the charted
 * signal are shaded and each deploy or rollback is a solid vertical line coloured by its verdict. The
 * SLO chart shows each SLO's error budget left through the window. Stateless and thread-safe;
 * needs a headless-capable AWT ({@code -Djava.awt.headless=true} on servers).
 */
public final class ChartRenderer {

    public static final String REQUEST_RATE_FILE = "request-rate.png";
    public static final String ERROR_RATE_FILE = "error-rate.png";
    public static final String P95_LATENCY_FILE = "p95-latency.png";
    public static final String SLO_BUDGET_FILE = "slo-budget.png";

    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 320;

    /** Series colours (Tableau 10), assigned by service name so a service has the same colour in every chart. */
    private static final Color[] PALETTE = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0x9467BD), new Color(0x8C564B),
        new Color(0xE377C2), new Color(0x17BECF), new Color(0xBCBD22), new Color(0x7F7F7F), new Color(0xD62728),
    };
    private static final Color TEXT = new Color(0x24292F);
    private static final Color MUTED = new Color(0x57606A);
    private static final Color GRID = new Color(0xE1E4E8);
    private static final Color AXIS = new Color(0xAFB8C1);
    private static final Color MARKER = new Color(0xC62828);
    private static final Color ANOMALY_SHADE = new Color(255, 152, 0, 56);
    private static final Color DEPLOY_DEGRADED = new Color(0xC62828);
    private static final Color DEPLOY_HEALTHY = new Color(0x2E7D32);
    private static final Color DEPLOY_OTHER = new Color(0x6E7781);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final int width;
    private final int height;

    public ChartRenderer() {
        this(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public ChartRenderer(int width, int height) {
        if (width < 200 || height < 120) {
            throw new IllegalArgumentException("chart too small: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Requests per second, one line per service. */
    public byte[] requestRateChart(HealthReport r) {
        return png(chart(r, Metric.REQUEST_RATE));
    }

    /** Error rate in percent, one line per service. */
    public byte[] errorRateChart(HealthReport r) {
        return png(chart(r, Metric.ERROR_RATE));
    }

    /** p95 latency (ms, or s when values reach seconds), one line per service. */
    public byte[] p95LatencyChart(HealthReport r) {
        return png(chart(r, Metric.P95_LATENCY));
    }

    /** Error budget left per SLO through the window, in percent; 0% is drawn as a red line. */
    public byte[] sloBudgetChart(HealthReport r) {
        return png(sloChart(r));
    }

    /**
     * Every chart of the report keyed by file name: {@link #REQUEST_RATE_FILE}, {@link #ERROR_RATE_FILE},
     * {@link #P95_LATENCY_FILE}, and {@link #SLO_BUDGET_FILE} when the report has SLOs.
     */
    public Map<String, byte[]> renderAll(HealthReport r) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(REQUEST_RATE_FILE, requestRateChart(r));
        out.put(ERROR_RATE_FILE, errorRateChart(r));
        out.put(P95_LATENCY_FILE, p95LatencyChart(r));
        if (!r.slos().isEmpty()) {
            out.put(SLO_BUDGET_FILE, sloBudgetChart(r));
        }
        return Collections.unmodifiableMap(out);
    }

    private JFreeChart sloChart(HealthReport r) {
        TimeSeriesCollection dataset = new TimeSeriesCollection(UTC);
        List<SloLine> slos = new ArrayList<>(r.slos());
        slos.sort((a, b) -> a.id().compareTo(b.id()));
        double min = 0;
        for (SloLine slo : slos) {
            TimeSeries s = new TimeSeries(slo.id());
            for (SloLine.BudgetPoint p : slo.history()) {
                double v = p.budgetRemaining() * 100;
                s.addOrUpdate(new FixedMillisecond(p.at().toEpochMilli()), Double.isFinite(v) ? (Number) v : null);
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                }
            }
            dataset.addSeries(s);
        }
        DateAxis timeAxis = timeAxis(r);
        NumberAxis valueAxis = new NumberAxis("Budget left (%)");
        valueAxis.setNumberFormatOverride(new DecimalFormat("0'%'", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        // Budget left is read against a full budget: the axis always shows 0 to 100%.
        valueAxis.setRange(Math.floor(Math.min(0, min) / 10) * 10 - (min < 0 ? 10 : 0), 105);
        GapAwareRenderer renderer = new GapAwareRenderer(dataset);
        for (int i = 0; i < slos.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        XYPlot plot = new XYPlot(dataset, timeAxis, valueAxis, renderer);
        style(plot, timeAxis, valueAxis);
        plot.setNoDataMessage("No SLOs");
        ValueMarker zero = new ValueMarker(0, MARKER, new BasicStroke(1.2f));
        zero.setLabel("budget spent");
        zero.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        zero.setLabelPaint(MARKER);
        zero.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        zero.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(zero);
        addChangeMarkers(plot, r);
        return finish(plot, "SLO error budget left", "Share of each SLO's error budget left over its own window  \u00B7  "
                + HealthFormat.window(r.from(), r.to()), dataset.getSeriesCount() > 0);
    }

    private static DateAxis timeAxis(HealthReport r) {
        DateAxis timeAxis = new DateAxis("Time (UTC)", UTC, Locale.ROOT);
        Duration window = Duration.between(r.from(), r.to());
        String pattern = window.compareTo(Duration.ofHours(36)) <= 0 ? "HH:mm"
                : window.compareTo(Duration.ofDays(10)) <= 0 ? "MM-dd HH:mm" : "yyyy-MM-dd";
        SimpleDateFormat df = new SimpleDateFormat(pattern, Locale.ROOT);
        df.setTimeZone(UTC);
        timeAxis.setDateFormatOverride(df);
        if (r.to().isAfter(r.from())) {
            timeAxis.setRange(new Range(r.from().toEpochMilli(), r.to().toEpochMilli()), true, false);
        }
        timeAxis.setLowerMargin(0);
        timeAxis.setUpperMargin(0);
        return timeAxis;
    }

    /** Shades the anomaly episodes of {@code signal} (all services) behind the lines. */
    private static void addAnomalySpans(XYPlot plot, HealthReport r, AnomalySpan.Signal signal) {
        for (AnomalySpan span : r.anomalySpans()) {
            if (span.signal() != signal || span.from() == null || span.to() == null || !span.to().isAfter(span.from())) {
                continue;
            }
            long from = Math.max(span.from().toEpochMilli(), r.from().toEpochMilli());
            long to = Math.min(span.to().toEpochMilli(), r.to().toEpochMilli());
            if (to > from) {
                plot.addDomainMarker(new IntervalMarker(from, to, ANOMALY_SHADE), Layer.BACKGROUND);
            }
        }
    }

    /** A solid line per deploy or rollback in the window, labelled with the version, red when its verdict is degraded. */
    private static void addChangeMarkers(XYPlot plot, HealthReport r) {
        int n = 0;
        for (ChangeLine c : r.changes()) {
            if (!(c.type().equals("deploy") || c.type().equals("rollback")) || c.at() == null
                    || c.at().isBefore(r.from()) || !c.at().isBefore(r.to())) {
                continue;
            }
            Color color = c.verdict().equals("degraded") ? DEPLOY_DEGRADED : c.verdict().equals("healthy") ? DEPLOY_HEALTHY : DEPLOY_OTHER;
            ValueMarker marker = new ValueMarker(c.at().toEpochMilli(), color, new BasicStroke(1.6f));
            marker.setLabel((c.type().equals("rollback") ? "\u21A9 " : "") + c.label());
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            marker.setLabelPaint(color);
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 200));
            boolean late = c.at().toEpochMilli() - r.from().toEpochMilli() > 0.8 * (r.to().toEpochMilli() - r.from().toEpochMilli());
            // Alternate rows so labels of changes close together do not overlap.
            marker.setLabelAnchor(late ? RectangleAnchor.BOTTOM_LEFT : RectangleAnchor.BOTTOM_RIGHT);
            marker.setLabelTextAnchor(late ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
            marker.setLabelOffset(new RectangleInsets(2, 3, 4 + 13 * (n++ % 3), 3));
            plot.addDomainMarker(marker);
        }
    }

    private JFreeChart finish(XYPlot plot, String titleText, String subtitleText, boolean legendVisible) {
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        TextTitle title = new TextTitle(titleText, new Font(Font.SANS_SERIF, Font.BOLD, 15));
        title.setPaint(TEXT);
        title.setHorizontalAlignment(HorizontalAlignment.LEFT);
        title.setPadding(new RectangleInsets(2, 6, 0, 6));
        chart.setTitle(title);
        TextTitle subtitle = new TextTitle(subtitleText, new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        subtitle.setPaint(MUTED);
        subtitle.setHorizontalAlignment(HorizontalAlignment.LEFT);
        subtitle.setPadding(new RectangleInsets(1, 6, 4, 6));
        chart.addSubtitle(subtitle);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 6, 14));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            legend.setItemPaint(TEXT);
            legend.setFrame(BlockBorder.NONE);
            legend.setBackgroundPaint(Color.WHITE);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 10));
            legend.setVisible(legendVisible);
        }
        return chart;
    }

    // ------------------------------------------------------------------------------------------------

    private enum Metric {
        REQUEST_RATE("Request rate", ServiceTimeline::requestRatePerSecond),
        ERROR_RATE("Error rate", ServiceTimeline::errorRate),
        P95_LATENCY("p95 latency", ServiceTimeline::p95Ms);

        final String title;
        final Function<ServiceTimeline, double[]> values;

        Metric(String title, Function<ServiceTimeline, double[]> values) {
            this.title = title;
            this.values = values;
        }
    }

    private byte[] png(JFreeChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private JFreeChart chart(HealthReport r, Metric metric) {
        List<ServiceTimeline> timelines = new ArrayList<>(r.timelines());
        timelines.sort((a, b) -> a.service().compareTo(b.service()));
        List<String> colourOrder = colourOrder(r);

        // Latency: switch to seconds when the data reaches several seconds.
        double scale = 1;
        String unit;
        switch (metric) {
            case ERROR_RATE -> {
                scale = 100;
                unit = "%";
            }
            case P95_LATENCY -> {
                double max = max(timelines, metric);
                if (max >= 5_000) {
                    scale = 0.001;
                    unit = "s";
                } else {
                    unit = "ms";
                }
            }
            default -> unit = "req/s";
        }

        TimeSeriesCollection dataset = new TimeSeriesCollection(UTC);
        List<Paint> paints = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (ServiceTimeline t : timelines) {
            String key = t.service().isBlank() ? "(unnamed)" : t.service();
            String unique = key;
            for (int i = 2; used.contains(unique); i++) {
                unique = key + " (" + i + ")";
            }
            used.add(unique);
            dataset.addSeries(series(unique, t, metric.values.apply(t), scale));
            int idx = colourOrder.indexOf(t.service());
            paints.add(PALETTE[Math.floorMod(idx < 0 ? paints.size() : idx, PALETTE.length)]);
        }

        DateAxis timeAxis = new DateAxis("Time (UTC)", UTC, Locale.ROOT);
        Duration window = Duration.between(r.from(), r.to());
        String pattern = window.compareTo(Duration.ofHours(36)) <= 0 ? "HH:mm"
                : window.compareTo(Duration.ofDays(10)) <= 0 ? "MM-dd HH:mm" : "yyyy-MM-dd";
        SimpleDateFormat df = new SimpleDateFormat(pattern, Locale.ROOT);
        df.setTimeZone(UTC);
        timeAxis.setDateFormatOverride(df);
        if (r.to().isAfter(r.from())) {
            timeAxis.setRange(new Range(r.from().toEpochMilli(), r.to().toEpochMilli()), true, false);
        }
        timeAxis.setLowerMargin(0);
        timeAxis.setUpperMargin(0);

        NumberAxis valueAxis = new NumberAxis(metric.title + " (" + unit + ")");
        valueAxis.setAutoRangeIncludesZero(true);
        // Rates, error shares and latencies are never negative: no axis room below zero.
        valueAxis.setRangeType(org.jfree.data.RangeType.POSITIVE);
        valueAxis.setUpperMargin(0.12);
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        switch (metric) {
            case ERROR_RATE -> {
                valueAxis.setNumberFormatOverride(new DecimalFormat("0.##'%'", symbols));
                valueAxis.setAutoRangeMinimumSize(1.0);
            }
            case P95_LATENCY -> {
                valueAxis.setNumberFormatOverride(new DecimalFormat(scale == 1 ? "#,##0.#" : "#,##0.##", symbols));
                valueAxis.setAutoRangeMinimumSize(scale == 1 ? 10 : 1);
            }
            default -> {
                valueAxis.setNumberFormatOverride(new DecimalFormat("#,##0.##", symbols));
                valueAxis.setAutoRangeMinimumSize(1);
            }
        }
        if (dataset.getSeriesCount() == 0 || allEmpty(dataset)) {
            valueAxis.setRange(0, metric == Metric.ERROR_RATE ? 1 : 10);
        }

        GapAwareRenderer renderer = new GapAwareRenderer(dataset);
        int maxPoints = 0;
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            maxPoints = Math.max(maxPoints, dataset.getItemCount(i));
        }
        // Dense series read better with thinner lines.
        float lineWidth = maxPoints > width / 4 ? 1.5f : 2.0f;
        for (int i = 0; i < paints.size(); i++) {
            renderer.setSeriesPaint(i, paints.get(i));
            renderer.setSeriesStroke(i, new BasicStroke(lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }

        XYPlot plot = new XYPlot(dataset, timeAxis, valueAxis, renderer);
        style(plot, timeAxis, valueAxis);
        plot.setNoDataMessage("No data");
        plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        plot.setNoDataMessagePaint(MUTED);

        addAnomalySpans(plot, r, switch (metric) {
            case REQUEST_RATE -> AnomalySpan.Signal.REQUEST_RATE;
            case ERROR_RATE -> AnomalySpan.Signal.ERROR_RATE;
            case P95_LATENCY -> AnomalySpan.Signal.P95_LATENCY;
        });
        if (dataset.getSeriesCount() > 0) {
            addChangeMarkers(plot, r);
        }
        RootCauseLine top = ReportContent.topRootCause(r);
        if (top != null && top.onset() != null && dataset.getSeriesCount() > 0
                && !top.onset().isBefore(r.from()) && !top.onset().isAfter(r.to())) {
            ValueMarker marker = new ValueMarker(top.onset().toEpochMilli(), MARKER,
                    new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            String label = "#" + top.rank() + " " + (top.kind().isBlank() ? "root cause" : top.kind())
                    + (top.service().isBlank() ? "" : " (" + top.service() + ")");
            marker.setLabel(label);
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            marker.setLabelPaint(MARKER);
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 210));
            boolean late = top.onset().toEpochMilli() - r.from().toEpochMilli()
                    > 0.7 * (r.to().toEpochMilli() - r.from().toEpochMilli());
            marker.setLabelAnchor(late ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(late ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
            marker.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
            plot.addDomainMarker(marker);
        }

        return finish(plot, metric.title, subtitle(r, unit), dataset.getSeriesCount() > 0);
    }

    private static String subtitle(HealthReport r, String unit) {
        String what = switch (unit) {
            case "%" -> "Share of failed requests per service";
            case "req/s" -> "Requests per second per service";
            default -> "95th percentile latency per service";
        };
        String bucket = bucketLabel(r);
        return what + (bucket == null ? "" : ", " + bucket + " buckets") + "  \u00B7  "
                + HealthFormat.window(r.from(), r.to());
    }

    /** The typical bucket width over all timelines, e.g. "1 min"; null if unknown. */
    private static String bucketLabel(HealthReport r) {
        List<Long> steps = new ArrayList<>();
        for (ServiceTimeline t : r.timelines()) {
            List<Instant> b = t.bucketStarts();
            for (int i = 1; i < b.size(); i++) {
                if (b.get(i) != null && b.get(i - 1) != null) {
                    steps.add(b.get(i).toEpochMilli() - b.get(i - 1).toEpochMilli());
                }
            }
        }
        if (steps.isEmpty()) {
            return null;
        }
        Collections.sort(steps);
        long median = steps.get(steps.size() / 2);
        return median <= 0 ? null : HealthFormat.span(Duration.ofMillis(median));
    }

    private static List<String> colourOrder(HealthReport r) {
        TreeSet<String> names = new TreeSet<>();
        r.services().forEach(s -> names.add(s.service()));
        r.timelines().forEach(t -> names.add(t.service()));
        return new ArrayList<>(names);
    }

    private static double max(List<ServiceTimeline> timelines, Metric metric) {
        double max = 0;
        for (ServiceTimeline t : timelines) {
            for (double v : metric.values.apply(t)) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        return max;
    }

    private static boolean allEmpty(TimeSeriesCollection d) {
        for (int s = 0; s < d.getSeriesCount(); s++) {
            for (int i = 0; i < d.getItemCount(s); i++) {
                if (!Double.isNaN(d.getYValue(s, i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Builds one series. NaN/infinite values become nulls (gaps); so do missing buckets, detected as a
     * step more than 1.5x the median step.
     */
    private static TimeSeries series(String key, ServiceTimeline t, double[] values, double scale) {
        TimeSeries s = new TimeSeries(key);
        List<Instant> buckets = t.bucketStarts();
        List<Long> steps = new ArrayList<>();
        for (int i = 1; i < buckets.size(); i++) {
            if (buckets.get(i) != null && buckets.get(i - 1) != null) {
                long d = buckets.get(i).toEpochMilli() - buckets.get(i - 1).toEpochMilli();
                if (d > 0) {
                    steps.add(d);
                }
            }
        }
        Collections.sort(steps);
        long median = steps.isEmpty() ? 0 : steps.get(steps.size() / 2);
        long prev = Long.MIN_VALUE;
        for (int i = 0; i < buckets.size(); i++) {
            Instant b = buckets.get(i);
            if (b == null) {
                continue;
            }
            long ms = b.toEpochMilli();
            if (median > 0 && prev != Long.MIN_VALUE && ms - prev > median * 3 / 2) {
                s.addOrUpdate(new FixedMillisecond(prev + median), (Number) null);
            }
            double v = values[i];
            s.addOrUpdate(new FixedMillisecond(ms), Double.isFinite(v) ? (Number) (v * scale) : null);
            prev = Math.max(prev, ms);
        }
        return s;
    }

    private static void style(XYPlot plot, DateAxis timeAxis, NumberAxis valueAxis) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(true);
        plot.setRangeGridlinesVisible(true);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.8f));
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(4, 4, 4, 8));
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font ticks = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        for (var axis : List.of(timeAxis, valueAxis)) {
            axis.setLabelFont(label);
            axis.setLabelPaint(MUTED);
            axis.setTickLabelFont(ticks);
            axis.setTickLabelPaint(TEXT);
            axis.setAxisLinePaint(AXIS);
            axis.setTickMarkPaint(AXIS);
            axis.setTickMarkOutsideLength(3);
        }
        valueAxis.setAxisLineVisible(false);
    }

    /** Lines with gaps at NaN; a point with no neighbours on either side is drawn as a dot so it stays visible. */
    private static final class GapAwareRenderer extends XYLineAndShapeRenderer {
        private static final long serialVersionUID = 1L;
        private final transient XYDataset data;

        GapAwareRenderer(XYDataset data) {
            super(true, true);
            this.data = data;
            setDefaultShapesFilled(true);
            setDrawOutlines(false);
            setDrawSeriesLineAsPath(false);
        }

        @Override
        public boolean getItemShapeVisible(int series, int item) {
            if (Double.isNaN(data.getYValue(series, item))) {
                return false;
            }
            int n = data.getItemCount(series);
            boolean prev = item > 0 && !Double.isNaN(data.getYValue(series, item - 1));
            boolean next = item + 1 < n && !Double.isNaN(data.getYValue(series, item + 1));
            return !prev && !next;
        }

        @Override
        public LegendItem getLegendItem(int datasetIndex, int series) {
            LegendItem item = super.getLegendItem(datasetIndex, series);
            if (item != null) {
                item.setShapeVisible(false);
                item.setLineVisible(true);
            }
            return item;
        }
    }
}
