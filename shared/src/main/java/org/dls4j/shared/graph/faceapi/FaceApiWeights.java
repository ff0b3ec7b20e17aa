package org.dls4j.shared.graph.faceapi;

import java.nio.file.Path;
import java.util.Arrays;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.graph.TfjsWeights;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Finding a face-api model's files and moving its TensorFlow-layout tensors into DL4J layers. */
final class FaceApiWeights {

    private FaceApiWeights() {
    }

    /** The verified {@code faceapi/<model>-weights_manifest.json} and {@code .bin}, read. */
    static TfjsWeights load(String model) {
        DataFiles files = DataFiles.standard();
        files.require("faceapi/" + model + ".bin");
        Path manifest = files.require("faceapi/" + model + "-weights_manifest.json");
        return TfjsWeights.read(manifest);
    }

    /** A convolution filter {@code (kH, kW, in, out)} as DL4J's {@code (out, in, kH, kW)}. */
    static INDArray convolution(INDArray hwio) {
        return hwio.permute(3, 2, 0, 1).dup('c');
    }

    /**
     * A depthwise filter {@code (kH, kW, in, multiplier)} as DL4J's separable convolution keeps it:
     * {@code (multiplier, in, kH, kW)}.
     */
    static INDArray separableDepthwise(INDArray hwim) {
        return hwim.permute(3, 2, 0, 1).dup('c');
    }

    /** Copies {@code value} into a parameter of a layer, refusing a shape that does not fit. */
    static void set(ComputationGraph graph, String layer, String parameter, INDArray value) {
        INDArray target = graph.getLayer(layer).getParam(parameter);
        if (target.length() != value.length()) {
            throw new IllegalStateException(layer + "/" + parameter + " holds " + Arrays.toString(target.shape())
                    + ", the weights give " + Arrays.toString(value.shape()));
        }
        target.assign(value.reshape('c', target.shape()));
    }

    /** A vector as a DL4J bias row {@code (1, n)}. */
    static INDArray row(INDArray vector) {
        return vector.reshape(1, vector.length());
    }

    /** {@code scale[c] * x + offset[c]} folded into the filter {@code (out, ...)} and bias of the layer before. */
    static INDArray scaledFilters(INDArray filters, INDArray scale) {
        INDArray scaled = filters.dup('c');
        for (long c = 0; c < scale.length(); c++) {
            scaled.slice(c).muli(scale.getDouble(c));
        }
        return scaled;
    }

    /** The per-channel factor of a batch norm at inference: {@code gamma / sqrt(var + eps)}. */
    static INDArray batchNormScale(INDArray gamma, INDArray variance, double epsilon) {
        return gamma.div(Nd4j.math().sqrt(variance.add(epsilon)));
    }
}
