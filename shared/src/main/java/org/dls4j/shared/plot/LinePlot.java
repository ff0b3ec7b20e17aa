package org.dls4j.shared.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line (or scatter) chart written headless to PNG with XChart: the notebooks' {@code plt.plot(costs)} figures.
 * <pre>{@code
 * LinePlot.titled("Learning rate =0.005")
 *         .axes("iterations (per hundreds)", "cost")
 *         .line("cost", costs)
 *         .save(out.resolve("cost.png"));
 * }</pre>
 */
public final class LinePlot {

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private boolean logX;
    private final List<Series> series = new ArrayList<>();

    private record Series(String name, double[] x, double[] y, boolean scatter) {
    }

    private LinePlot(String title) {
        this.title = title;
    }

    public static LinePlot titled(String title) {
        return new LinePlot(title);
    }

    public LinePlot axes(String xLabel, String yLabel) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        return this;
    }

    /** A logarithmic x axis (e.g. dev accuracy against a learning rate). */
    public LinePlot logX() {
        this.logX = true;
        return this;
    }

    /** A line through {@code y} at x = 0, 1, 2, ... (what {@code plt.plot(y)} draws). */
    public LinePlot line(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return line(name, x, y);
    }

    public LinePlot line(String name, double[] x, double[] y) {
        requireSameLength(x, y);
        series.add(new Series(name, x.clone(), y.clone(), false));
        return this;
    }

    public LinePlot scatter(String name, double[] x, double[] y) {
        requireSameLength(x, y);
        series.add(new Series(name, x.clone(), y.clone(), true));
        return this;
    }

    /** Writes the chart as a 800x600 PNG, creating the directory if needed, and returns the path written. */
    public Path save(Path png) {
        XYChart chart = new XYChartBuilder().width(800).height(600).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Series s : series) {
            XYSeries xy = chart.addSeries(s.name, s.x, s.y);
            if (s.scatter) {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            } else {
                xy.setMarker(SeriesMarkers.NONE);
            }
        }
        return Png.write(BitmapEncoder.getBufferedImage(chart), png);
    }

    private static void requireSameLength(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length but were " + x.length + " and "
                    + y.length);
        }
    }
}
