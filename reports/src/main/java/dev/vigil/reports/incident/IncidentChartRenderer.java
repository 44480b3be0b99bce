package dev.vigil.reports.incident;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.SimpleDateFormat;
import java.util.Locale;
import java.util.TimeZone;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

import dev.vigil.reports.health.HealthFormat;

/**
 * The users'-view chart of an incident report: error rate (top) and p95 latency (bottom) of the
 * most affected endpoints per bucket, the incident window shaded and each change in range drawn
 * as a dashed marker, so a reader sees the symptoms start after the change. PNG, headless.
 * Thread-safe (each call builds its own chart).
 */
public final class IncidentChartRenderer {
    /** File name of the chart beside the Markdown. */
    public static final String USERS_VIEW_FILE = "users-view.png";

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final Color[] PALETTE = {
        new Color(0xD1495B), new Color(0x2E86AB), new Color(0xEDAE49), new Color(0x3B8B5A), new Color(0x7A4EAB),
    };
    private static final Color WINDOW = new Color(0xF4, 0xC4, 0x30, 60);
    private static final Color MARKER = new Color(0x57606A);
    private static final Color GRID = new Color(0xE1E4E8);

    private final int width;
    private final int height;

    public IncidentChartRenderer() {
        this(1000, 560);
    }

    public IncidentChartRenderer(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** The chart as PNG; a chart saying "No affected endpoint" when there is no series. */
    public byte[] usersView(IncidentReport r) {
        TimeSeriesCollection errors = new TimeSeriesCollection(UTC);
        TimeSeriesCollection latency = new TimeSeriesCollection(UTC);
        double maxLatency = 0;
        for (EndpointSeries s : r.series()) {
            for (double v : s.p95Ms()) {
                if (Double.isFinite(v)) {
                    maxLatency = Math.max(maxLatency, v);
                }
            }
        }
        boolean seconds = maxLatency >= 5_000;
        for (EndpointSeries s : r.series()) {
            errors.addSeries(series(s.label(), s, s.errorRate(), 100));
            latency.addSeries(series(s.label(), s, s.p95Ms(), seconds ? 0.001 : 1));
        }
        DateAxis time = new DateAxis("Time (UTC)", UTC, Locale.ROOT);
        SimpleDateFormat format = new SimpleDateFormat("HH:mm", Locale.ROOT);
        format.setTimeZone(UTC);
        time.setDateFormatOverride(format);
        time.setRange(new Range(r.chartRange().from().toEpochMilli(), r.chartRange().to().toEpochMilli()), true, false);
        time.setLowerMargin(0);
        time.setUpperMargin(0);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(12);
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        NumberAxis errorAxis = new NumberAxis("Errors (%)");
        errorAxis.setNumberFormatOverride(new DecimalFormat("0.#'%'", symbols));
        errorAxis.setAutoRangeMinimumSize(1);
        NumberAxis latencyAxis = new NumberAxis("p95 (" + (seconds ? "s" : "ms") + ")");
        latencyAxis.setNumberFormatOverride(new DecimalFormat("#,##0.#", symbols));
        latencyAxis.setAutoRangeMinimumSize(seconds ? 1 : 10);
        plot.add(subplot(errors, errorAxis, r, true), 1);
        plot.add(subplot(latency, latencyAxis, r, false), 1);

        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, !r.series().isEmpty());
        TextTitle title = new TextTitle("What users saw: errors and p95 latency per endpoint", new Font(Font.SANS_SERIF, Font.BOLD, 15));
        title.setHorizontalAlignment(HorizontalAlignment.LEFT);
        title.setPadding(new RectangleInsets(2, 6, 0, 6));
        chart.setTitle(title);
        TextTitle subtitle = new TextTitle(r.series().isEmpty() ? "No endpoint's errors or latency got materially worse"
                : "Shaded: the incident window " + HealthFormat.window(r.window().from(), r.window().to()) + "; dashed: changes",
                new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        subtitle.setPaint(MARKER);
        subtitle.setHorizontalAlignment(HorizontalAlignment.LEFT);
        subtitle.setPadding(new RectangleInsets(1, 6, 4, 6));
        chart.addSubtitle(subtitle);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 6, 14));
        if (chart.getLegend() != null) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
            chart.getLegend().setFrame(BlockBorder.NONE);
            chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static XYPlot subplot(TimeSeriesCollection data, NumberAxis axis, IncidentReport r, boolean labelChanges) {
        axis.setAutoRangeIncludesZero(true);
        axis.setUpperMargin(0.1);
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // Small dots as well as lines: a bucket between two empty ones would otherwise not show at all.
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setDefaultShapesFilled(true);
        renderer.setDrawOutlines(false);
        // Both plots show the same endpoints: one legend is enough.
        renderer.setDefaultSeriesVisibleInLegend(labelChanges);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        IntervalMarker window = new IntervalMarker(r.window().from().toEpochMilli(), r.window().to().toEpochMilli(), WINDOW);
        plot.addDomainMarker(window, Layer.BACKGROUND);
        for (RelatedChange change : r.changes()) {
            long at = change.at().toEpochMilli();
            if (at < r.chartRange().from().toEpochMilli() || at > r.chartRange().to().toEpochMilli()) {
                continue;
            }
            ValueMarker marker = new ValueMarker(at, MARKER,
                    new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            if (labelChanges) {
                marker.setLabel(change.type() + " " + change.label());
                marker.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
                marker.setLabelPaint(MARKER);
                marker.setLabelBackgroundColor(new Color(255, 255, 255, 220));
                // Labels of late changes go to the left of their line so they are not cut off at the edge.
                long from = r.chartRange().from().toEpochMilli();
                boolean late = at - from > 0.7 * (r.chartRange().to().toEpochMilli() - from);
                marker.setLabelAnchor(late ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
                marker.setLabelTextAnchor(late ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
                marker.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
            }
            plot.addDomainMarker(marker);
        }
        return plot;
    }

    private static TimeSeries series(String key, EndpointSeries s, double[] values, double scale) {
        TimeSeries out = new TimeSeries(key);
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            out.addOrUpdate(new FixedMillisecond(s.bucketStarts().get(i).toEpochMilli()), Double.isFinite(v) ? (Number) (v * scale) : null);
        }
        return out;
    }
}
