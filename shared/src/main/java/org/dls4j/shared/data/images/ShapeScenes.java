package org.dls4j.shared.data.images;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Generated scenes for semantic segmentation: circles, squares and triangles of random colour, size and position on
 * a textured, noisy background, each with its per-pixel class mask.
 *
 * <p>A stand-in for a segmentation data set that is not available (a camera's frames with a class per pixel): the
 * same kind of pairs, made in memory. Class ids are the positions in {@link #CLASS_NAMES}: 0 background, 1 circle,
 * 2 square, 3 triangle. Shapes lie wholly inside the picture and may overlap; a later shape is painted over the
 * earlier ones and the mask shows the class of what is visible, so an early shape can be partly or wholly hidden.
 *
 * <p>A pixel {@code (x, y)} belongs to a shape when its centre {@code (x + 0.5, y + 0.5)} lies inside it; a pixel
 * is coloured and labelled by the same test, so image and mask always agree. Everything is drawn from one
 * {@link SplittableRandom} seeded with the given seed: the same arguments give the same scenes on every machine.
 */
public final class ShapeScenes {
    /** The class names, indexed by class id (the values of a mask). */
    public static final List<String> CLASS_NAMES = List.of("background", "circle", "square", "triangle");

    /** Smallest shape, as a fraction of the picture's side. */
    private static final double MIN_EXTENT = 0.15;
    /** Largest shape, as a fraction of the picture's side. */
    private static final double MAX_EXTENT = 0.40;
    /** Half-range of the uniform per-pixel noise added to every channel. */
    private static final double NOISE = 0.06;
    /** Amplitude of the background's stripes. */
    private static final double STRIPES = 0.08;
    /** A shape's colour differs from the background's mean colour by at least this (Euclidean, RGB in 0..1). */
    private static final double MIN_CONTRAST = 0.35;

    private ShapeScenes() {
    }

    /**
     * One object: its class and the bounding box of its full outline in pixel coordinates (x to the right, y down,
     * the picture spanning 0..size on both axes), whether or not a later shape hides part of it.
     *
     * @param classId 1 circle, 2 square, 3 triangle
     */
    public record Shape(int classId, double xMin, double yMin, double xMax, double yMax) {
        /** Whether the point {@code (x, y)} (pixel coordinates) lies inside the box. */
        public boolean boxContains(double x, double y) {
            return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
        }
    }

    /**
     * A picture and its labels.
     *
     * @param image  FLOAT {@code (3, size, size)}, channels R, G, B, values in [0, 1]
     * @param mask   {@code mask[y][x]}: the class id of the visible pixel at row y, column x
     * @param shapes the shapes in painting order (the last is on top)
     */
    public record Scene(INDArray image, int[][] mask, List<Shape> shapes) {
        /** The picture's side in pixels. */
        public int size() {
            return mask.length;
        }
    }

    /**
     * {@code count} scenes of {@code size x size} pixels with 1 to {@code maxShapes} shapes each.
     *
     * @throws IllegalArgumentException when count is negative, size below 8 or maxShapes below 1
     */
    public static List<Scene> generate(int count, int size, int maxShapes, long seed) {
        if (count < 0 || size < 8 || maxShapes < 1) {
            throw new IllegalArgumentException("ShapeScenes.generate needs count >= 0, size >= 8 and maxShapes >= 1,"
                    + " not count " + count + ", size " + size + ", maxShapes " + maxShapes);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Scene> scenes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            scenes.add(scene(random, size, maxShapes));
        }
        return List.copyOf(scenes);
    }

    private static Scene scene(SplittableRandom random, int size, int maxShapes) {
        float[][] rgb = new float[3][size * size];
        double[] backgroundColour = background(random, size, rgb);
        int[][] mask = new int[size][size];
        int shapeCount = 1 + random.nextInt(maxShapes);
        List<Shape> shapes = new ArrayList<>(shapeCount);
        for (int s = 0; s < shapeCount; s++) {
            Outline outline = outline(random, size);
            double[] colour = colourAwayFrom(random, backgroundColour);
            paint(outline, colour, rgb, mask);
            shapes.add(outline.box());
        }
        addNoise(random, rgb);
        float[] planes = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(rgb[c], 0, planes, c * size * size, size * size);
        }
        INDArray image = Nd4j.createFromArray(planes).reshape('c', 3, size, size);
        return new Scene(image, mask, List.copyOf(shapes));
    }

    /** A base colour, a linear shading and soft stripes of random direction and period; returns the base colour. */
    private static double[] background(SplittableRandom random, int size, float[][] rgb) {
        double[] base = {uniform(random, 0.2, 0.8), uniform(random, 0.2, 0.8), uniform(random, 0.2, 0.8)};
        double shadeX = uniform(random, -0.15, 0.15);
        double shadeY = uniform(random, -0.15, 0.15);
        double angle = uniform(random, 0, Math.PI);
        double period = uniform(random, 4, 16);
        double phase = uniform(random, 0, 2 * Math.PI);
        double dx = Math.cos(angle) * 2 * Math.PI / period;
        double dy = Math.sin(angle) * 2 * Math.PI / period;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double shade = shadeX * (x / (double) size - 0.5) + shadeY * (y / (double) size - 0.5)
                        + STRIPES * Math.sin(dx * x + dy * y + phase);
                for (int c = 0; c < 3; c++) {
                    rgb[c][y * size + x] = (float) (base[c] + shade);
                }
            }
        }
        return base;
    }

    private static double[] colourAwayFrom(SplittableRandom random, double[] background) {
        while (true) {
            double[] colour = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
            double d0 = colour[0] - background[0];
            double d1 = colour[1] - background[1];
            double d2 = colour[2] - background[2];
            if (Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2) >= MIN_CONTRAST) {
                return colour;
            }
        }
    }

    private static Outline outline(SplittableRandom random, int size) {
        int classId = 1 + random.nextInt(3);
        double extent = size * uniform(random, MIN_EXTENT, MAX_EXTENT);
        double xMin = uniform(random, 0, size - extent);
        double yMin = uniform(random, 0, size - extent);
        return new Outline(classId, xMin, yMin, extent);
    }

    private static void paint(Outline outline, double[] colour, float[][] rgb, int[][] mask) {
        int size = mask.length;
        int x0 = Math.max(0, (int) Math.floor(outline.xMin - 0.5));
        int x1 = Math.min(size - 1, (int) Math.ceil(outline.xMin + outline.extent));
        int y0 = Math.max(0, (int) Math.floor(outline.yMin - 0.5));
        int y1 = Math.min(size - 1, (int) Math.ceil(outline.yMin + outline.extent));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (outline.contains(x + 0.5, y + 0.5)) {
                    mask[y][x] = outline.classId;
                    for (int c = 0; c < 3; c++) {
                        rgb[c][y * size + x] = (float) colour[c];
                    }
                }
            }
        }
    }

    private static void addNoise(SplittableRandom random, float[][] rgb) {
        for (float[] channel : rgb) {
            for (int i = 0; i < channel.length; i++) {
                double value = channel[i] + uniform(random, -NOISE, NOISE);
                channel[i] = (float) Math.min(1.0, Math.max(0.0, value));
            }
        }
    }

    private static double uniform(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    /** A shape's geometry: a square box of side {@code extent} with its top-left corner at (xMin, yMin). */
    private record Outline(int classId, double xMin, double yMin, double extent) {
        boolean contains(double x, double y) {
            double u = (x - xMin) / extent;
            double v = (y - yMin) / extent;
            if (u < 0 || u > 1 || v < 0 || v > 1) {
                return false;
            }
            return switch (classId) {
                case 1 -> (u - 0.5) * (u - 0.5) + (v - 0.5) * (v - 0.5) <= 0.25;
                case 2 -> true;
                // apex at the top centre, base along the bottom edge
                default -> Math.abs(u - 0.5) <= v / 2;
            };
        }

        Shape box() {
            return new Shape(classId, xMin, yMin, xMin + extent, yMin + extent);
        }
    }
}
