package org.dls4j.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One DL4J layer object's hand-written backward pass under the loss {@code sum(output * weights)}: its gradients
 * ({@link #pass}) and their check against central differences of that loss ({@link #assertCentralDifferences}),
 * for every element of every parameter and of the input, in float64.
 */
public final class LayerGradients {
    /** The key of the input's gradient. */
    public static final String INPUT = "input";

    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    private LayerGradients() {
    }

    /** A training pass's output and gradients: the parameters' by key, the input's as {@link #INPUT}. */
    public record Pass(INDArray output, Map<String, INDArray> gradients) {
    }

    /** The training forward pass of {@code layer} on {@code x} and the backward pass of the loss. */
    public static Pass pass(Layer layer, INDArray x, INDArray weights) {
        layer.setInput(x, NO_WORKSPACES);
        INDArray output = layer.activate(true, NO_WORKSPACES).dup();
        Pair<Gradient, INDArray> backward = layer.backpropGradient(weights, NO_WORKSPACES);
        Map<String, INDArray> gradients = new HashMap<>();
        backward.getFirst().gradientForVariable().forEach((name, g) -> gradients.put(name, g.dup()));
        gradients.put(INPUT, backward.getSecond().dup());
        return new Pass(output, gradients);
    }

    /** The inference output of {@code layer} on {@code x}. */
    public static INDArray output(Layer layer, INDArray x) {
        layer.setInput(x, NO_WORKSPACES);
        return layer.activate(false, NO_WORKSPACES);
    }

    /**
     * Every element's gradient ({@link #pass}) equals {@code (L(v + 1e-6) - L(v - 1e-6)) / 2e-6} within
     * {@code atol + rtol |numerical|}; returns how many elements were checked.
     */
    public static int assertCentralDifferences(Layer layer, INDArray x, INDArray weights, double atol, double rtol) {
        Map<String, INDArray> gradients = pass(layer, x, weights).gradients();
        Map<String, INDArray> values = new HashMap<>(layer.paramTable());
        values.put(INPUT, x);
        int checked = 0;
        for (Map.Entry<String, INDArray> entry : values.entrySet()) {
            INDArray value = entry.getValue();
            for (int i = 0; i < value.length(); i++) {
                double v = value.getDouble(i);
                value.putScalar(i, v + 1e-6);
                double up = output(layer, x).mul(weights).sumNumber().doubleValue();
                value.putScalar(i, v - 1e-6);
                double down = output(layer, x).mul(weights).sumNumber().doubleValue();
                value.putScalar(i, v);
                double numerical = (up - down) / 2e-6;
                assertEquals(numerical, gradients.get(entry.getKey()).getDouble(i), atol + rtol * Math.abs(numerical),
                        entry.getKey() + "[" + i + "]");
                checked++;
            }
        }
        return checked;
    }
}
