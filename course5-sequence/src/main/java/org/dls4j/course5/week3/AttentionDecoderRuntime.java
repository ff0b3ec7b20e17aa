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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer object of {@link AttentionDecoder}. The products with {@code a} that do not depend on the step (its half
 * of {@code densor1}, forward; that half's gradient and the gradient through it, backward) and the kernels'
 * gradients summed over all steps are ND4J matrix products over the batch; the ten steps run per example in float64
 * Java loops, the examples of a batch in parallel, forward and back through time by hand.
 */
final class AttentionDecoderRuntime extends JavaLayerRuntime<AttentionDecoder, AttentionDecoderRuntime.Pass> {

    /**
     * One batch forward: {@code rows (m Tx, 2 n_a)} the encoder's steps, example-major, as given and as Java arrays
     * ({@code values}, one per step); the weights it ran with; each example's steps.
     */
    record Pass(INDArray input, INDArray rows, double[][] values, Weights weights, Example[] examples)
            implements JavaLayerRuntime.Pass {
    }

    /**
     * The layer's weights as the loops read them: {@code densor1}'s half for {@code s}, {@code W1s (n_s, 10)};
     * {@code densor2}'s {@code w2 (10)} and {@code b2}; the LSTM's {@code kernel (2 n_a, 4 n_s)} by rows and by
     * columns, its bias, its cell. (Products run on rows from index 0, which the JIT vectorizes: {@link LstmCell}.)
     */
    private record Weights(double[] w1s, double[] w2, double b2, double[][] kernel, double[][] kernelT,
            double[] bias, LstmCell cell) {
    }

    /**
     * One example's steps: per step {@code t} the tanh layer {@code e (Tx, 10)}, the energies after the relu
     * {@code (Tx)}, the attention weights {@code (Tx)}, the context {@code (2 n_a)}; the LSTM's sequence.
     */
    private record Example(double[] hidden, double[] energies, double[] alphas, double[] contexts,
            LstmCell.Sequence lstm) {
    }

    AttentionDecoderRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The attention weights {@code alpha<t, t'>} of every example, {@code (m, Ty, Tx)}, for {@code a}. */
    INDArray attention(INDArray a) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            Pass pass = forward(a);
            int tx = Math.toIntExact(a.size(1));
            double[][] alphas = Arrays.stream(pass.examples()).map(Example::alphas).toArray(double[][]::new);
            return JavaArrays.sequences(JavaArrays.stack(alphas, 0, alphas[0].length, tx, a.dataType()),
                    alphas.length, RNNFormat.NWC);
        }
    }

    @Override
    protected Pass forward(INDArray a) {
        DataType type = a.dataType();
        int m = Math.toIntExact(a.size(0)), tx = Math.toIntExact(a.size(1)), features = Math.toIntExact(a.size(2));
        int ty = layerConf().getTy(), u = layerConf().getNS(), units = ATTENTION_UNITS;
        Weights weights = weights(features);
        INDArray rows = JavaArrays.rows(a, RNNFormat.NWC);
        double[][] values = JavaArrays.rows(rows);
        // a W1[:2n_a] + b1 for every encoder step, once: (m Tx, 10)
        double[] encoderPart = JavaArrays.read(rows.mmul(densor1(features, true).castTo(type))
                .addiRowVector(getParam(AttentionDecoder.DENSOR1_B).castTo(type)));
        Example[] examples = new Example[m];
        IntStream.range(0, m).parallel().forEach(e -> {
            Example example = new Example(new double[ty * tx * units], new double[ty * tx], new double[ty * tx],
                    new double[ty * features], weights.cell().sequence(ty));
            double[] sW = new double[units];
            double[] context = new double[features];
            double[] z = new double[4 * u];
            for (int t = 0; t < ty; t++) {
                double[] states = example.lstm().states();
                Arrays.fill(sW, 0);
                for (int k = 0; k < u; k++) {                          // s_prev W1[2n_a:]
                    double s = states[t * u + k];
                    for (int j = 0; j < units; j++) {
                        sW[j] += s * weights.w1s()[k * units + j];
                    }
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < tx; i++) {                          // e, energy = relu(e W2 + b2)
                    double energy = weights.b2();
                    for (int j = 0; j < units; j++) {
                        double h = JavaMath.tanh(encoderPart[(e * tx + i) * units + j] + sW[j]);
                        example.hidden()[(t * tx + i) * units + j] = h;
                        energy += h * weights.w2()[j];
                    }
                    energy = Math.max(energy, 0);
                    example.energies()[t * tx + i] = energy;
                    max = Math.max(max, energy);
                }
                double sum = 0;
                for (int i = 0; i < tx; i++) {                          // softmax over Tx
                    double exp = Math.exp(example.energies()[t * tx + i] - max);
                    example.alphas()[t * tx + i] = exp;
                    sum += exp;
                }
                Arrays.fill(context, 0);
                for (int i = 0; i < tx; i++) {                          // context = sum alpha a
                    double alpha = example.alphas()[t * tx + i] / sum;
                    example.alphas()[t * tx + i] = alpha;
                    double[] step = values[e * tx + i];
                    for (int f = 0; f < context.length; f++) {
                        context[f] += alpha * step[f];
                    }
                }
                System.arraycopy(context, 0, example.contexts(), t * features, features);
                System.arraycopy(weights.bias(), 0, z, 0, 4 * u);      // context kernel + bias
                for (int f = 0; f < features; f++) {
                    double c = context[f];
                    double[] row = weights.kernel()[f];
                    for (int j = 0; j < z.length; j++) {
                        z[j] += c * row[j];
                    }
                }
                example.lstm().step(t, z, 0);
            }
            examples[e] = example;
        });
        return new Pass(a, rows, values, weights, examples);
    }

    @Override
    protected INDArray output(Pass pass) {
        int ty = layerConf().getTy(), u = layerConf().getNS();
        return JavaArrays.sequences(JavaArrays.stack(states(pass), u, ty * u, u, pass.input().dataType()),
                pass.examples().length, RNNFormat.NWC);
    }

    /**
     * Back through the ten steps per example: the LSTM's {@code dz}, the context's gradient {@code dz kernel^T},
     * then through the weighted sum, the softmax, the relu and the tanh layer to {@code d(a W1a)} (summed over the
     * steps), {@code d(s_prev W1s)} and {@code d(e W2)}; the gradient reaching {@code s_prev} goes on to the step
     * before. After the loop, matrix products over the batch for the kernels' gradients and the gradient through
     * {@code a W1a}.
     */
    @Override
    protected INDArray backward(Pass pass, INDArray epsilon) {
        INDArray a = pass.input();
        DataType type = a.dataType();
        int m = Math.toIntExact(a.size(0)), tx = Math.toIntExact(a.size(1)), features = Math.toIntExact(a.size(2));
        int ty = layerConf().getTy(), u = layerConf().getNS(), units = ATTENTION_UNITS;
        Weights weights = pass.weights();
        double[][] values = pass.values();
        double[] dStates = JavaArrays.read(JavaArrays.rows(epsilon, RNNFormat.NWC));     // (m Ty, n_s)
        double[] dz = new double[m * ty * 4 * u];                                         // (m Ty, 4 n_s)
        double[] dSW = new double[m * ty * units];                                        // d(s_prev W1s), (m Ty, 10)
        double[] dEncoderPart = new double[m * tx * units];                               // d(a W1a + b1), (m Tx, 10)
        double[][] dA = new double[m * tx][features];                                     // through the contexts
        double[][] dDensor2 = new double[m][units + 1];                                   // dW2, db2 per example
        IntStream.range(0, m).parallel().forEach(e -> {
            Example example = pass.examples()[e];
            double[] dh = new double[u];
            double[] dc = new double[u];
            double[] dContext = new double[features];
            double[] dAlpha = new double[tx];
            double[] dzStep = new double[4 * u];
            for (int t = ty - 1; t >= 0; t--) {
                int row = e * ty + t;
                for (int k = 0; k < u; k++) {
                    dh[k] += dStates[row * u + k];
                }
                example.lstm().stepBack(t, dh, dc, dz, row * 4 * u);
                System.arraycopy(dz, row * 4 * u, dzStep, 0, 4 * u);
                Arrays.fill(dContext, 0);
                for (int j = 0; j < dzStep.length; j++) {               // d context = dz kernel^T
                    double d = dzStep[j];
                    if (d != 0) {
                        double[] column = weights.kernelT()[j];
                        for (int f = 0; f < dContext.length; f++) {
                            dContext[f] += d * column[f];
                        }
                    }
                }
                double weighted = 0;
                for (int i = 0; i < tx; i++) {                          // through context = sum alpha a
                    double[] step = values[e * tx + i];
                    double[] dStep = dA[e * tx + i];
                    double alpha = example.alphas()[t * tx + i];
                    double d = 0;
                    for (int f = 0; f < dContext.length; f++) {
                        d += dContext[f] * step[f];
                    }
                    for (int f = 0; f < dContext.length; f++) {
                        dStep[f] += alpha * dContext[f];
                    }
                    dAlpha[i] = d;
                    weighted += alpha * d;
                }
                for (int i = 0; i < tx; i++) {                          // softmax, relu, e W2 + b2, tanh
                    int step = t * tx + i;
                    double dEnergy = example.energies()[step] > 0
                            ? example.alphas()[step] * (dAlpha[i] - weighted) : 0;
                    if (dEnergy == 0) {
                        continue;
                    }
                    dDensor2[e][units] += dEnergy;
                    for (int j = 0; j < units; j++) {
                        double h = example.hidden()[step * units + j];
                        dDensor2[e][j] += dEnergy * h;
                        double dPre = dEnergy * weights.w2()[j] * (1 - h * h);
                        dEncoderPart[(e * tx + i) * units + j] += dPre;
                        dSW[row * units + j] += dPre;
                    }
                }
                for (int k = 0; k < u; k++) {                           // s_prev's share: d(s_prev W1s) W1s^T
                    double d = 0;
                    for (int j = 0; j < units; j++) {
                        d += dSW[row * units + j] * weights.w1s()[k * units + j];
                    }
                    dh[k] += d;
                }
            }
        });
        INDArray dzRows = JavaArrays.matrix(dz, (long) m * ty, 4L * u, type);
        INDArray previous = JavaArrays.stack(states(pass), 0, ty * u, u, type);           // s<0..Ty-1>, (m Ty, n_s)
        double[][] contexts = Arrays.stream(pass.examples()).map(Example::contexts).toArray(double[][]::new);
        gradientViews.get(AttentionDecoder.LSTM_KERNEL).assign(JavaArrays.stack(contexts, 0, ty * features, features,
                type).transpose().mmul(dzRows));
        gradientViews.get(AttentionDecoder.LSTM_RECURRENT).assign(previous.transpose().mmul(dzRows));
        gradientViews.get(AttentionDecoder.LSTM_BIAS).assign(dzRows.sum(true, 0));
        INDArray dEncoderRows = JavaArrays.matrix(dEncoderPart, (long) m * tx, units, type);
        INDArray dDensor1 = gradientViews.get(AttentionDecoder.DENSOR1_W);
        dDensor1.get(NDArrayIndex.interval(0, features), NDArrayIndex.all())
                .assign(pass.rows().transpose().mmul(dEncoderRows));
        dDensor1.get(NDArrayIndex.interval(features, features + u), NDArrayIndex.all())
                .assign(previous.transpose().mmul(JavaArrays.matrix(dSW, (long) m * ty, units, type)));
        gradientViews.get(AttentionDecoder.DENSOR1_B).assign(dEncoderRows.sum(true, 0));
        double[] densor2 = new double[units + 1];
        for (double[] example : dDensor2) {
            for (int j = 0; j <= units; j++) {
                densor2[j] += example[j];
            }
        }
        JavaArrays.write(Arrays.copyOf(densor2, units), gradientViews.get(AttentionDecoder.DENSOR2_W));
        gradientViews.get(AttentionDecoder.DENSOR2_B).assign(densor2[units]);
        INDArray dRows = JavaArrays.stack(dA, 0, features, features, type)
                .addi(dEncoderRows.mmul(densor1(features, true).castTo(type).transpose()));
        return JavaArrays.sequences(dRows, m, RNNFormat.NWC);
    }

    /** The weights as the loops read them, for inputs of {@code features} (2 n_a). */
    private Weights weights(int features) {
        INDArray kernel = getParam(AttentionDecoder.LSTM_KERNEL);
        return new Weights(JavaArrays.read(densor1(features, false)),
                JavaArrays.read(getParam(AttentionDecoder.DENSOR2_W)),
                getParam(AttentionDecoder.DENSOR2_B).getDouble(0), JavaArrays.rows(kernel),
                JavaArrays.rows(kernel.transpose()), JavaArrays.read(getParam(AttentionDecoder.LSTM_BIAS)),
                new LstmCell(getParam(AttentionDecoder.LSTM_RECURRENT), layerConf().isHardSigmoidGates()));
    }

    /** {@code densor1}'s rows for {@code a} ({@code forA}, the first {@code features}) or for {@code s_prev}. */
    private INDArray densor1(int features, boolean forA) {
        INDArray w1 = getParam(AttentionDecoder.DENSOR1_W);
        return forA ? w1.get(NDArrayIndex.interval(0, features), NDArrayIndex.all())
                : w1.get(NDArrayIndex.interval(features, w1.size(0)), NDArrayIndex.all());
    }

    private static double[][] states(Pass pass) {
        return Arrays.stream(pass.examples()).map(example -> example.lstm().states()).toArray(double[][]::new);
    }
}
