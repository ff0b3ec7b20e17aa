package org.dls4j.shared.data.images;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.plot.Png;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pictures as arrays: JPEG/PNG to an {@code (height, width, 3)} RGB array and back to PNG, plus resizing.
 *
 * <p>Arrays are DOUBLE with values 0..255 (what {@code np.array(Image.open(f), dtype=float)} gives), channel order
 * R, G, B; an alpha channel is dropped and grey images get three equal channels. JPEG decoding is the JDK's, which
 * can differ from libjpeg (PIL, imageio) by a few levels in some pixels.
 *
 * <p>User images ({@code --image}) are checked with {@link #requireReadable} (header only) before training and read
 * with a size limit ({@link #MAX_SIDE}), so a huge picture cannot exhaust memory. PNGs are written to a temporary
 * file in the target folder and moved into place atomically.
 */
public final class Images {
    private Images() {
    }

    /** A verified catalog image, e.g. {@code nst/images/louvre.jpg}, as {@code (h, w, 3)} DOUBLE 0..255. */
    public static INDArray dataSetImage(String relativePath) {
        return read(DataFiles.standard().require(relativePath));
    }

    /**
     * Any JPEG/PNG/BMP/GIF file as {@code (h, w, 3)} DOUBLE 0..255. An image larger than {@link #MAX_SIDE} pixels on
     * a side is read at every k-th pixel (with a warning) so it cannot exhaust memory; a tiny, truncated or damaged
     * image gives a warning on stderr (the decoded part is used).
     *
     * @throws DataException when the file is missing or is not an image ImageIO can read
     */
    public static INDArray read(Path file) {
        return toArray(decode(file));
    }

    /** Images wider or taller than this are read subsampled (every k-th pixel) to at most this size. */
    public static final int MAX_SIDE = 4096;
    /** Images narrower or shorter than this are read, with a warning that they carry almost no information. */
    public static final int MIN_SIDE = 8;

    /**
     * What the header of an image file says.
     *
     * @param subsampling 1, or k when only every k-th pixel will be read because a side exceeds {@link #MAX_SIDE}
     */
    public record ImageInfo(Path file, String format, int width, int height, int subsampling) {
        /** Width after subsampling. */
        public int readWidth() {
            return (width + subsampling - 1) / subsampling;
        }

        /** Height after subsampling. */
        public int readHeight() {
            return (height + subsampling - 1) / subsampling;
        }
    }

    /**
     * A cheap check, before any training, that {@code file} is an image {@link #read} can decode: it exists, ImageIO
     * has a reader for it and its header gives the dimensions. Only the header is read, so it costs the same for any
     * size; the warnings {@link #read} would give (large, tiny) are printed now.
     *
     * @throws DataException naming the file when it is missing, unreadable or not an image ImageIO can read
     */
    public static ImageInfo requireReadable(Path file) {
        try (ImageInputStream in = open(file)) {
            ImageReader reader = readerFor(file, in);
            try {
                return header(file, reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DataException("Cannot read the image " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes an image file (subsampled when large, see {@link #read}); a {@link DataException} when it is not a
     * readable image.
     */
    static BufferedImage decode(Path file) {
        try (ImageInputStream in = open(file)) {
            ImageReader reader = readerFor(file, in);
            try {
                ImageInfo info = header(file, reader);
                ImageReadParam param = reader.getDefaultReadParam();
                if (info.subsampling() > 1) {
                    param.setSourceSubsampling(info.subsampling(), info.subsampling(), 0, 0);
                }
                // The reader's own first choice of image type, allocated here so that the rows decoded before a
                // truncation survive an exception.
                BufferedImage destination = null;
                Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                if (types != null && types.hasNext()) {
                    destination = types.next().createBufferedImage(info.readWidth(), info.readHeight());
                    param.setDestination(destination);
                }
                List<String> decoderWarnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> decoderWarnings.add(warning));
                try {
                    BufferedImage image = reader.read(0, param);
                    if (!decoderWarnings.isEmpty()) {
                        DataFiles.warn(file + " is damaged or truncated (" + decoderWarnings.get(0)
                                + "); the part that could be decoded is used.");
                    }
                    return image;
                } catch (IOException | RuntimeException e) {
                    if (destination == null) {
                        throw new DataException("Cannot decode the image " + file + ": " + e.getMessage(), e);
                    }
                    DataFiles.warn(file + " is truncated or damaged (" + e.getMessage() + "); only the part decoded"
                            + " before the damage is used, the rest is black.");
                    return destination;
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DataException("Cannot read the image " + file + ": " + e.getMessage(), e);
        }
    }

    private static ImageInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataException("The image " + file + " does not exist (or is not a file).");
        }
        if (!Files.isReadable(file)) {
            throw new DataException("The image " + file + " cannot be read (check its permissions).");
        }
        ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
        if (in == null) {
            throw new DataException("Cannot open the image " + file + ".");
        }
        return in;
    }

    private static ImageReader readerFor(Path file, ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new DataException(file + " is not an image ImageIO can read (JPEG, PNG, BMP, GIF); is it the right"
                    + " file?");
        }
        ImageReader reader = readers.next();
        reader.setInput(in, true, true);
        return reader;
    }

    private static ImageInfo header(Path file, ImageReader reader) {
        int width;
        int height;
        String format;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
            format = reader.getFormatName();
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + " is not an image ImageIO can read: its header is damaged ("
                    + e.getMessage() + ").", e);
        }
        if (width <= 0 || height <= 0) {
            throw new DataException(file + " is not an image ImageIO can read: its header says " + width + "x"
                    + height + " pixels.");
        }
        int subsampling = (Math.max(width, height) + MAX_SIDE - 1) / MAX_SIDE;
        ImageInfo info = new ImageInfo(file, format, width, height, subsampling);
        if (subsampling > 1) {
            DataFiles.warn(file + " is " + width + "x" + height + " pixels; to save memory it is read at 1/"
                    + subsampling + " of that size (" + info.readWidth() + "x" + info.readHeight() + ").");
        }
        if (width < MIN_SIDE || height < MIN_SIDE) {
            DataFiles.warn(file + " is only " + width + "x" + height + " pixels; stretched to the network's input"
                    + " size it carries almost no information, so a prediction on it means little.");
        }
        return info;
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

    /** An image as {@code (h, w, 3)} DOUBLE 0..255 (converted row by row, without a second full-size copy). */
    public static INDArray toArray(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        double[] values = new double[width * height * 3];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            int offset = y * width * 3;
            for (int x = 0; x < width; x++) {
                int pixel = row[x];
                values[offset + 3 * x] = (pixel >> 16) & 0xFF;
                values[offset + 3 * x + 1] = (pixel >> 8) & 0xFF;
                values[offset + 3 * x + 2] = pixel & 0xFF;
            }
        }
        return Nd4j.create(values, new long[] {height, width, 3}, 'c');
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

    /** Saves an {@code (h, w, 3)} array as PNG ({@link Png#write}: a temporary file first, then renamed into place). */
    public static void writePng(INDArray array, Path file) {
        Png.write(toImage(array), file);
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

    /**
     * Resizes an {@code (h, w, c)} array to {@code (height, width, c)} DOUBLE with TensorFlow's bilinear resize as
     * TensorFlow.js and TF1 run it ({@code align_corners=False}, {@code half_pixel_centers=False}): output pixel
     * {@code (y, x)} reads the input at {@code (y * h / height, x * w / width)}, interpolating between the two
     * nearest rows and columns (the last one repeated at the edge). No rounding: values stay fractional.
     */
    public static INDArray resizeBilinear(INDArray array, int height, int width) {
        int h = (int) array.size(0);
        int w = (int) array.size(1);
        int c = (int) array.size(2);
        double[] in = array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[height * width * c];
        double scaleY = (double) h / height;
        double scaleX = (double) w / width;
        for (int y = 0; y < height; y++) {
            double sourceY = y * scaleY;
            int top = (int) Math.floor(sourceY);
            int bottom = Math.min(top + 1, h - 1);
            double dy = sourceY - top;
            for (int x = 0; x < width; x++) {
                double sourceX = x * scaleX;
                int left = (int) Math.floor(sourceX);
                int right = Math.min(left + 1, w - 1);
                double dx = sourceX - left;
                for (int k = 0; k < c; k++) {
                    double upper = in[(top * w + left) * c + k]
                            + (in[(top * w + right) * c + k] - in[(top * w + left) * c + k]) * dx;
                    double lower = in[(bottom * w + left) * c + k]
                            + (in[(bottom * w + right) * c + k] - in[(bottom * w + left) * c + k]) * dx;
                    out[(y * width + x) * c + k] = upper + (lower - upper) * dy;
                }
            }
        }
        return Nd4j.create(out, new long[] {height, width, c}, 'c');
    }

    /**
     * A picture file as a batch of one for a DL4J convolution graph: resized to {@code side x side}
     * ({@link #resize}), divided by 255, channels first, {@code (1, 3, side, side)} FLOAT (the Keras notebooks'
     * {@code image.load_img(path, target_size=(64, 64))}, {@code x / 255.}, {@code np.expand_dims(x, axis=0)}).
     */
    public static INDArray channelsFirstPicture(Path file, int side) {
        INDArray pixels = resize(read(file), side, side).divi(255.0);
        return pixels.permute(2, 0, 1).reshape('c', 1, 3, side, side).castTo(DataType.FLOAT);
    }

    private static int level(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
