package org.dls4j.shared.data.images;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pictures as arrays: JPEG/PNG to an {@code (height, width, 3)} RGB array and back to PNG, plus resizing.
 *
 * <p>Arrays are DOUBLE with values 0..255 (what {@code np.array(Image.open(f), dtype=float)} gives), channel order
 * R, G, B; an alpha channel is dropped and grey images get three equal channels. JPEG decoding is the JDK's, which
 * can differ from libjpeg (PIL, imageio) by a few levels in some pixels.
 */
public final class Images {
    private Images() {
    }

    /** A verified catalog image, e.g. {@code nst/images/louvre.jpg}, as {@code (h, w, 3)} DOUBLE 0..255. */
    public static INDArray dataSetImage(String relativePath) {
        return read(DataFiles.standard().require(relativePath));
    }

    /** Any JPEG/PNG/BMP/GIF file as {@code (h, w, 3)} DOUBLE 0..255. */
    public static INDArray read(Path file) {
        return toArray(decode(file));
    }

    /** Decodes an image file; a {@link DataException} when it is not a readable image. */
    static BufferedImage decode(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new DataException("Cannot read " + file + " as an image: no JPEG/PNG/BMP/GIF decoder accepts it.");
            }
            return image;
        } catch (IOException e) {
            throw new DataException("Cannot read the image " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the R, G, B values 0..255 of an image into {@code target} starting at {@code offset} (row, column, channel). */
    static void copyRgb(BufferedImage image, int[] target, int offset) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < argb.length; i++) {
            int pixel = argb[i];
            target[offset + 3 * i] = (pixel >> 16) & 0xFF;
            target[offset + 3 * i + 1] = (pixel >> 8) & 0xFF;
            target[offset + 3 * i + 2] = pixel & 0xFF;
        }
    }

    /** An image as {@code (h, w, 3)} DOUBLE 0..255. */
    public static INDArray toArray(BufferedImage image) {
        int[] rgb = new int[image.getWidth() * image.getHeight() * 3];
        copyRgb(image, rgb, 0);
        double[] values = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            values[i] = rgb[i];
        }
        return Nd4j.create(values, new long[] {image.getHeight(), image.getWidth(), 3}, 'c');
    }

    /**
     * An {@code (h, w, 3)} array (any dtype) as an RGB image; values are rounded and clipped to 0..255, as the NST
     * notebook's {@code np.clip(image, 0, 255).astype('uint8')} does (it truncates; rounding differs by at most 1).
     */
    public static BufferedImage toImage(INDArray array) {
        if (array.rank() != 3 || array.size(2) != 3) {
            throw new IllegalArgumentException("Expected an (height, width, 3) array, got shape "
                    + java.util.Arrays.toString(array.shape()));
        }
        int height = (int) array.size(0);
        int width = (int) array.size(1);
        double[] values = array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int[] argb = new int[height * width];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | level(values[3 * i]) << 16 | level(values[3 * i + 1]) << 8 | level(values[3 * i + 2]);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    /** Saves an {@code (h, w, 3)} array as PNG, written to a temporary file first and then renamed into place. */
    public static void writePng(INDArray array, Path file) {
        BufferedImage image = toImage(array);
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".part");
            try {
                if (!ImageIO.write(image, "png", temporary.toFile())) {
                    throw new IOException("no PNG writer");
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new DataException("Cannot write the PNG " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resizes an {@code (h, w, 3)} array to {@code (height, width, 3)} DOUBLE 0..255 with bicubic interpolation
     * (Java2D; close to, not identical with, PIL's bicubic filter).
     */
    public static INDArray resize(INDArray array, int height, int width) {
        BufferedImage source = toImage(array);
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return toArray(target);
    }

    private static int level(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
