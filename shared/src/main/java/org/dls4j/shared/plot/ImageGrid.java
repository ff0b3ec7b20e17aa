package org.dls4j.shared.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Pictures side by side with a caption under each, written as one PNG: the notebooks' "mislabeled images"
 * figure ({@code print_mislabeled_images}) and similar galleries. Each picture is scaled to a square tile.
 */
public final class ImageGrid {

    private static final int TILE = 128;
    private static final int CAPTION = 36;
    private static final int GAP = 8;

    private ImageGrid() {
    }

    /**
     * @param images the pictures, in order
     * @param captions one per picture, may contain a newline for a second line
     * @param columns tiles per row
     */
    public static Path save(List<BufferedImage> images, List<String> captions, int columns, Path png) {
        if (images.size() != captions.size()) {
            throw new IllegalArgumentException(
                    "one caption per image: " + images.size() + " images, " + captions.size() + " captions");
        }
        if (columns <= 0) {
            throw new IllegalArgumentException("columns must be positive but was " + columns);
        }
        int n = Math.max(images.size(), 1);
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int width = cols * (TILE + GAP) + GAP;
        int height = rows * (TILE + CAPTION + GAP) + GAP;
        Png.Canvas drawing = Png.whiteCanvas(width, height);
        BufferedImage canvas = drawing.image();
        Graphics2D g = drawing.graphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < images.size(); i++) {
            int x = GAP + (i % cols) * (TILE + GAP);
            int y = GAP + (i / cols) * (TILE + CAPTION + GAP);
            g.drawImage(images.get(i), x, y, TILE, TILE, null);
            g.setColor(Color.BLACK);
            String[] lines = captions.get(i).split("\n");
            for (int l = 0; l < lines.length && l < 2; l++) {
                String line = lines[l];
                g.drawString(line, x + Math.max(0, (TILE - fm.stringWidth(line)) / 2), y + TILE + 14 + 14 * l);
            }
        }
        g.dispose();
        return Png.write(canvas, png);
    }
}
