package org.dls4j.course4.week4;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.data.images.Images;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network that turns a face picture into a 128-number encoding, such that pictures of the same person lie close
 * together (L2 distance) and pictures of different people far apart: the notebook's {@code FRmodel} behind
 * {@code img_to_encoding}. Face Recognition runs with either {@link FaceNetEncoder} (the course's network, when its
 * weights are all here) or {@link FaceApiEncoder} (a pretrained network that is here).
 */
public interface FaceEncoder {

    /** What the learner reads: which network, with which weights. */
    String name();

    /** The distance under which two pictures are the same person, for this network's encodings. */
    double threshold();

    /**
     * The encodings of {@code pictures}, each {@code (h, w, 3)} RGB with values 0..255 (as {@code Images.read}
     * gives them), as {@code (m, 128)} FLOAT rows in the pictures' order.
     */
    INDArray encode(List<INDArray> pictures);

    /** The {@code (1, 128)} encoding of a picture file. */
    default INDArray encode(Path picture) {
        return encode(List.of(Images.read(picture)));
    }

    /** {@code encoder} remembering each file's encoding, so a run encodes every picture once. */
    static FaceEncoder remembering(FaceEncoder encoder) {
        Map<Path, INDArray> encodings = new HashMap<>();
        return new FaceEncoder() {
            @Override
            public String name() {
                return encoder.name();
            }

            @Override
            public double threshold() {
                return encoder.threshold();
            }

            @Override
            public INDArray encode(List<INDArray> pictures) {
                return encoder.encode(pictures);
            }

            @Override
            public INDArray encode(Path picture) {
                return encodings.computeIfAbsent(picture.toAbsolutePath().normalize(), encoder::encode);
            }
        };
    }
}
