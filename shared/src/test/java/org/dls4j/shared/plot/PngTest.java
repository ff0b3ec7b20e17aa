package org.dls4j.shared.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {

    @Test
    void writesThroughATemporaryFileAndReplacesAnOldPictureWhole(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("plots/cost.png");
        Png.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), png);
        assertEquals(List.of("cost.png"), names(png.getParent()));
        Png.write(new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB), png);
        BufferedImage replaced = ImageIO.read(png.toFile());
        assertEquals(5, replaced.getWidth());
        assertEquals(List.of("cost.png"), names(png.getParent()), "no temporary file is left");
    }

    @Test
    void aFailedWriteLeavesTheOldPictureAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("cost.png");
        Png.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), png);
        byte[] before = Files.readAllBytes(png);
        // A picture with no pixels cannot be encoded.
        BufferedImage broken = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB) {
            @Override
            public java.awt.image.WritableRaster getRaster() {
                throw new IllegalStateException("broken raster");
            }

            @Override
            public java.awt.image.Raster getData() {
                throw new IllegalStateException("broken raster");
            }

            @Override
            public java.awt.image.Raster getData(java.awt.Rectangle rect) {
                throw new IllegalStateException("broken raster");
            }
        };
        try {
            Png.write(broken, png);
        } catch (RuntimeException expected) {
            // what matters is what is left on disk
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(png)));
        assertEquals(List.of("cost.png"), names(dir));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
