package org.dls4j.shared.graph;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer object of {@link ReluLayer}: {@code max(x, 0)} (libnd4j's {@code relu}) written straight into the output,
 * and {@code dx = dy} where {@code x > 0}, else 0, straight into the input gradient, in Java over chunks on every core
 * (libnd4j's {@code relu_bp} took 2-3 ms for a (32, 256, 15, 15) batch, this 1.2-1.3 ms); the input kept by the layer
 * is what the backward pass reads. Anything the fast path does not cover goes to DL4J's {@code ActivationLayer} code.
 */
final class ReluLayerRuntime extends ActivationLayer {

    /** 64 KiB of floats a chunk: two scratch arrays of them stay in a core's L2 cache. */
    private static final int CHUNK = 16_384;
    private static final ThreadLocal<float[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new float[][] {new float[CHUNK], new float[CHUNK]});

    /** The batch normalization helper that applies this RELU in training passes, or null. */
    private OneDnnBatchNormHelper fusedInto;
    /** Whether the last forward pass handed its input on as it was (the RELU already applied). */
    private boolean passedOn;
    /** The gradient the last such backward pass received, and the one it passed on (the same values). */
    private INDArray lastGradientIn;
    private INDArray lastGradientOut;

    ReluLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The batch normalization helper feeding this layer alone that applies the RELU (null: none). */
    void fuseInto(OneDnnBatchNormHelper helper) {
        fusedInto = helper;
    }

    /** The helper that applies this layer's RELU, or null. */
    OneDnnBatchNormHelper fusedInto() {
        return fusedInto;
    }

    /** The gradient this layer received, when {@code passedOn} is what it passed on for it unchanged; else null. */
    INDArray gradientSourceOf(INDArray passedOn) {
        return passedOn != null && passedOn == lastGradientOut ? lastGradientIn : null;
    }

    /** float32, no dropout on this layer, and the fast path on. */
    private boolean fast() {
        return input != null && input.dataType() == DataType.FLOAT && layerConf().getIDropout() == null
                && FastPath.enabled();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        passedOn = false;
        if (!fast()) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        if (fusedInto != null && fusedInto.isReluOutput(input)) {
            passedOn = true;
            // fit keeps every activation in one workspace (no copy); output(train=true) alternates them (a copy)
            return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, input.shape(), 'c');
        Nd4j.exec(new RectifiedLinear(input, out, 0.0));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fast()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        if (passedOn) {
            // the batch norm's backward pass applies the mask; DL4J wants each layer's gradient in its own workspace
            lastGradientIn = epsilon;
            lastGradientOut = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, epsilon);
            return new Pair<>(new DefaultGradient(), lastGradientOut);
        }
        INDArray x = ContiguousArrays.ownBuffer(input);
        INDArray dy = ContiguousArrays.ownBuffer(epsilon);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        FloatBuffer xs = x.data().asNioFloat();
        FloatBuffer dys = dy.data().asNioFloat();
        FloatBuffer dxs = dx.data().asNioFloat();
        int n = Math.toIntExact(x.length());
        IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
            float[][] scratch = SCRATCH.get();
            float[] xc = scratch[0];
            float[] g = scratch[1];
            int start = chunk * CHUNK;
            int length = Math.min(CHUNK, n - start);
            xs.get(start, xc, 0, length);
            dys.get(start, g, 0, length);
            for (int i = 0; i < length; i++) {
                // 1 where x > 0 (its bits a positive int), else 0, without a branch: x's sign is random, a branch
                // mispredicts half the time (a select took 3x libnd4j's relu_bp, this one half of it)
                int bits = Float.floatToRawIntBits(xc[i]);
                g[i] *= ((-bits) >>> 31) & ~(bits >>> 31);
            }
            dxs.put(start, g, 0, length);
        });
        return new Pair<>(new DefaultGradient(), dx);
    }
}
