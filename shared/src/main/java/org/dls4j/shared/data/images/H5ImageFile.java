package org.dls4j.shared.data.images;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import org.dls4j.shared.data.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads the course's image h5 files ({@code <prefix>_set_x}, {@code <prefix>_set_y}, {@code list_classes}). */
public final class H5ImageFile {
    private H5ImageFile() {
    }

    /**
     * Reads {@code <prefix>_set_x} uint8 (m, h, w, 3), {@code <prefix>_set_y} int (m) and {@code list_classes}.
     *
     * @param dataSet     logical data set name, for messages
     * @param prefix      {@code train} or {@code test}
     * @param imageHeight expected image height and width (64 for every course h5)
     */
    static ImageSplit read(Path file, String dataSet, String prefix, int imageHeight) {
        String xName = prefix + "_set_x";
        String yName = prefix + "_set_y";
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset x = dataset(hdf, file, dataSet, xName, "uint8[m, " + imageHeight + ", " + imageHeight + ", 3]");
            Dataset y = dataset(hdf, file, dataSet, yName, "int64[m]");
            Dataset classes = dataset(hdf, file, dataSet, "list_classes", "the class names");
            int[] xShape = x.getDimensions();
            if (xShape.length != 4 || xShape[1] != imageHeight || xShape[2] != imageHeight || xShape[3] != 3) {
                throw DataException.wrongStructure(file, dataSet, xName + " of shape (m, " + imageHeight + ", " + imageHeight + ", 3)",
                        xName + " of shape " + Arrays.toString(xShape));
            }
            int m = xShape[0];
            int[] yShape = y.getDimensions();
            if (yShape.length != 1 || yShape[0] != m) {
                throw DataException.wrongStructure(file, dataSet, yName + " of shape (" + m + ",) to match " + xName,
                        yName + " of shape " + Arrays.toString(yShape));
            }
            int[] pixels = asIntArray(x.getDataFlat(), file, dataSet, xName);
            INDArray images = Nd4j.createFromArray(pixels).reshape('c', m, imageHeight, imageHeight, 3)
                    .castTo(DataType.UINT8);
            double[] labelValues = asDoubleArray(y.getDataFlat(), file, dataSet, yName);
            INDArray labels = Nd4j.create(labelValues, new long[] {1, m}, 'c');
            return new ImageSplit(images, labels, classNames(classes.getDataFlat()), file.toString());
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataException("Data set '" + dataSet + "': cannot read " + file + " as HDF5 (" + e
                    + "). The file may be damaged; the catalog check would have caught a changed catalog file, so this"
                    + " is probably a file supplied under another name.", e);
        }
    }

    private static Dataset dataset(HdfFile hdf, Path file, String dataSet, String name, String expected) {
        Node node = hdf.getChildren().get(name);
        if (!(node instanceof Dataset dataset)) {
            throw DataException.wrongStructure(file, dataSet, "a dataset '" + name + "' (" + expected + ")",
                    "only " + new ArrayList<>(hdf.getChildren().keySet()));
        }
        return dataset;
    }

    private static int[] asIntArray(Object data, Path file, String dataSet, String name) {
        if (data instanceof int[] ints) {
            return ints;
        }
        if (data instanceof short[] shorts) {
            int[] result = new int[shorts.length];
            for (int i = 0; i < shorts.length; i++) {
                result[i] = shorts[i];
            }
            return result;
        }
        if (data instanceof byte[] bytes) {
            int[] result = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                result[i] = bytes[i] & 0xFF;
            }
            return result;
        }
        throw DataException.wrongStructure(file, dataSet, name + " of 8-bit unsigned integers",
                name + " of Java type " + data.getClass().getSimpleName());
    }

    private static double[] asDoubleArray(Object data, Path file, String dataSet, String name) {
        double[] result;
        if (data instanceof long[] longs) {
            result = new double[longs.length];
            for (int i = 0; i < longs.length; i++) {
                result[i] = longs[i];
            }
        } else if (data instanceof int[] ints) {
            result = new double[ints.length];
            for (int i = 0; i < ints.length; i++) {
                result[i] = ints[i];
            }
        } else {
            throw DataException.wrongStructure(file, dataSet, name + " of integer labels",
                    name + " of Java type " + data.getClass().getSimpleName());
        }
        return result;
    }

    private static List<String> classNames(Object data) {
        List<String> names = new ArrayList<>();
        if (data instanceof String[] strings) {
            names.addAll(Arrays.asList(strings));
        } else if (data instanceof long[] longs) {
            for (long value : longs) {
                names.add(Long.toString(value));
            }
        } else if (data instanceof int[] ints) {
            for (int value : ints) {
                names.add(Integer.toString(value));
            }
        } else {
            names.add(String.valueOf(data));
        }
        return names;
    }
}
