package org.dls4j.shared.graph;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The layer object of {@link RnnSoftmaxOutputLayer}: {@code p<t> = softmax(x<t> W + b)} for every step of every
 * example, the loss {@code -sum(y log p)} (DL4J's {@code LossMCXENT}: probabilities clipped into
 * {@code [eps, 1 - eps]} for the logarithm, the sum over examples and steps, divided by the number of examples in
 * mini-batch mode) and its gradients ({@code dz = p - y}, {@code dW = x^T dz}, {@code db = sum dz},
 * {@code dx = dz W^T}), in float64 Java loops over the parameters read once per pass. A backward pass keeps its
 * forward pass for the score DL4J asks for next on the same input and labels.
 */
public final class RnnSoftmaxOutputLayerRuntime extends RnnOutputLayer {

    /** One forward pass: the input it read, {@code x (m, n_in, T)} and {@code p (m, n_out, T)}, row-major. */
    private record Pass(INDArray input, double[] x, double[] p, int m, int nIn, int nOut, int steps) {
    }

    /** The last backward pass's forward pass, the labels it read and their values, for the score asked next. */
    private Pass lastPass;
    private INDArray lastPassLabels;
    private double[] lastPassY;

    RnnSoftmaxOutputLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        Pass pass = forward(input);
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {pass.m(), pass.nOut(), pass.steps()}, 'c');
        JavaArrays.write(pass.p(), output);
        return output;
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (input == null || labels == null) {
            throw new IllegalStateException("Cannot calculate score without input and labels " + layerId());
        }
        boolean kept = lastPass != null && lastPass.input() == input && lastPassLabels == labels;
        Pass pass = kept ? lastPass : forward(input);
        double[] y = kept ? lastPassY : labels(pass);
        lastPass = null;
        lastPassLabels = null;
        lastPassY = null;
        double eps = ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
        double[] p = pass.p();
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            if (y[k] != 0) {
                double pk = eps > 0 ? Math.min(Math.max(p[k], eps), 1 - eps) : p[k];
                sum += Math.log(pk) * y[k];
            }
        }
        double score = -sum + fullNetRegTerm;
        if (conf().isMiniBatch()) {
            score /= getInputMiniBatchSize();
        }
        this.score = score;
        return score;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        applyDropOutIfNecessary(true, workspaceMgr);
        Pass pass = forward(input);
        double[] y = labels(pass);
        lastPass = pass;
        lastPassLabels = labels;
        lastPassY = y;
        int m = pass.m(), nIn = pass.nIn(), nOut = pass.nOut(), steps = pass.steps();
        double[] params = JavaArrays.read(params());
        double[] x = pass.x();
        double[] dz = pass.p().clone();
        for (int k = 0; k < dz.length; k++) {
            dz[k] -= y[k];
        }
        // W is (n_in, n_out) in column-major order at the start of the layer's parameters, b follows it
        int biasAt = nIn * nOut;
        double[] grads = new double[params.length];
        double[] dx = new double[m * nIn * steps];
        for (int e = 0; e < m; e++) {
            int xAt = e * nIn * steps, zAt = e * nOut * steps;
            for (int o = 0; o < nOut; o++) {
                int column = o * nIn, zRow = zAt + o * steps;
                double db = 0;
                for (int t = 0; t < steps; t++) {
                    db += dz[zRow + t];
                }
                grads[biasAt + o] += db;
                for (int i = 0; i < nIn; i++) {
                    int xRow = xAt + i * steps;
                    double w = params[column + i];
                    double dw = 0;
                    for (int t = 0; t < steps; t++) {
                        double d = dz[zRow + t];
                        dw += x[xRow + t] * d;
                        dx[xRow + t] += w * d;
                    }
                    grads[column + i] += dw;
                }
            }
        }
        JavaArrays.write(grads, gradientsFlattened);
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : new String[] {DefaultParamInitializer.WEIGHT_KEY, DefaultParamInitializer.BIAS_KEY}) {
            gradient.setGradientFor(key, gradientViews.get(key));
        }
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape(), 'c');
        JavaArrays.write(dx, inputGradient);
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }

    /** The forward pass on {@code input (m, n_in, T)}: every step's softmax, row-major {@code (m, n_out, T)}. */
    private Pass forward(INDArray input) {
        requireSupported(input);
        int m = Math.toIntExact(input.size(0)), nIn = Math.toIntExact(input.size(1));
        int steps = Math.toIntExact(input.size(2)), nOut = Math.toIntExact(layerConf().getNOut());
        double[] params = JavaArrays.read(params());
        double[] x = JavaArrays.read(input);
        double[] p = new double[m * nOut * steps];
        int biasAt = nIn * nOut;
        double[] z = new double[nOut];
        for (int e = 0; e < m; e++) {
            int xAt = e * nIn * steps, pAt = e * nOut * steps;
            for (int t = 0; t < steps; t++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int o = 0; o < nOut; o++) {
                    int column = o * nIn;
                    double s = params[biasAt + o];
                    for (int i = 0; i < nIn; i++) {
                        s += x[xAt + i * steps + t] * params[column + i];
                    }
                    z[o] = s;
                    max = Math.max(max, s);
                }
                double total = 0;
                for (int o = 0; o < nOut; o++) {
                    z[o] = Math.exp(z[o] - max);
                    total += z[o];
                }
                for (int o = 0; o < nOut; o++) {
                    p[pAt + o * steps + t] = z[o] / total;
                }
            }
        }
        return new Pass(input, x, p, m, nIn, nOut, steps);
    }

    /** The labels, row-major {@code (m, n_out, T)} as {@code pass}'s output. */
    private double[] labels(Pass pass) {
        long[] expected = {pass.m(), pass.nOut(), pass.steps()};
        if (labels == null || !Arrays.equals(labels.shape(), expected)) {
            throw new IllegalArgumentException("The labels of " + layerId() + " have shape "
                    + (labels == null ? "none" : Arrays.toString(labels.shape())) + "; expected "
                    + Arrays.toString(expected) + " (examples, classes, steps)");
        }
        return JavaArrays.read(labels);
    }

    private void requireSupported(INDArray input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("The input of " + layerId() + " has shape "
                    + Arrays.toString(input.shape()) + "; expected (examples, " + layerConf().getNIn() + ", steps)");
        }
        if (maskArray != null) {
            throw new UnsupportedOperationException(layerId() + " takes no mask: every step of every example counts.");
        }
        var conf = layerConf();
        if (conf.getRnnDataFormat() != RNNFormat.NCW || !(conf.getActivationFn() instanceof ActivationSoftmax)
                || !(conf.getLossFn() instanceof LossMCXENT loss) || loss.getWeights() != null
                || !conf.hasBias()) {
            throw new IllegalStateException(layerId() + " computes a softmax with unweighted MCXENT over NCW"
                    + " sequences with a bias; configured: " + conf);
        }
    }
}
