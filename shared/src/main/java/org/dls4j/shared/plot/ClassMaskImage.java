package org.dls4j.shared.plot;

import java.awt.image.BufferedImage;

/**
 * A segmentation mask (a class id per pixel) as a picture, one fixed colour per class: what matplotlib's
 * {@code imshow(mask)} shows in the segmentation notebook. Class 0 (background) is black; classes 1 to 20 take the
 * colours of matplotlib's {@code tab20} table, and larger ids repeat them.
 */
public final class ClassMaskImage {
    private static final int[] PALETTE = {
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
        0xAEC7E8, 0xFFBB78, 0x98DF8A, 0xFF9896, 0xC5B0D5, 0xC49C94, 0xF7B6D2, 0xC7C7C7, 0xDBDB8D, 0x9EDAE5};

    private ClassMaskImage() {
    }

    /** The RGB colour ({@code 0xRRGGBB}) of class {@code classId}. */
    public static int colour(int classId) {
        if (classId < 0) {
            throw new IllegalArgumentException("class ids are >= 0, not " + classId);
        }
        return classId == 0 ? 0x000000 : PALETTE[(classId - 1) % PALETTE.length];
    }

    /** {@code mask[y][x]} (rows of equal length) as an RGB picture of the same size. */
    public static BufferedImage of(int[][] mask) {
        int height = mask.length;
        int width = height == 0 ? 0 : mask[0].length;
        if (height == 0 || width == 0) {
            throw new IllegalArgumentException("an empty mask has no picture");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            if (mask[y].length != width) {
                throw new IllegalArgumentException("mask row " + y + " has " + mask[y].length + " pixels, row 0 has "
                        + width);
            }
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, colour(mask[y][x]));
            }
        }
        return image;
    }
}
