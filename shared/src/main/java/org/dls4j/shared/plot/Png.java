package org.dls4j.shared.plot;

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
}
