package org.dls4j.shared.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dls4j.shared.data.images.ShapeScenes.Scene;
import org.dls4j.shared.data.images.ShapeScenes.Shape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ShapeScenesTest {
    private static final int SIZE = 48;

    @Test
    void imagesAreFloatChannelsFirstInTheUnitRange() {
        for (Scene scene : ShapeScenes.generate(20, SIZE, 4, 7)) {
            assertEquals(DataType.FLOAT, scene.image().dataType());
            assertArrayEquals(new long[] {3, SIZE, SIZE}, scene.image().shape());
            assertTrue(scene.image().minNumber().doubleValue() >= 0.0);
            assertTrue(scene.image().maxNumber().doubleValue() <= 1.0);
            assertEquals(SIZE, scene.size());
            assertTrue(scene.shapes().size() >= 1 && scene.shapes().size() <= 4, "1 to maxShapes shapes");
        }
    }

    @Test
    void everyLabelledPixelLiesInTheBoxOfAShapeOfItsClass() {
        for (Scene scene : ShapeScenes.generate(50, SIZE, 5, 11)) {
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int label = scene.mask()[y][x];
                    assertTrue(label >= 0 && label < ShapeScenes.CLASS_NAMES.size());
                    if (label == 0) {
                        continue;
                    }
                    double cx = x + 0.5;
                    double cy = y + 0.5;
                    assertTrue(scene.shapes().stream().anyMatch(s -> s.classId() == label && s.boxContains(cx, cy)),
                            "pixel (" + x + ", " + y + ") of class " + label + " outside every box of its class");
                }
            }
        }
    }

    @Test
    void boxesLieInsideThePictureAndTheTopShapeIsVisibleAndFillsItsBoxAsItsGeometrySays() {
        for (Scene scene : ShapeScenes.generate(50, SIZE, 5, 13)) {
            for (Shape shape : scene.shapes()) {
                assertTrue(shape.xMin() >= 0 && shape.yMin() >= 0 && shape.xMax() <= SIZE && shape.yMax() <= SIZE,
                        shape.toString());
                assertTrue(shape.classId() >= 1 && shape.classId() <= 3, shape.toString());
            }
            Shape top = scene.shapes().get(scene.shapes().size() - 1);
            double area = (top.xMax() - top.xMin()) * (top.yMax() - top.yMin());
            // square: the whole box, circle: pi/4 of it, triangle: half of it (pixel centres, so +-a perimeter)
            double expected = area * switch (top.classId()) {
                case 1 -> Math.PI / 4;
                case 2 -> 1.0;
                default -> 0.5;
            };
            int inBox = 0;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    if (scene.mask()[y][x] == top.classId() && top.boxContains(x + 0.5, y + 0.5)) {
                        inBox++;
                    }
                }
            }
            double perimeter = 4 * (top.xMax() - top.xMin());
            assertEquals(expected, inBox, perimeter, "visible pixels of the top shape " + top);
        }
    }

    @Test
    void theSameSeedGivesTheSameScenesAndAnotherSeedOthers() {
        List<Scene> first = ShapeScenes.generate(5, SIZE, 3, 42);
        List<Scene> again = ShapeScenes.generate(5, SIZE, 3, 42);
        List<Scene> other = ShapeScenes.generate(5, SIZE, 3, 43);
        for (int i = 0; i < 5; i++) {
            assertEquals(first.get(i).shapes(), again.get(i).shapes());
            assertArrayEquals(first.get(i).mask(), again.get(i).mask());
            assertEquals(first.get(i).image(), again.get(i).image());
        }
        assertNotEquals(first.get(0).shapes(), other.get(0).shapes());
        assertNotEquals(first.get(0).image(), other.get(0).image());
    }

    @Test
    void allClassesAndBackgroundOccur() {
        int[] pixels = new int[4];
        for (Scene scene : ShapeScenes.generate(30, SIZE, 3, 5)) {
            for (int[] row : scene.mask()) {
                for (int label : row) {
                    pixels[label]++;
                }
            }
        }
        for (int c = 0; c < 4; c++) {
            assertTrue(pixels[c] > 0, ShapeScenes.CLASS_NAMES.get(c) + " never occurs");
        }
        assertTrue(pixels[0] > pixels[1] && pixels[0] > pixels[2] && pixels[0] > pixels[3], "background dominates");
    }

    @Test
    void badArgumentsAreRefused() {
        String message = assertThrows(IllegalArgumentException.class, () -> ShapeScenes.generate(1, 4, 1, 0))
                .getMessage();
        assertTrue(message.contains("size 4"), message);
        assertThrows(IllegalArgumentException.class, () -> ShapeScenes.generate(1, 16, 0, 0));
        assertFalse(ShapeScenes.generate(0, 16, 1, 0).iterator().hasNext());
    }
}
