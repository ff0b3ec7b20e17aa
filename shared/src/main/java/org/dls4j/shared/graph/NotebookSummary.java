package org.dls4j.shared.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * The notebooks' {@code summary(model)} (their {@code test_utils.py}) for a DL4J graph configuration, one line per
 * layer as Python prints the notebook's list: Keras' class name, the output shape channels last with the batch as
 * {@code None}, the parameter count, and for a {@code Conv2D} its padding, activation and initializer, for a
 * {@code MaxPooling2D} its pool size, for a {@code Dropout} its rate, for a {@code Dense} its activation:
 * <pre>
 * ['InputLayer', [(None, 96, 128, 3)], 0]
 * ['Conv2D', (None, 96, 128, 32), 896, 'same', 'relu', 'HeNormal']
 * ['MaxPooling2D', (None, 48, 64, 32), 0, (2, 2)]
 * </pre>
 * The inputs come first, then the vertices in the order they were added. Shapes come from the configuration's
 * input types and parameters from the layers' initializers, so nothing is allocated or run: a layer of nine million
 * weights costs nothing. DL4J layers without a Keras twin keep their own class name.
 */
public final class NotebookSummary {

    private NotebookSummary() {
    }

    /** The lines of {@code conf} whose inputs have the types {@code inputs}, in the order of its inputs. */
    public static List<String> of(ComputationGraphConfiguration conf, InputType... inputs) {
        Map<String, InputType> types = conf.getLayerActivationTypes(inputs);
        List<String> lines = new ArrayList<>();
        for (InputType input : inputs) {
            lines.add("['InputLayer', [" + shape(input) + "], 0]");
        }
        for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
            lines.add(line(entry.getValue(), types.get(entry.getKey())));
        }
        return lines;
    }

    private static String line(GraphVertex vertex, InputType output) {
        String shape = shape(output);
        if (vertex instanceof MergeVertex) {
            return "['Concatenate', " + shape + ", 0]";
        }
        if (!(vertex instanceof LayerVertex layerVertex)) {
            return "['" + vertex.getClass().getSimpleName() + "', " + shape + ", 0]";
        }
        NeuralNetConfiguration conf = layerVertex.getLayerConf();
        Layer layer = conf.getLayer();
        long params = layer.initializer().numParams(conf);
        String start = "['%s', " + shape + ", " + params;
        if (layer instanceof Deconvolution2D) {
            return start.formatted("Conv2DTranspose") + "]";
        }
        if (layer instanceof ConvolutionLayer conv) {
            return start.formatted("Conv2D") + ", '" + padding(conv.getConvolutionMode()) + "', '"
                    + activation(conv.getActivationFn()) + "', '" + initializer(conv.getWeightInitFn()) + "']";
        }
        if (layer instanceof SubsamplingLayer pool) {
            String type = pool.getPoolingType() == PoolingType.MAX ? "MaxPooling2D" : "AveragePooling2D";
            int[] k = pool.getKernelSize();
            int[] s = pool.getStride();
            String strides = s[0] == k[0] && s[1] == k[1] ? "" : ", strides (" + s[0] + ", " + s[1] + ")";
            return start.formatted(type) + ", (" + k[0] + ", " + k[1] + ")" + strides + "]";
        }
        if (layer instanceof DropoutLayer) {
            return start.formatted("Dropout") + ", " + rate(layer) + "]";
        }
        if (layer instanceof GlobalPoolingLayer pool) {
            return start.formatted(pool.getPoolingType() == PoolingType.MAX ? "GlobalMaxPooling2D"
                    : "GlobalAveragePooling2D") + "]";
        }
        if (layer instanceof DenseLayer || layer instanceof OutputLayer) {
            return start.formatted("Dense") + ", '" + activation(((BaseLayer) layer).getActivationFn()) + "']";
        }
        String type = layer.getClass().getSimpleName();
        return layer instanceof BaseLayer base ? start.formatted(type) + ", '" + activation(base.getActivationFn())
                + "']" : start.formatted(type) + "]";
    }

    /** {@code (None, h, w, c)} for pictures, {@code (None, n)} for vectors, {@code (None, t, n)} for sequences. */
    static String shape(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return "(None, " + c.getHeight() + ", " + c.getWidth() + ", " + c.getChannels() + ")";
        }
        if (type instanceof InputType.InputTypeRecurrent r) {
            return "(None, " + (r.getTimeSeriesLength() > 0 ? r.getTimeSeriesLength() : "None") + ", " + r.getSize()
                    + ")";
        }
        if (type instanceof InputType.InputTypeFeedForward f) {
            return "(None, " + f.getSize() + ")";
        }
        return String.valueOf(type);
    }

    private static String padding(ConvolutionMode mode) {
        return mode == ConvolutionMode.Same ? "same" : "valid";
    }

    private static String activation(IActivation fn) {
        if (fn instanceof ActivationReLU) {
            return "relu";
        }
        if (fn instanceof ActivationIdentity) {
            return "linear";
        }
        if (fn instanceof ActivationSigmoid) {
            return "sigmoid";
        }
        if (fn instanceof ActivationSoftmax) {
            return "softmax";
        }
        return String.valueOf(fn);
    }

    /** Keras' initializer class: {@code he_normal} is DL4J's RELU init, {@code glorot_uniform} its XAVIER_UNIFORM. */
    private static String initializer(IWeightInit init) {
        if (init instanceof WeightInitRelu) {
            return "HeNormal";
        }
        if (init instanceof WeightInitXavierUniform) {
            return "GlorotUniform";
        }
        if (init instanceof WeightInitXavier) {
            return "GlorotNormal";
        }
        return init == null ? "None" : init.getClass().getSimpleName();
    }

    /** Keras' {@code Dropout(rate)}, the fraction dropped: DL4J keeps {@code p}, so the rate is {@code 1 - p}. */
    private static String rate(Layer layer) {
        if (!(layer.getIDropout() instanceof Dropout dropout)) {
            return "None";
        }
        return Double.toString(Math.round((1 - dropout.getP()) * 1e9) / 1e9);
    }
}
