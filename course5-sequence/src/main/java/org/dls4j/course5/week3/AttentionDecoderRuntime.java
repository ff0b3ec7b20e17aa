package org.dls4j.course5.week3;

import static org.dls4j.course5.week3.AttentionDecoder.ATTENTION_UNITS;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.dls4j.shared.graph.JavaArrays;
import org.dls4j.shared.graph.JavaLayerRuntime;
import org.dls4j.shared.graph.JavaMath;
import org.dls4j.shared.graph.LstmCell;
import org.dls4j.shared.graph.RowMatrices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer object of {@link AttentionDecoder}, in float64 Java loops ({@link LstmCell}, {@link RowMatrices}): the
 * ten steps run per example, the examples of a batch in parallel, forward and back through time by hand; after the
 * backward loop, the kernels' gradients are products over the whole batch.
 */
final class AttentionDecoderRuntime extends JavaLayerRuntime<AttentionDecoder, AttentionDecoderRuntime.Pass> {

    /**
     * One batch forward: the encoder's steps {@code a} as rows {@code (m Tx, 2 n_a)}, example-major; the weights it
     * ran with; each example's steps.
     */
    record Pass(INDArray input, double[][] rows, Weights weights, Example[] examples)
            implements JavaLayerRuntime.Pass {
    }

    /**
     * The layer's weights as the loops read them, as rows: {@code densor1}'s halves for {@code a}
     * {@code W1a (2 n_a, 10)} and for {@code s} {@code W1s (n_s, 10)}, its bias; {@code densor2}'s {@code w2 (10)}
     * and {@code b2}; the LSTM's {@code kernel (2 n_a, 4 n_s)}, its bias, its cell.
     */
    private record Weights(double[][] w1a, double[][] w1s, double[] b1, double[] w2, double b2, double[][] kernel,
            double[] bias, LstmCell cell) {
    }

    /**
     * One example's steps: per encoder step {@code a W1a + b1 (Tx, 10)}; per step {@code t} the tanh layer
     * {@code e (Tx, 10)}, the energies after the relu {@code (Tx)}, the attention weights {@code (Tx)}, the context
     * {@code (2 n_a)}; the LSTM's sequence.
     */
    private record Example(double[][] encoderPart, double[][][] hidden, double[][] energies, double[][] alphas,
            double[][] contexts, LstmCell.Sequence lstm) {
    }

    AttentionDecoderRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The attention weights {@code alpha<t, t'>} of every example, {@code (m, Ty, Tx)}, for {@code a}. */
    INDArray attention(INDArray a) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            Example[] examples = forward(a).examples();
            double[][] rows = Arrays.stream(examples).flatMap(example -> Arrays.stream(example.alphas()))
                    .toArray(double[][]::new);
            return JavaArrays.sequences(rows, examples.length, RNNFormat.NWC, a.dataType());
        }
    }

    @Override
    protected Pass forward(INDArray a) {
        int m = Math.toIntExact(a.size(0)), tx = Math.toIntExact(a.size(1)), features = Math.toIntExact(a.size(2));
        int ty = layerConf().getTy(), u = layerConf().getNS();
        Weights weights = weights(features);
        double[][] rows = JavaArrays.stepRows(a, RNNFormat.NWC);
        Example[] examples = new Example[m];
        IntStream.range(0, m).parallel().forEach(e -> {
            Example example = new Example(new double[tx][], new double[ty][tx][], new double[ty][tx],
                    new double[ty][tx], new double[ty][features], weights.cell().sequence(ty));
            for (int i = 0; i < tx; i++) {                              // a W1a + b1, once for all steps
                example.encoderPart()[i] = weights.b1().clone();
                RowMatrices.addTimes(example.encoderPart()[i], rows[e * tx + i], weights.w1a());
            }
            double[] sW = new double[ATTENTION_UNITS];
            double[] z = new double[4 * u];
            for (int t = 0; t < ty; t++) {
                Arrays.fill(sW, 0);
                RowMatrices.addTimes(sW, example.lstm().states()[t], weights.w1s());   // s_prev W1s
                double[] energies = example.energies()[t];
                for (int i = 0; i < tx; i++) {                          // e, energy = relu(e W2 + b2)
                    double[] hidden = new double[ATTENTION_UNITS];
                    double energy = weights.b2();
                    for (int j = 0; j < ATTENTION_UNITS; j++) {
                        hidden[j] = JavaMath.tanh(example.encoderPart()[i][j] + sW[j]);
                        energy += hidden[j] * weights.w2()[j];
                    }
                    example.hidden()[t][i] = hidden;
                    energies[i] = Math.max(energy, 0);
                }
                double max = Arrays.stream(energies).max().orElseThrow();
                double[] alphas = example.alphas()[t];
                double sum = 0;
                for (int i = 0; i < tx; i++) {                          // softmax over Tx
                    alphas[i] = Math.exp(energies[i] - max);
                    sum += alphas[i];
                }
                double[] context = example.contexts()[t];
                for (int i = 0; i < tx; i++) {                          // context = sum alpha a
                    alphas[i] /= sum;
                    RowMatrices.addScaled(context, alphas[i], rows[e * tx + i]);
                }
                System.arraycopy(weights.bias(), 0, z, 0, z.length);    // context kernel + bias
                RowMatrices.addTimes(z, context, weights.kernel());
                example.lstm().step(t, z);
            }
            examples[e] = example;
        });
        return new Pass(a, rows, weights, examples);
    }

    @Override
    protected INDArray output(Pass pass) {
        return JavaArrays.sequences(states(pass, true), pass.examples().length, RNNFormat.NWC,
                pass.input().dataType());
    }

    /**
     * Back through the ten steps per example: the LSTM's {@code dz}, the context's gradient {@code dz kernel^T},
     * then through the weighted sum, the softmax, the relu and the tanh layer to {@code d(a W1a + b1)} (summed over
     * the steps), {@code d(s_prev W1s)} and {@code d(e W2 + b2)}; the gradient reaching {@code s_prev} goes on to the
     * step before. After the loop, the kernels' gradients as products over the batch.
     */
    @Override
    protected INDArray backward(Pass pass, INDArray epsilon) {
        INDArray a = pass.input();
        DataType type = a.dataType();
        int m = Math.toIntExact(a.size(0)), tx = Math.toIntExact(a.size(1)), features = Math.toIntExact(a.size(2));
        int ty = layerConf().getTy(), u = layerConf().getNS();
        Weights weights = pass.weights();
        double[][] kernelT = RowMatrices.transpose(weights.kernel());
        double[][] w1aT = RowMatrices.transpose(weights.w1a());
        double[][] rows = pass.rows();
        double[][] dStates = JavaArrays.stepRows(epsilon, RNNFormat.NWC);                 // (m Ty, n_s)
        double[][] dz = new double[m * ty][];                                             // (m Ty, 4 n_s)
        double[][] dSW = new double[m * ty][];                                            // d(s_prev W1s)
        double[][] dEncoderPart = new double[m * tx][];                                   // d(a W1a + b1)
        double[][] dA = new double[m * tx][];
        double[][] dDensor2 = new double[m][];                                            // dW2, db2
        IntStream.range(0, m).parallel().forEach(e -> {
            Example example = pass.examples()[e];
            for (int i = 0; i < tx; i++) {
                dEncoderPart[e * tx + i] = new double[ATTENTION_UNITS];
                dA[e * tx + i] = new double[features];
            }
            double[] densor2 = new double[ATTENTION_UNITS + 1];
            double[] dh = new double[u];
            double[] dc = new double[u];
            double[] dAlpha = new double[tx];
            for (int t = ty - 1; t >= 0; t--) {
                int row = e * ty + t;
                RowMatrices.addScaled(dh, 1, dStates[row]);
                dz[row] = new double[4 * u];
                example.lstm().stepBack(t, dh, dc, dz[row]);
                double[] dContext = new double[features];
                RowMatrices.addTimes(dContext, dz[row], kernelT);       // d context = dz kernel^T
                double[] alphas = example.alphas()[t];
                double weighted = 0;
                for (int i = 0; i < tx; i++) {                          // through context = sum alpha a
                    dAlpha[i] = RowMatrices.dot(dContext, rows[e * tx + i]);
                    weighted += alphas[i] * dAlpha[i];
                    RowMatrices.addScaled(dA[e * tx + i], alphas[i], dContext);
                }
                double[] dS = new double[ATTENTION_UNITS];
                for (int i = 0; i < tx; i++) {                          // softmax, relu, e W2 + b2, tanh
                    double dEnergy = example.energies()[t][i] > 0 ? alphas[i] * (dAlpha[i] - weighted) : 0;
                    if (dEnergy != 0) {
                        double[] hidden = example.hidden()[t][i];
                        densor2[ATTENTION_UNITS] += dEnergy;
                        for (int j = 0; j < ATTENTION_UNITS; j++) {
                            densor2[j] += dEnergy * hidden[j];
                            double dPre = dEnergy * weights.w2()[j] * (1 - hidden[j] * hidden[j]);
                            dEncoderPart[e * tx + i][j] += dPre;
                            dS[j] += dPre;
                        }
                    }
                }
                dSW[row] = dS;
                for (int k = 0; k < u; k++) {                           // s_prev's share: d(s_prev W1s) W1s^T
                    dh[k] += RowMatrices.dot(dS, weights.w1s()[k]);
                }
            }
            for (int i = 0; i < tx; i++) {                              // a's share through a W1a
                RowMatrices.addTimes(dA[e * tx + i], dEncoderPart[e * tx + i], w1aT);
            }
            dDensor2[e] = densor2;
        });
        double[][] previous = states(pass, false);                                        // s<0..Ty-1>
        double[][] contexts = Arrays.stream(pass.examples()).flatMap(example -> Arrays.stream(example.contexts()))
                .toArray(double[][]::new);
        assign(AttentionDecoder.LSTM_KERNEL, RowMatrices.transposeTimes(contexts, dz), type);
        assign(AttentionDecoder.LSTM_RECURRENT, RowMatrices.transposeTimes(previous, dz), type);
        assign(AttentionDecoder.LSTM_BIAS, new double[][] {RowMatrices.columnSums(dz)}, type);
        double[][] densor1 = new double[features + u][];
        System.arraycopy(RowMatrices.transposeTimes(rows, dEncoderPart), 0, densor1, 0, features);
        System.arraycopy(RowMatrices.transposeTimes(previous, dSW), 0, densor1, features, u);
        assign(AttentionDecoder.DENSOR1_W, densor1, type);
        assign(AttentionDecoder.DENSOR1_B, new double[][] {RowMatrices.columnSums(dEncoderPart)}, type);
        double[] densor2 = RowMatrices.columnSums(dDensor2);
        assign(AttentionDecoder.DENSOR2_W, RowMatrices.transpose(new double[][] {Arrays.copyOf(densor2,
                ATTENTION_UNITS)}), type);
        assign(AttentionDecoder.DENSOR2_B, new double[][] {{densor2[ATTENTION_UNITS]}}, type);
        return JavaArrays.sequences(dA, m, RNNFormat.NWC, type);
    }

    /** The weights as the loops read them, for inputs of {@code features} (2 n_a). */
    private Weights weights(int features) {
        INDArray w1 = getParam(AttentionDecoder.DENSOR1_W);
        return new Weights(JavaArrays.rows(w1.get(NDArrayIndex.interval(0, features), NDArrayIndex.all())),
                JavaArrays.rows(w1.get(NDArrayIndex.interval(features, w1.size(0)), NDArrayIndex.all())),
                JavaArrays.read(getParam(AttentionDecoder.DENSOR1_B)),
                JavaArrays.read(getParam(AttentionDecoder.DENSOR2_W)),
                getParam(AttentionDecoder.DENSOR2_B).getDouble(0),
                JavaArrays.rows(getParam(AttentionDecoder.LSTM_KERNEL)),
                JavaArrays.read(getParam(AttentionDecoder.LSTM_BIAS)),
                new LstmCell(getParam(AttentionDecoder.LSTM_RECURRENT), layerConf().isHardSigmoidGates()));
    }

    private void assign(String key, double[][] gradient, DataType type) {
        gradientViews.get(key).assign(JavaArrays.matrix(gradient, type));
    }

    /** The decoder's states, {@code s<1..Ty>} ({@code after}) or {@code s<0..Ty-1>}, as rows {@code (m Ty, n_s)}. */
    private static double[][] states(Pass pass, boolean after) {
        return LstmCell.states(Arrays.stream(pass.examples()).map(Example::lstm).toArray(LstmCell.Sequence[]::new),
                after);
    }
}
