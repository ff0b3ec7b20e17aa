package org.dls4j.shared.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The notebooks' {@code plot_decision_boundary}: the plane coloured by the model's prediction, the data points on
 * top coloured by their label (matplotlib's Spectral colours: red for 0, blue for 1), written headless as PNG.
 *
 * <p>Like the notebook, the plotted region is the data's bounding box widened by 1 on each side; the model is
 * asked once for a whole grid of points (one column per pixel), so the predictor sees an {@code (2, n)} input,
 * exactly the layout the from-scratch models take.
 */
public final class DecisionBoundaryPlot {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int MARGIN_LEFT = 60;
    private static final int MARGIN_BOTTOM = 40;
    private static final int MARGIN_TOP = 36;
    private static final int MARGIN_RIGHT = 16;
    private static final Color REGION_0 = new Color(0xF4, 0x9B, 0x84);
    private static final Color REGION_1 = new Color(0x9B, 0xC9, 0xE0);
    private static final Color POINT_0 = new Color(0x9E, 0x01, 0x42);
    private static final Color POINT_1 = new Color(0x5E, 0x4F, 0xA2);

    private DecisionBoundaryPlot() {
    }

    /**
     * @param title the figure title, e.g. {@code "Decision Boundary for hidden layer size 4"}
     * @param x the points, shape (2, m)
     * @param y the labels, shape (1, m), 0 or 1
     * @param predictor maps a (2, n) batch of points to (1, n) predictions (0 or 1; values &gt; 0.5 count as 1)
     * @param png where to write
     */
    public static Path save(String title, INDArray x, INDArray y, Function<INDArray, INDArray> predictor, Path png) {
        if (x.rank() != 2 || x.rows() != 2) {
            throw new IllegalArgumentException("X must have shape (2, m) but was " + java.util.Arrays.toString(x.shape()));
        }
        double xMin = x.getRow(0).minNumber().doubleValue() - 1;
        double xMax = x.getRow(0).maxNumber().doubleValue() + 1;
        double yMin = x.getRow(1).minNumber().doubleValue() - 1;
        double yMax = x.getRow(1).maxNumber().doubleValue() + 1;
        int plotW = WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
        int plotH = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;

        double[] grid = new double[2 * plotW * plotH];
        int n = plotW * plotH;
        for (int row = 0; row < plotH; row++) {
            for (int col = 0; col < plotW; col++) {
                int i = row * plotW + col;
                grid[i] = xMin + (col + 0.5) * (xMax - xMin) / plotW;
                grid[n + i] = yMax - (row + 0.5) * (yMax - yMin) / plotH;
            }
        }
        INDArray prediction = predictor.apply(Nd4j.create(grid, new long[] {2, n}, 'c'));
        double[] labels = prediction.reshape(n).toDoubleVector();

        Png.Canvas canvas = Png.whiteCanvas(WIDTH, HEIGHT);
        BufferedImage image = canvas.image();
        Graphics2D g = canvas.graphics();
        for (int row = 0; row < plotH; row++) {
            for (int col = 0; col < plotW; col++) {
                Color c = labels[row * plotW + col] > 0.5 ? REGION_1 : REGION_0;
                image.setRGB(MARGIN_LEFT + col, MARGIN_TOP + row, c.getRGB());
            }
        }
        double[] px = x.getRow(0).toDoubleVector();
        double[] py = x.getRow(1).toDoubleVector();
        double[] ly = y.reshape(y.length()).toDoubleVector();
        for (int i = 0; i < px.length; i++) {
            double sx = MARGIN_LEFT + (px[i] - xMin) / (xMax - xMin) * plotW;
            double sy = MARGIN_TOP + (yMax - py[i]) / (yMax - yMin) * plotH;
            Ellipse2D dot = new Ellipse2D.Double(sx - 3.5, sy - 3.5, 7, 7);
            g.setColor(ly[i] > 0.5 ? POINT_1 : POINT_0);
            g.fill(dot);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(0.6f));
            g.draw(dot);
        }
        drawAxes(g, title, xMin, xMax, yMin, yMax, plotW, plotH);
        g.dispose();
        return Png.write(image, png);
    }

    private static void drawAxes(Graphics2D g, String title, double xMin, double xMax, double yMin, double yMax,
            int plotW, int plotH) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(MARGIN_LEFT, MARGIN_TOP, plotW, plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (double t : ticks(xMin, xMax)) {
            int sx = (int) Math.round(MARGIN_LEFT + (t - xMin) / (xMax - xMin) * plotW);
            g.drawLine(sx, MARGIN_TOP + plotH, sx, MARGIN_TOP + plotH + 4);
            String label = tickLabel(t);
            g.drawString(label, sx - fm.stringWidth(label) / 2, MARGIN_TOP + plotH + 16);
        }
        for (double t : ticks(yMin, yMax)) {
            int sy = (int) Math.round(MARGIN_TOP + (yMax - t) / (yMax - yMin) * plotH);
            g.drawLine(MARGIN_LEFT - 4, sy, MARGIN_LEFT, sy);
            String label = tickLabel(t);
            g.drawString(label, MARGIN_LEFT - 6 - fm.stringWidth(label), sy + fm.getAscent() / 2 - 1);
        }
        g.drawString("x1", MARGIN_LEFT + plotW / 2, HEIGHT - 8);
        g.drawString("x2", 8, MARGIN_TOP + plotH / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        fm = g.getFontMetrics();
        g.drawString(title, (WIDTH - fm.stringWidth(title)) / 2, 22);
    }

    private static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 6;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * (raw / magnitude < 2 ? 1 : raw / magnitude < 5 ? 2 : 5);
        double first = Math.ceil(lo / step) * step;
        int count = (int) Math.floor((hi - first) / step) + 1;
        double[] out = new double[Math.max(count, 0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * step;
        }
        return out;
    }

    private static String tickLabel(double t) {
        double rounded = Math.round(t * 1000) / 1000.0;
        if (rounded == Math.rint(rounded)) {
            return String.format(Locale.ROOT, "%d", (long) rounded);
        }
        return String.format(Locale.ROOT, "%.1f", rounded);
    }
}
