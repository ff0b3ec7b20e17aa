package org.dls4j.shared.graph;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.Map;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization for DL4J's {@code BatchNormalization} layer in two passes over the data each way, written as
 * plain Java loops over the float32 buffers, one channel per task. DL4J's own code and libnd4j's oneDNN
 * {@code batchnorm_bp} took 14-18 ms for a (32, 64, 30, 30) batch (forward, statistics and backward); this takes
 * 3.5-4.5 ms, as PyTorch does.
 *
 * <p>With {@code M} values per channel, {@code mu} and {@code var} (biased) their batch mean and variance and
 * {@code s = 1 / sqrt(var + eps)}:
 * <pre>
 * forward (training)   y = gamma * (x - mu) * s + beta                       (inference: the running mu, var)
 * backward             dbeta = sum(dy),  dgamma = s * sum(dy * (x - mu))
 *                      dx = gamma * s * (dy - dbeta / M - (x - mu) * s * dgamma / M)
 * </pre>
 * Each channel's maps are read a run at a time (one picture's H*W values) into a float array, summed with four
 * float accumulators per run and the runs in double. The layer reads the batch mean and variance back
 * ({@link #getMeanCache}, {@link #getVarCache}) to update its running averages, as with DL4J's other helpers. Any
 * layout works: a batch is seen as (outer, channels, inner) with {@code inner} contiguous, that is (N, C, H*W) for
 * NCHW, (N*H*W, C, 1) for NHWC and (N, C, 1) for a dense layer's (N, C); runs of one value (NHWC, dense) are correct
 * but slow, and the project's convolution graphs are NCHW.
 */
final class JavaBatchNormHelper implements BatchNormalizationHelper {

    /** The batch statistics of the last training forward pass, used by the backward pass. */
    private float[] mean;
    private float[] invStd;
    private INDArray meanCache;
    private INDArray varCache;

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
            INDArray runningMean, INDArray runningVar, double decay, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (x.dataType() != DataType.FLOAT) {
            return null;
        }
        Layout l = Layout.of(x, format);
        x = ContiguousArrays.ownBuffer(x);
        float[] g = gamma.toFloatVector();
        float[] b = beta.toFloatVector();
        float[] mu;
        float[] s;
        if (training) {
            mu = new float[l.channels];
            s = new float[l.channels];
            float[] var = new float[l.channels];
            FloatBuffer in = buffer(x);
            IntStream.range(0, l.channels).parallel().forEach(c -> {
                // shifted by the channel's first value: no cancellation when the mean is large against the spread
                float shift = in.get((int) l.start(0, c));
                float[] run = Scratch.first(l.inner);
                double sum = 0;
                double squares = 0;
                for (int o = 0; o < l.outer; o++) {
                    in.get((int) l.start(o, c), run, 0, l.inner);
                    // four float partial sums per run (a run is one picture's map of this channel), then doubles
                    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
                    int k = 0;
                    for (; k + 4 <= l.inner; k += 4) {
                        float d0 = run[k] - shift, d1 = run[k + 1] - shift, d2 = run[k + 2] - shift,
                                d3 = run[k + 3] - shift;
                        s0 += d0;
                        s1 += d1;
                        s2 += d2;
                        s3 += d3;
                        q0 += d0 * d0;
                        q1 += d1 * d1;
                        q2 += d2 * d2;
                        q3 += d3 * d3;
                    }
                    for (; k < l.inner; k++) {
                        float d = run[k] - shift;
                        s0 += d;
                        q0 += d * d;
                    }
                    sum += (double) s0 + s1 + s2 + s3;
                    squares += (double) q0 + q1 + q2 + q3;
                }
                double m = sum / l.count;
                double v = Math.max(0, squares / l.count - m * m);
                mu[c] = (float) (m + shift);
                var[c] = (float) v;
                s[c] = (float) (1 / Math.sqrt(v + eps));
            });
            mean = mu;
            invStd = s;
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.createFromArray(mu);
                varCache = Nd4j.createFromArray(var);
            }
        } else {
            mu = runningMean.toFloatVector();
            float[] var = runningVar.toFloatVector();
            s = new float[l.channels];
            for (int c = 0; c < l.channels; c++) {
                s[c] = (float) (1 / Math.sqrt(var[c] + eps));
            }
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        FloatBuffer in = buffer(x);
        FloatBuffer o = buffer(out);
        IntStream.range(0, l.channels).parallel().forEach(c -> {
            float scale = g[c] * s[c];
            float bias = b[c] - mu[c] * scale;
            float[] run = Scratch.first(l.inner);
            for (int n = 0; n < l.outer; n++) {
                int start = (int) l.start(n, c);
                in.get(start, run, 0, l.inner);
                for (int k = 0; k < l.inner; k++) {
                    run[k] = run[k] * scale + bias;
                }
                o.put(start, run, 0, l.inner);
            }
        });
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
            INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (input.dataType() != DataType.FLOAT || mean == null) {
            return null;
        }
        Layout l = Layout.of(input, format);
        INDArray x = ContiguousArrays.ownBuffer(input);
        INDArray dy = ContiguousArrays.ownBuffer(epsilon);
        float[] g = gamma.toFloatVector();
        float[] dGamma = new float[l.channels];
        float[] dBeta = new float[l.channels];
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        FloatBuffer xBuffer = buffer(x);
        FloatBuffer dyBuffer = buffer(dy);
        FloatBuffer dxBuffer = buffer(dx);
        float[] mu = mean;
        float[] s = invStd;
        double count = l.count;
        IntStream.range(0, l.channels).parallel().forEach(c -> {
            float m = mu[c];
            float[] xs = Scratch.first(l.inner);
            float[] dys = Scratch.second(l.inner);
            double sumDy = 0;
            double sumDyXmu = 0;
            for (int n = 0; n < l.outer; n++) {
                int start = (int) l.start(n, c);
                xBuffer.get(start, xs, 0, l.inner);
                dyBuffer.get(start, dys, 0, l.inner);
                float s0 = 0, s1 = 0, p0 = 0, p1 = 0;
                int k = 0;
                for (; k + 2 <= l.inner; k += 2) {
                    s0 += dys[k];
                    s1 += dys[k + 1];
                    p0 += dys[k] * (xs[k] - m);
                    p1 += dys[k + 1] * (xs[k + 1] - m);
                }
                for (; k < l.inner; k++) {
                    s0 += dys[k];
                    p0 += dys[k] * (xs[k] - m);
                }
                sumDy += (double) s0 + s1;
                sumDyXmu += (double) p0 + p1;
            }
            dBeta[c] = (float) sumDy;
            dGamma[c] = (float) (sumDyXmu * s[c]);
            // dx = a * dy + b * x + c0, per channel
            float a = g[c] * s[c];
            float b = (float) (-a * s[c] * s[c] * sumDyXmu / count);
            float c0 = (float) (-a * sumDy / count) - b * m;
            for (int n = 0; n < l.outer; n++) {
                int start = (int) l.start(n, c);
                xBuffer.get(start, xs, 0, l.inner);
                dyBuffer.get(start, dys, 0, l.inner);
                for (int k = 0; k < l.inner; k++) {
                    dys[k] = a * dys[k] + b * xs[k] + c0;
                }
                dxBuffer.put(start, dys, 0, l.inner);
            }
        });
        dGammaView.assign(Nd4j.createFromArray(dGamma).reshape(dGammaView.shape()));
        dBetaView.assign(Nd4j.createFromArray(dBeta).reshape(dBetaView.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }

    /** Two float arrays per thread, for the runs of one channel (grown to the longest run seen). */
    private static final class Scratch {
        private static final ThreadLocal<float[][]> ARRAYS = ThreadLocal.withInitial(() -> new float[2][0]);

        static float[] first(int length) {
            return of(0, length);
        }

        static float[] second(int length) {
            return of(1, length);
        }

        private static float[] of(int which, int length) {
            float[][] arrays = ARRAYS.get();
            if (arrays[which].length < length) {
                arrays[which] = new float[length];
            }
            return arrays[which];
        }
    }

    /** The floats of {@code array}, from its first element ({@link ContiguousArrays#ownBuffer} made it start there). */
    private static FloatBuffer buffer(INDArray array) {
        return array.data().asNioFloat();
    }

    /** A C-order batch seen as (outer, channels, inner): element (o, c, k) at {@code (o*channels + c)*inner + k}. */
    private record Layout(int outer, int channels, int inner, long count) {

        static Layout of(INDArray x, CNN2DFormat format) {
            long[] s = x.shape();
            if (x.rank() == 2) {
                return new Layout((int) s[0], (int) s[1], 1, s[0]);
            }
            if (x.rank() != 4) {
                throw new IllegalArgumentException("batch normalization of a rank-" + x.rank() + " array");
            }
            if (format == CNN2DFormat.NHWC) {
                return new Layout((int) (s[0] * s[1] * s[2]), (int) s[3], 1, s[0] * s[1] * s[2]);
            }
            return new Layout((int) s[0], (int) s[1], (int) (s[2] * s[3]), s[0] * s[2] * s[3]);
        }

        long start(int o, int c) {
            return ((long) o * channels + c) * inner;
        }
    }
}
