package org.dls4j.course4.week3;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * {@code draw_boxes}: each detection's rectangle in its class colour with "class 0.89" on a filled label above it,
 * drawn with Java2D on a copy of the picture (the notebook draws with PIL and FiraMono; here the JDK's sans-serif).
 */
public final class BoxDrawing {

    /** One box to draw, in pixels of the picture it is drawn on: (left, top) and (right, bottom). */
    public record Labelled(String className, int classIndex, double score, double left, double top, double right,
            double bottom) {

        /** The notebook's line: {@code car 0.89 (367, 300) (745, 648)}. */
        public String line() {
            return String.format(Locale.ROOT, "%s %.2f (%d, %d) (%d, %d)", className, score, Math.round(left),
                    Math.round(top), Math.round(right), Math.round(bottom));
        }
    }

    private BoxDrawing() {
    }

    /**
     * {@code predict}'s boxes: corners {@code (top, left, bottom, right)} as yolo_eval gives them, rounded and clipped
     * to a {@code width x height} picture as yad2k's {@code draw_boxes} does.
     */
    public static Labelled labelled(double[] yxyx, double score, int classIndex, List<String> classNames, int width,
            int height) {
        double top = Math.max(0, Math.floor(yxyx[0] + 0.5));
        double left = Math.max(0, Math.floor(yxyx[1] + 0.5));
        double bottom = Math.min(height, Math.floor(yxyx[2] + 0.5));
        double right = Math.min(width, Math.floor(yxyx[3] + 0.5));
        return new Labelled(classNames.get(classIndex), classIndex, score, left, top, right, bottom);
    }

    /** A copy of {@code picture}, enlarged {@code scale} times, with the boxes (in picture pixels) drawn on it. */
    public static BufferedImage draw(BufferedImage picture, List<Labelled> boxes, int classCount, int scale) {
        int width = picture.getWidth() * scale;
        int height = picture.getHeight() * scale;
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(picture, 0, 0, width, height, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int thickness = Math.max(2, Math.min(width, height) / 300);
            g.setStroke(new BasicStroke(thickness));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, Math.min(width, height) / 40)));
            FontMetrics metrics = g.getFontMetrics();
            for (Labelled box : boxes) {
                Color colour = colour(box.classIndex(), classCount);
                int x1 = (int) Math.round(box.left() * scale);
                int y1 = (int) Math.round(box.top() * scale);
                int x2 = (int) Math.round(box.right() * scale);
                int y2 = (int) Math.round(box.bottom() * scale);
                g.setColor(colour);
                g.drawRect(x1, y1, Math.max(1, x2 - x1), Math.max(1, y2 - y1));
                String label = String.format(Locale.ROOT, "%s %.2f", box.className(), box.score());
                int labelWidth = metrics.stringWidth(label) + 4;
                int labelHeight = metrics.getHeight();
                int labelTop = y1 - labelHeight >= 0 ? y1 - labelHeight : y1 + 1;
                int labelLeft = Math.max(0, Math.min(x1, width - labelWidth));
                g.fillRect(labelLeft, labelTop, labelWidth, labelHeight);
                g.setColor(brightness(colour) > 140 ? Color.BLACK : Color.WHITE);
                g.drawString(label, labelLeft + 2, labelTop + metrics.getAscent());
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** yad2k's class colours: hues spread evenly round the colour wheel, full saturation and value. */
    static Color colour(int classIndex, int classCount) {
        return Color.getHSBColor(classIndex / (float) Math.max(1, classCount), 1f, 1f);
    }

    private static double brightness(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }
}
