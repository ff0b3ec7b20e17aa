package org.dls4j.shared.graph;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer object of {@link LstmLayer}. Forward: {@code x W + b} of every step of every example as one matrix
 * product, then per example the recurrence ({@link LstmCell.Sequence}), the examples of a batch in parallel.
 * Backward: per example back through time to the gradients {@code dz} of every step, then one matrix product each
 * for the kernel's, the recurrent kernel's and the input's gradients.
 */
final class LstmLayerRuntime extends JavaLayerRuntime<LstmLayer, LstmLayerRuntime.Pass> {

    /** One batch forward: {@code rows (m T, n_in)} the input's steps, example-major, and each example's sequence. */
    record Pass(INDArray input, INDArray rows, LstmCell.Sequence[] sequences) implements JavaLayerRuntime.Pass {
        /** Each example's states {@code h<0..T>}. */
        double[][] states() {
            return Arrays.stream(sequences).map(LstmCell.Sequence::states).toArray(double[][]::new);
        }
    }

    LstmLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected INDArray output(Pass pass) {
        int m = pass.sequences().length, u = layerConf().units();
        int steps = Math.toIntExact(pass.rows().size(0) / m);
        return JavaArrays.sequences(JavaArrays.stack(pass.states(), u, steps * u, u, pass.input().dataType()), m,
                format());
    }

    @Override
    protected Pass forward(INDArray x) {
        DataType type = x.dataType();
        int m = Math.toIntExact(x.size(0)), u = layerConf().units();
        INDArray rows = JavaArrays.rows(x, format());
        int steps = Math.toIntExact(rows.size(0) / m);
        double[] projected = JavaArrays.read(rows.mmul(getParam(LstmLayer.KERNEL).castTo(type))
                .addiRowVector(getParam(LstmLayer.BIAS).castTo(type)));       // x W + b, (m T, 4u)
        LstmCell cell = new LstmCell(getParam(LstmLayer.RECURRENT_KERNEL), layerConf().isHardSigmoidGates());
        LstmCell.Sequence[] sequences = new LstmCell.Sequence[m];
        IntStream.range(0, m).parallel().forEach(e -> {
            LstmCell.Sequence sequence = cell.sequence(steps);
            for (int t = 0; t < steps; t++) {
                sequence.step(t, projected, (e * steps + t) * 4 * u);
            }
            sequences[e] = sequence;
        });
        return new Pass(x, rows, sequences);
    }

    /**
     * Back through time, per example, to {@code dz} of every step; then {@code dW = x^T dz},
     * {@code dU = h_prev^T dz}, {@code db = sum dz} into the gradient views, and the input's gradient
     * {@code dz W^T} in the input's layout.
     */
    @Override
    protected INDArray backward(Pass pass, INDArray epsilon) {
        DataType type = pass.input().dataType();
        int m = pass.sequences().length, u = layerConf().units();
        int steps = Math.toIntExact(pass.rows().size(0) / m);
        double[] dStates = JavaArrays.read(JavaArrays.rows(epsilon, format()));     // (m T, u)
        double[] dz = new double[m * steps * 4 * u];                                 // (m T, 4u)
        IntStream.range(0, m).parallel().forEach(e -> {
            LstmCell.Sequence sequence = pass.sequences()[e];
            double[] dh = new double[u];
            double[] dc = new double[u];
            for (int t = steps - 1; t >= 0; t--) {
                int row = e * steps + t;
                for (int k = 0; k < u; k++) {
                    dh[k] += dStates[row * u + k];
                }
                sequence.stepBack(t, dh, dc, dz, row * 4 * u);
            }
        });
        INDArray dzRows = JavaArrays.matrix(dz, (long) m * steps, 4L * u, type);
        gradientViews.get(LstmLayer.KERNEL).assign(pass.rows().transpose().mmul(dzRows));
        gradientViews.get(LstmLayer.RECURRENT_KERNEL).assign(JavaArrays.stack(pass.states(), 0, steps * u, u, type)
                .transpose().mmul(dzRows));
        gradientViews.get(LstmLayer.BIAS).assign(dzRows.sum(true, 0));
        return JavaArrays.sequences(dzRows.mmul(getParam(LstmLayer.KERNEL).castTo(type).transpose()), m, format());
    }

    private RNNFormat format() {
        return layerConf().getRnnDataFormat();
    }
}
