package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ActivationFunction functions and their backward steps, as {@code dnn_utils.py} writes them. Each method returns a new
 * array; the {@code ...InPlace} variants overwrite their first argument, for the training loop.
 *
 * <p>Notebook conventions kept: {@code relu_backward} zeroes {@code dA} where {@code Z <= 0} (derivative 0 at 0);
 * {@code sigmoid_backward} recomputes {@code s = sigmoid(Z)} and multiplies in the order {@code (dA * s) * (1 - s)}.
 */
public final class Activations {

    private Activations() {
    }

    /** {@code A = 1 / (1 + np.exp(-Z))}. */
    public static INDArray sigmoid(INDArray z) {
        // np: 1/(1+np.exp(-Z))   (ND4J's sigmoid kernel evaluates the same expression)
        return Transforms.sigmoid(z, true);
    }

    /** {@code A = np.maximum(0, Z)}. */
    public static INDArray relu(INDArray z) {
        // np.maximum(0, Z)
        return Transforms.relu(z, true);
    }

    /**
     * {@code A = np.tanh(Z)}, element by element with Java's {@code Math.tanh}: ND4J's tanh kernel is 1-3 ulps off
     * numpy's {@code np.tanh} (e.g. tanh(3) = 0.9950547536867306 instead of ...305), Java's matches it, and the
     * Course 1 week 3 run at learning rate 1.2 amplifies such bits.
     */
    public static INDArray tanh(INDArray z) {
        return tanhInPlace(z.dup('c'));
    }

    /** In place: {@code z = sigmoid(z)}; returns {@code z}. */
    public static INDArray sigmoidInPlace(INDArray z) {
        return Transforms.sigmoid(z, false);
    }

    /** In place: {@code z = max(0, z)}; returns {@code z}. */
    public static INDArray reluInPlace(INDArray z) {
        return Transforms.relu(z, false);
    }

    /** In place: {@code z = tanh(z)} (numpy's values, see {@link #tanh}); returns {@code z}. */
    public static INDArray tanhInPlace(INDArray z) {
        INDArray c = z.ordering() == 'c' && !z.isView() ? z : z.dup('c');
        double[] v = c.data().asDouble();
        for (int i = 0; i < v.length; i++) {
            // np.tanh(Z)
            v[i] = Math.tanh(v[i]);
        }
        z.assign(Nd4j.create(v, z.shape(), 'c'));
        return z;
    }

    /** {@code relu_backward(dA, Z)}: {@code dZ = np.array(dA, copy=True); dZ[Z <= 0] = 0}. */
    public static INDArray reluBackward(INDArray dA, INDArray z) {
        Shapes.requireSameShape(z, "Z", dA, "dA");
        return reluBackwardInto(dA, z, dA.ulike());
    }

    /**
     * {@code relu_backward} into {@code out} (which may be {@code dA} itself): {@code out = dA} where {@code Z > 0},
     * else 0. {@code A = relu(Z)} may be passed for {@code Z}: {@code A > 0} exactly where {@code Z > 0}.
     */
    public static INDArray reluBackwardInto(INDArray dA, INDArray z, INDArray out) {
        // dZ = np.array(dA, copy=True); dZ[Z <= 0] = 0
        Nd4j.exec(new ThresholdReluBp(z, dA, out, 0.0));
        return out;
    }

    /** {@code sigmoid_backward(dA, Z)}: {@code s = 1/(1+np.exp(-Z)); dZ = dA * s * (1-s)}. */
    public static INDArray sigmoidBackward(INDArray dA, INDArray z) {
        Shapes.requireSameShape(z, "Z", dA, "dA");
        // s = 1/(1+np.exp(-Z))
        INDArray s = sigmoid(z);
        // dZ = dA * s * (1-s)
        return dA.mul(s).muli(s.rsub(1.0));
    }

    /** {@code tanh} backward (Course 1 week 3): {@code dZ = dA * (1 - np.power(np.tanh(Z), 2))}. */
    public static INDArray tanhBackward(INDArray dA, INDArray z) {
        Shapes.requireSameShape(z, "Z", dA, "dA");
        // t = np.tanh(Z)
        INDArray t = tanh(z);
        // dZ = dA * (1 - np.power(t, 2))
        return dA.mul(t.muli(t).rsubi(1.0));
    }
}
