package org.dls4j.shared.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Writes a {@link BufferedImage} as PNG, creating the directory; the one place plots touch the file system. */
final class Png {

    private Png() {
    }

    static Path write(BufferedImage image, Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer available");
            }
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the image " + png + ": " + e.getMessage(), e);
        }
    }
}
