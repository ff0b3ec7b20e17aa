package org.dls4j.course4.week4;

import java.util.List;

import org.dls4j.shared.data.DataException;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Placeholder until face-api's network is in shared: replaced by the real encoder in the next commit. */
public final class FaceApiEncoder implements FaceEncoder {

    /** The threshold chosen for this encoder. */
    public static final double THRESHOLD = 0.6;
    /** The threshold as --help prints it. */
    public static final String THRESHOLD_TEXT = "0.6";

    private FaceApiEncoder() {
    }

    /** Not available yet. */
    public static FaceApiEncoder pretrained() {
        throw new DataException("face-api's face embedding is not in this build yet");
    }

    @Override
    public String name() {
        return "face-api";
    }

    @Override
    public double threshold() {
        return THRESHOLD;
    }

    @Override
    public INDArray encode(List<INDArray> pictures) {
        throw new UnsupportedOperationException();
    }
}
