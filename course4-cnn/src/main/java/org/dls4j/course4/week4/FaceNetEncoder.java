package org.dls4j.course4.week4;

import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.data.images.Images;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's encoder: {@link FaceNetGraph} (FaceNet nn4.small2) with the OpenFace weights, and the notebook's
 * {@code img_to_encoding}: the picture's RGB values divided by 255, channels first, one forward pass.
 */
public final class FaceNetEncoder implements FaceEncoder {

    /** The notebook's threshold: {@code if dist < 0.7} (verify), {@code if min_dist > 0.7} (who_is_it). */
    public static final double THRESHOLD = 0.7;

    private final ComputationGraph graph;
    private final String name;

    /** An encoder on {@code graph}, a {@link FaceNetGraph} whose weights {@code name} describes. */
    public FaceNetEncoder(ComputationGraph graph, String name) {
        this.graph = graph;
        this.name = name;
    }

    /**
     * {@code FRmodel = faceRecoModel(input_shape=(3, 96, 96)); load_weights_from_FaceNet(FRmodel)}.
     *
     * @throws org.dls4j.shared.data.DataException when weight files are missing ({@link OpenFaceWeights#loadInto})
     */
    public static FaceNetEncoder pretrained() {
        return new FaceNetEncoder(OpenFaceWeights.load(), "FaceNet nn4.small2 (OpenFace weights, "
                + String.format(java.util.Locale.ROOT, "%,d", FaceNetGraph.PARAMETERS) + " parameters)");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double threshold() {
        return THRESHOLD;
    }

    @Override
    public INDArray encode(List<INDArray> pictures) {
        INDArray batch = Nd4j.create(DataType.FLOAT, pictures.size(), 3, FaceNetGraph.SIDE, FaceNetGraph.SIDE);
        for (int i = 0; i < pictures.size(); i++) {
            batch.slice(i).assign(input(pictures.get(i)));
        }
        // embedding = model.predict_on_batch(x_train)
        return graph.output(false, batch)[0];
    }

    /**
     * img_to_encoding's picture: (3, 96, 96) FLOAT in [0, 1]. The course's pictures are 96x96 already; another size
     * is resized first (the notebook would fail on it).
     */
    static INDArray input(INDArray rgb) {
        INDArray picture = rgb.size(0) == FaceNetGraph.SIDE && rgb.size(1) == FaceNetGraph.SIDE ? rgb
                : Images.resize(rgb, FaceNetGraph.SIDE, FaceNetGraph.SIDE);
        // img = img1[..., ::-1]: cv2 reads BGR; Images.read gives RGB already
        // img = np.around(np.transpose(img, (2, 0, 1)) / 255.0, decimals=12): the rounding is below float32's grain
        return picture.permute(2, 0, 1).div(255.0).castTo(DataType.FLOAT);
    }
}
