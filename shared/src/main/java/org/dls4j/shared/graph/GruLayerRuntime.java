package org.dls4j.shared.graph;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer object of {@link GruLayer}. The products with the input kernel (all steps at once, forward; the kernels'
 * and the input's gradients, backward) are ND4J matrix products; the recurrence (per step {@code h U} and the gates,
 * and back through time {@code d(h U) U^T} and the gates' derivatives) runs in Java in float64 over each example's
 * own contiguous arrays, the examples of a batch in parallel: a libnd4j call per element-wise step of a
 * {@code (8, 128)} state costs far more than its arithmetic, and 1375 steps want dozens of them each way.
 * A forward pass keeps states, gates, candidates and {@code h U_h + c_h} for the backward pass.
 */
final class GruLayerRuntime extends JavaLayerRuntime<GruLayer, GruLayerRuntime.Pass> {

    /**
     * The forward pass of one batch. {@code rows (m T, n_in)} is the input, example-major; per example {@code e},
     * {@code states[e]} holds {@code T + 1} states of {@code u} values (the first zeros), and {@code update},
     * {@code reset}, {@code candidate}, {@code recurrentCandidate} ({@code h U_h + c_h}) {@code T} blocks of {@code u}.
     */
    record Pass(INDArray input, INDArray rows, double[][] states, double[][] update, double[][] reset,
            double[][] candidate, double[][] recurrentCandidate) implements JavaLayerRuntime.Pass {
    }

    GruLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected INDArray output(Pass pass) {
        int steps = Math.toIntExact(pass.input().size(2)), u = layerConf().units();
        return JavaArrays.sequences(JavaArrays.stack(pass.states(), u, steps * u, u, pass.input().dataType()),
                pass.states().length, RNNFormat.NCW);
    }

    @Override
    protected Pass forward(INDArray x) {
        int m = Math.toIntExact(x.size(0)), nIn = Math.toIntExact(x.size(1)), steps = Math.toIntExact(x.size(2));
        int u = layerConf().units();
        INDArray bias = getParam(GruParams.BIAS).castTo(x.dataType());
        // x W + b (+ c for z and r) for every step of every example at once: (m T, 3u)
        INDArray rows = x.permute(0, 2, 1).dup('c').reshape('c', (long) m * steps, nIn);
        INDArray inputBias = bias.getRow(0).dup();
        inputBias.get(NDArrayIndex.interval(0, 2 * u)).addi(bias.getRow(1).get(NDArrayIndex.interval(0, 2 * u)));
        double[] projected = JavaArrays.read(rows.mmul(getParam(GruParams.KERNEL).castTo(x.dataType()))
                .addiRowVector(inputBias));
        double[] recurrent = JavaArrays.read(getParam(GruParams.RECURRENT_KERNEL));      // (u, 3u)
        double[] recurrentBias = JavaArrays.read(getParam(GruParams.BIAS).getRow(1));    // (3u)
        Pass pass = new Pass(x, rows, new double[m][(steps + 1) * u], new double[m][steps * u],
                new double[m][steps * u], new double[m][steps * u], new double[m][steps * u]);
        IntStream.range(0, m).parallel().forEach(e -> {
            double[] states = pass.states()[e];
            double[] hu = new double[3 * u];
            for (int t = 0; t < steps; t++) {
                int previous = t * u;
                Arrays.fill(hu, 0);
                for (int k = 0; k < u; k++) {                     // hu = h U
                    double hk = states[previous + k];
                    int row = k * 3 * u;
                    for (int j = 0; j < 3 * u; j++) {
                        hu[j] += hk * recurrent[row + j];
                    }
                }
                int xw = (e * steps + t) * 3 * u;
                for (int k = 0; k < u; k++) {
                    double z = sigmoid(projected[xw + k] + hu[k]);
                    double r = sigmoid(projected[xw + u + k] + hu[u + k]);
                    double huH = hu[2 * u + k] + recurrentBias[2 * u + k];
                    double hh = Math.tanh(projected[xw + 2 * u + k] + r * huH);
                    double h = states[previous + k];
                    states[previous + u + k] = hh + z * (h - hh);          // z h + (1 - z) hh
                    pass.update()[e][previous + k] = z;
                    pass.reset()[e][previous + k] = r;
                    pass.candidate()[e][previous + k] = hh;
                    pass.recurrentCandidate()[e][previous + k] = huH;
                }
            }
        });
        return pass;
    }

    /**
     * Back through time, per example: the gradients of the input products' pre-activations {@code (dz, dr, dhh)} and
     * of the recurrent products' {@code (dz, dr, dhh r)}, and {@code dh_prev = dh z + d(h U) U^T}; after the loop one
     * matrix product each for the kernels' and the input's gradients. Writes the parameters' gradients into their
     * views and returns the input's {@code (m, n_in, T)}.
     */
    @Override
    protected INDArray backward(Pass pass, INDArray epsilon) {
        INDArray x = pass.input();
        int m = Math.toIntExact(x.size(0)), nIn = Math.toIntExact(x.size(1)), steps = Math.toIntExact(x.size(2));
        int u = layerConf().units();
        DataType type = x.dataType();
        double[] dStates = JavaArrays.read(epsilon.permute(0, 2, 1));                       // (m, T, u)
        double[] recurrentT = JavaArrays.read(getParam(GruParams.RECURRENT_KERNEL).transpose());   // (3u, u)
        double[] dInput = new double[m * steps * 3 * u];                               // d(x W + b), (m T, 3u)
        double[] dRecurrent = new double[m * steps * 3 * u];                           // d(h U + c), (m T, 3u)
        IntStream.range(0, m).parallel().forEach(e -> {
            double[] dhNext = new double[u];
            for (int t = steps - 1; t >= 0; t--) {
                int at = t * u;
                int row = (e * steps + t) * 3 * u;
                int epsilonRow = (e * steps + t) * u;
                for (int k = 0; k < u; k++) {
                    double dh = dStates[epsilonRow + k] + dhNext[k];
                    double z = pass.update()[e][at + k];
                    double r = pass.reset()[e][at + k];
                    double hh = pass.candidate()[e][at + k];
                    double h = pass.states()[e][at + k];
                    double dhh = dh * (1 - z) * (1 - hh * hh);
                    double dz = dh * (h - hh) * z * (1 - z);
                    double dr = dhh * pass.recurrentCandidate()[e][at + k] * r * (1 - r);
                    dInput[row + k] = dz;
                    dInput[row + u + k] = dr;
                    dInput[row + 2 * u + k] = dhh;
                    dRecurrent[row + k] = dz;
                    dRecurrent[row + u + k] = dr;
                    dRecurrent[row + 2 * u + k] = dhh * r;
                    dhNext[k] = dh * z;
                }
                for (int j = 0; j < 3 * u; j++) {                  // dh_prev += d(h U) U^T
                    double d = dRecurrent[row + j];
                    int column = j * u;
                    for (int k = 0; k < u; k++) {
                        dhNext[k] += d * recurrentT[column + k];
                    }
                }
            }
        });
        INDArray dInputRows = JavaArrays.matrix(dInput, (long) m * steps, 3L * u, type);
        INDArray dRecurrentRows = JavaArrays.matrix(dRecurrent, (long) m * steps, 3L * u, type);
        INDArray previousRows = JavaArrays.stack(pass.states(), 0, steps * u, u, type);
        gradientViews.get(GruParams.KERNEL).assign(pass.rows().transpose().mmul(dInputRows));
        gradientViews.get(GruParams.RECURRENT_KERNEL).assign(previousRows.transpose().mmul(dRecurrentRows));
        INDArray dBias = gradientViews.get(GruParams.BIAS);
        dBias.getRow(0).assign(dInputRows.sum(0));
        dBias.getRow(1).assign(dRecurrentRows.sum(0));
        return dInputRows.mmul(getParam(GruParams.KERNEL).castTo(type).transpose()).reshape('c', m, steps, nIn)
                .permute(0, 2, 1);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
