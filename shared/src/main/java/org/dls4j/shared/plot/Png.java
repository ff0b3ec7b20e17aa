package org.dls4j.shared.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.imageio.ImageIO;

/**
 * Writes a {@link BufferedImage} as PNG, creating the directory; the one place plots touch the file system. The PNG
 * is written to a temporary file in the same folder and then moved into place atomically, so a reader (or an
 * interrupted run) never sees half a picture.
 */
public final class Png {

    private Png() {
    }

    /** Writes {@code image} to {@code png} and returns {@code png}. */
    public static Path write(BufferedImage image, Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, "." + png.getFileName() + ".", ".part");
            try {
                if (!ImageIO.write(image, "png", temporary.toFile())) {
                    throw new IOException("no PNG writer available");
                }
                try {
                    Files.move(temporary, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, png, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the image " + png + ": " + e.getMessage(), e);
        }
    }

    /** A white {@code width x height} RGB canvas with anti-aliased text, and the graphics to draw on it. */
    static Canvas whiteCanvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        return new Canvas(image, g);
    }

    /** An image being drawn. */
    record Canvas(BufferedImage image, Graphics2D graphics) {
    }
}
