package org.dls4j.shared.graph;

import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer object of {@link LstmLayer}, in float64 Java loops ({@link LstmCell}, {@link RowMatrices}): forward, per
 * example (the examples of a batch in parallel) {@code x W + b} and the recurrence of each step; backward, per example
 * back through time to the gradients {@code dz} of every step, then the kernels' gradients {@code x^T dz},
 * {@code h_prev^T dz} and the input's {@code dz W^T} over the whole batch.
 */
final class LstmLayerRuntime extends JavaLayerRuntime<LstmLayer, LstmLayerRuntime.Pass> {

    /** One batch forward: the input's steps as rows {@code (m T, n_in)}, example-major; each example's steps. */
    record Pass(INDArray input, double[][] rows, LstmCell.Sequence[] sequences) implements JavaLayerRuntime.Pass {
        int steps() {
            return rows.length / sequences.length;
        }
    }

    LstmLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pass forward(INDArray x) {
        int m = Math.toIntExact(x.size(0)), u = layerConf().units();
        double[][] rows = JavaArrays.stepRows(x, format());
        int steps = rows.length / m;
        double[][] kernel = JavaArrays.rows(getParam(LstmLayer.KERNEL));
        double[] bias = JavaArrays.read(getParam(LstmLayer.BIAS));
        LstmCell cell = new LstmCell(getParam(LstmLayer.RECURRENT_KERNEL), layerConf().isHardSigmoidGates());
        LstmCell.Sequence[] sequences = new LstmCell.Sequence[m];
        IntStream.range(0, m).parallel().forEach(e -> {
            LstmCell.Sequence sequence = cell.sequence(steps);
            double[] z = new double[4 * u];
            for (int t = 0; t < steps; t++) {
                System.arraycopy(bias, 0, z, 0, z.length);              // x W + b
                RowMatrices.addTimes(z, rows[e * steps + t], kernel);
                sequence.step(t, z);
            }
            sequences[e] = sequence;
        });
        return new Pass(x, rows, sequences);
    }

    @Override
    protected INDArray output(Pass pass) {
        return JavaArrays.sequences(LstmCell.states(pass.sequences(), true), pass.sequences().length, format(),
                pass.input().dataType());
    }

    @Override
    protected INDArray backward(Pass pass, INDArray epsilon) {
        DataType type = pass.input().dataType();
        int m = pass.sequences().length, steps = pass.steps(), u = layerConf().units();
        double[][] dStates = JavaArrays.stepRows(epsilon, format());               // (m T, u)
        double[][] dz = new double[m * steps][];                                    // (m T, 4u)
        IntStream.range(0, m).parallel().forEach(e -> {
            LstmCell.Sequence sequence = pass.sequences()[e];
            double[] dh = new double[u];
            double[] dc = new double[u];
            for (int t = steps - 1; t >= 0; t--) {
                int row = e * steps + t;
                RowMatrices.addScaled(dh, 1, dStates[row]);
                dz[row] = new double[4 * u];
                sequence.stepBack(t, dh, dc, dz[row]);
            }
        });
        gradientViews.get(LstmLayer.KERNEL).assign(JavaArrays.matrix(RowMatrices.transposeTimes(pass.rows(), dz),
                type));
        gradientViews.get(LstmLayer.RECURRENT_KERNEL).assign(JavaArrays.matrix(
                RowMatrices.transposeTimes(LstmCell.states(pass.sequences(), false), dz), type));
        gradientViews.get(LstmLayer.BIAS).assign(JavaArrays.matrix(new double[][] {RowMatrices.columnSums(dz)},
                type));
        double[][] kernelT = JavaArrays.rows(getParam(LstmLayer.KERNEL).transpose());
        return JavaArrays.sequences(RowMatrices.times(dz, kernelT), m, format(), type);
    }

    private RNNFormat format() {
        return layerConf().getRnnDataFormat();
    }
}
