package org.dls4j.shared.data.images;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A labelled set of RGB images, as the course h5 loaders return them.
 *
 * <ul>
 *   <li>{@link #images()}: {@code (m, height, width, 3)}, dtype {@code UINT8} (values 0..255, like numpy's uint8
 *       {@code train_set_x_orig}); cast with {@code castTo(DataType.DOUBLE)} before doing arithmetic;</li>
 *   <li>{@link #labels()}: {@code (1, m)} DOUBLE (the notebooks reshape {@code train_set_y} to {@code (1, m)});</li>
 *   <li>{@link #classes()}: the class names in label order;</li>
 *   <li>{@link #flattenedScaled()}: {@code (height*width*3, m)} DOUBLE, {@code images.reshape(m, -1).T / 255.},
 *       so a column is one image with pixel order row, column, channel.</li>
 * </ul>
 */
public class ImageSplit {
    private final INDArray images;
    private final INDArray labels;
    private final List<String> classes;
    private final String source;
    private INDArray flattenedScaled;

    ImageSplit(INDArray images, INDArray labels, List<String> classes, String source) {
        this.images = images;
        this.labels = labels;
        this.classes = List.copyOf(classes);
        this.source = source;
    }

    ImageSplit(ImageSplit other) {
        this(other.images, other.labels, other.classes, other.source);
    }

    /** {@code (m, height, width, 3)} UINT8. The array is shared: {@code dup()} it before changing it. */
    public INDArray images() {
        return images;
    }

    /** {@code (1, m)} DOUBLE labels (0/1 for cats and happy, 0..5 for SIGNS). */
    public INDArray labels() {
        return labels;
    }

    /** The label of example {@code i} as an int. */
    public int label(int i) {
        return labels.getInt(0, i);
    }

    /** Class names in label order, e.g. {@code [non-cat, cat]}. */
    public List<String> classes() {
        return classes;
    }

    /** Number of examples m. */
    public int size() {
        return (int) images.size(0);
    }

    /** What the images were read from (file or folder), for reports. */
    public String source() {
        return source;
    }

    /**
     * {@code (height*width*3, m)} DOUBLE: {@code images.reshape(m, -1).T / 255.} exactly as the notebook builds it
     * (column j is image j, pixel order row, column, channel). Computed once; the array is shared.
     */
    public synchronized INDArray flattenedScaled() {
        if (flattenedScaled == null) {
            flattenedScaled = images.castTo(DataType.DOUBLE).reshape('c', size(), -1).transpose().dup('c').divi(255.0);
        }
        return flattenedScaled;
    }

    /**
     * {@code (m, 3, height, width)} FLOAT: the pictures channels first, divided by 255, as the DL4J convolution
     * graphs take them (the notebooks' Keras models take {@code images / 255.} channels last; the numbers are the
     * same, the order of the axes differs). A new array each call.
     */
    public INDArray channelsFirstScaled() {
        return images.castTo(DataType.FLOAT).permute(0, 3, 1, 2).dup('c').divi(255.0f);
    }

    /**
     * {@code (m, classes)} FLOAT: the labels one-hot, one example per row, as DL4J's softmax outputs take them (the
     * notebooks' {@code convert_to_one_hot(Y, C).T}). A new array each call.
     */
    public INDArray oneHotRows() {
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, size(), classes.size());
        for (int i = 0; i < size(); i++) {
            oneHot.putScalar(i, label(i), 1f);
        }
        return oneHot;
    }

    /** The examples at these positions, in this order (for fixed splits). */
    ImageSplit select(int[] positions, String description) {
        int perImage = (int) (images.length() / size());
        int[] all = images.castTo(DataType.INT32).data().asInt();
        int[] picked = new int[positions.length * perImage];
        double[] pickedLabels = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            System.arraycopy(all, positions[i] * perImage, picked, i * perImage, perImage);
            pickedLabels[i] = labels.getDouble(0, positions[i]);
        }
        INDArray pickedImages = Nd4j.createFromArray(picked)
                .reshape('c', positions.length, images.size(1), images.size(2), images.size(3)).castTo(DataType.UINT8);
        return new ImageSplit(pickedImages, Nd4j.create(pickedLabels, new long[] {1, positions.length}, 'c'), classes,
                source + " (" + description + ")");
    }
}
