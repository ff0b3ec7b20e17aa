package org.dls4j.course1;

import java.nio.file.Path;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.data.images.Images;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The cats notebooks' "test with your own image" cell: the picture made into one example like the training set, and
 * what the model said about it.
 *
 * @param probability the model's output for the picture (the sigmoid's {@code A})
 * @param y the notebook's {@code my_predicted_image}: 1.0 when the probability is above 0.5, else 0.0
 * @param className {@code classes[int(np.squeeze(my_predicted_image))]}: {@code cat} or {@code non-cat}
 */
public record OwnImage(Path file, double probability, double y, String className) {

    /**
     * The picture as one example: {@code image = np.array(Image.open(fname).resize((num_px, num_px)))},
     * {@code image = image / 255.}, {@code image = image.reshape((1, num_px * num_px * 3)).T}, a column
     * {@code (num_px * num_px * 3, 1)} (the 2021 notebooks' order: resize first, then divide). The resize is Java2D's
     * bicubic, close to but not identical with PIL's, so a picture near the decision boundary can come out otherwise.
     */
    public static INDArray column(Path file, int numPx) {
        INDArray picture = Images.resize(Images.read(file), numPx, numPx).divi(255.0);
        return picture.reshape('c', (long) numPx * numPx * 3, 1);
    }

    /** The notebook's line, e.g. {@code y = 1.0, your algorithm predicts a "cat" picture.} */
    public String line(String model) {
        // print("y = " + str(np.squeeze(my_predicted_image)) + ", your algorithm predicts a \"" + classes[...] + "\" picture.")
        return "y = " + NumpyFormat.repr(y) + ", your " + model + " predicts a \"" + className + "\" picture.";
    }
}
