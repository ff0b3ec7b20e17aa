package org.dls4j.shared.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A matrix as coloured cells with a labelled row and column for each entry, from white (0) to dark blue (the largest
 * value): matplotlib's {@code imshow} with tick labels, as the attention maps of the sequence notebooks draw it.
 * Row 0 is drawn at the top. Repeated labels (the two 9s of "09") stay separate cells.
 */
public final class HeatMapPlot {

    private HeatMapPlot() {
    }

    /**
     * Writes {@code values[row][column]} as an 800x600 PNG, creating the directory if needed, and returns the path
     * written.
     */
    public static Path save(String title, String columnAxis, List<String> columns, String rowAxis, List<String> rows,
            double[][] values, Path png) {
        return save(title, columnAxis, columns, rowAxis, rows, values, Double.NaN, Double.NaN, png);
    }

    /**
     * As {@link #save(String, String, List, String, List, double[][], Path)} with the colour scale from {@code min}
     * (white) to {@code max} (dark blue), for values that can be negative (a positional encoding in [-1, 1]); NaN
     * for either end keeps its default (0, the largest value).
     */
    public static Path save(String title, String columnAxis, List<String> columns, String rowAxis, List<String> rows,
            double[][] values, double min, double max, Path png) {
        if (values.length != rows.size()) {
            throw new IllegalArgumentException(values.length + " rows of values for " + rows.size() + " row labels");
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(800).height(600).title(title).xAxisTitle(columnAxis)
                .yAxisTitle(rowAxis).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(8, 48, 107)});
        chart.getStyler().setMin(Double.isNaN(min) ? 0 : min);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        double largest = 0;
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != columns.size()) {
                throw new IllegalArgumentException("row " + r + " has " + values[r].length + " values for "
                        + columns.size() + " column labels");
            }
            for (int c = 0; c < columns.size(); c++) {
                // XChart draws its first y category at the bottom
                cells.add(new Number[] {c, rows.size() - 1 - r, values[r][c]});
                largest = Math.max(largest, values[r][c]);
            }
        }
        chart.getStyler().setMax(!Double.isNaN(max) ? max : largest > 0 ? largest : 1);
        List<String> bottomUp = new ArrayList<>(distinct(rows));
        Collections.reverse(bottomUp);
        chart.addSeries(title, distinct(columns), bottomUp, cells);
        return Png.write(BitmapEncoder.getBufferedImage(chart), png);
    }

    /** The labels with a space added to each repeat, so that XChart keeps one category per entry. */
    private static List<String> distinct(List<String> labels) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> result = new ArrayList<>();
        for (String label : labels) {
            int before = seen.merge(label, 1, Integer::sum) - 1;
            result.add(label + " ".repeat(before));
        }
        return result;
    }
}
