package org.dls4j.shared.graph;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The fast path of DL4J's convolution and batch normalization layers: both on oneDNN.
 *
 * <p>DL4J 1.0.0-M2.1 computes a {@code ConvolutionLayer} with im2col and GEMM calls made from Java, 7x slower here
 * than oneDNN, and batch normalization in a dozen array operations, 4x slower than PyTorch. Its layers can hand the
 * work to a "helper", but M2.1 never creates one: helper creation is disabled by default
 * ({@code org.eclipse.deeplearning4j.helpers.disable}), the oneDNN helpers' support check looks for a class that M2
 * moved, and switched on they would hand oneDNN permuted NHWC views that it misreads. {@link #install} instead puts a
 * helper into each float32 layer of a network: {@link OneDnnConvolutionHelper} into every {@code ConvolutionLayer}
 * (oneDNN primitives called directly, made once per layer and kept, see {@link DnnlConvolution}),
 * {@link OneDnnBatchNormHelper} (oneDNN's batch norm in its channel-blocked layout) into every
 * {@code BatchNormalization}, which also applies the RELU of a {@link ReluLayer} that alone reads it. It does so
 * when ND4J's native library was built with oneDNN (the {@code linux-x86_64-onednn} classifier, the project's default
 * there) and the system property {@value #PROPERTY} is not {@code false}, which keeps DL4J's own code for
 * comparison. float64 layers always keep it. {@link ReluLayer} reads the same switch.
 *
 * <p>A layer's helper lives in the layer object, which DL4J makes anew on {@code init()}, {@code clone()}, a restore
 * and a transfer-learning rebuild: {@link Graphs} installs the helpers at each of these.
 */
public final class FastPath {

    /** {@code -Ddls.onednn=false} keeps DL4J's own layer code, for comparison. */
    public static final String PROPERTY = "dls.onednn";

    private static volatile Boolean built;

    private FastPath() {
    }

    /** Whether ND4J's native library was built with oneDNN ({@code HAVE_ONEDNN} in its build information). */
    public static boolean oneDnnBuilt() {
        if (built == null) {
            Nd4j.getExecutioner(); // loads the backend, which the native build information needs
            String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            built = info != null && info.contains("HAVE_ONEDNN");
        }
        return built;
    }

    /** Whether {@link #install} installs anything: oneDNN is in the build and {@value #PROPERTY} is not false. */
    public static boolean enabled() {
        return oneDnnBuilt() && !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /** For the start-up banner: which code DL4J's convolution and batch normalization layers run. */
    public static String describe() {
        if (!oneDnnBuilt()) {
            return "DL4J convolutions: DL4J's own code (this ND4J build has no oneDNN)";
        }
        return enabled() ? "DL4J convolutions: oneDNN, batch norm: oneDNN"
                : "DL4J convolutions: DL4J's own code (-D" + PROPERTY + "=false)";
    }

    /** Installs the helpers into {@code graph}'s layers; returns how many it installed. */
    public static int install(ComputationGraph graph) {
        return install(graph, Set.of());
    }

    /**
     * {@link #install(ComputationGraph)}, with the convolution layers fed by the network's inputs leaving out the
     * gradient with respect to those inputs (see {@link Graphs#forTraining}): fed straight, or through vertices
     * without parameters (a zero-padding layer, a merge of inputs), whose gradients nothing uses either.
     */
    static int installForTraining(ComputationGraph graph) {
        return install(graph, fedByInputsOnly(graph));
    }

    private static int install(ComputationGraph graph, Set<Layer> withoutInputGradient) {
        int installed = install(graph.getLayers(), enabled(), withoutInputGradient, relusAfterBatchNorm(graph));
        linkBlockedLayouts(graph);
        return installed;
    }

    /**
     * Lets neighbouring helpers hand each other oneDNN's blocked arrays, saving a layout reorder each way: a
     * convolution with an identity activation and the batch norm that alone reads its output (the batch norm reads the
     * convolution's blocked output, the convolution the batch norm's blocked input gradient); a batch norm applying a
     * RELU layer's RELU and the convolutions reading that layer's output (they read its blocked output; when only one
     * convolution does, the batch norm reads that convolution's blocked input gradient). Each helper still writes its
     * arrays, and reads the blocked ones only while the arrays it is handed are the ones they were written to.
     */
    static void linkBlockedLayouts(ComputationGraph graph) {
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        for (GraphVertex vertex : graph.getVertices()) {
            VertexIndices[] next = vertex.getOutputVertices();
            if (!vertex.hasLayer() || next == null || outputs.contains(vertex.getVertexName())) {
                continue;
            }
            Layer layer = unwrapped(vertex.getLayer());
            List<Layer> consumers = Arrays.stream(next).map(v -> graph.getVertices()[v.getVertexIndex()])
                    .map(v -> v.hasLayer() ? unwrapped(v.getLayer()) : null).toList();
            if (layer.getHelper() instanceof OneDnnConvolutionHelper convolution && hasIdentityActivation(layer)
                    && consumers.size() == 1 && consumers.get(0) != null
                    && consumers.get(0).getHelper() instanceof OneDnnBatchNormHelper batchNorm) {
                convolution.feed(batchNorm);
                batchNorm.fedBy(convolution);
            }
            if (layer instanceof ReluLayerRuntime relu && relu.fusedInto() != null) {
                for (Layer consumer : consumers) {
                    if (consumer != null && consumer.getHelper() instanceof OneDnnConvolutionHelper convolution) {
                        convolution.readFrom(relu.fusedInto());
                        if (consumers.size() == 1) {
                            relu.fusedInto().gradientFrom(convolution, relu);
                        }
                    }
                }
            }
        }
    }

    private static boolean hasIdentityActivation(Layer layer) {
        return layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer conf
                && conf.getActivationFn() instanceof ActivationIdentity;
    }

    /**
     * The batch normalization layers whose output goes to a {@link ReluLayer} alone (not to another vertex, not out of
     * the network), each with that RELU layer: their helpers apply the RELU in training passes.
     */
    static Map<Layer, ReluLayerRuntime> relusAfterBatchNorm(ComputationGraph graph) {
        Map<Layer, ReluLayerRuntime> relus = new HashMap<>();
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        for (GraphVertex vertex : graph.getVertices()) {
            VertexIndices[] next = vertex.getOutputVertices();
            if (!vertex.hasLayer() || !(unwrapped(vertex.getLayer()) instanceof BatchNormalization)
                    || outputs.contains(vertex.getVertexName()) || next == null || next.length != 1) {
                continue;
            }
            GraphVertex consumer = graph.getVertices()[next[0].getVertexIndex()];
            if (consumer.hasLayer() && unwrapped(consumer.getLayer()) instanceof ReluLayerRuntime relu) {
                relus.put(vertex.getLayer(), relu);
            }
        }
        return relus;
    }

    /** The layers whose inputs all come from the network's inputs through vertices without parameters. */
    static Set<Layer> fedByInputsOnly(ComputationGraph graph) {
        Set<String> parameterFree = new HashSet<>(graph.getConfiguration().getNetworkInputs());
        Set<Layer> fed = new HashSet<>();
        // the topological order: a vertex's inputs are decided before it
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = graph.getVertices()[index];
            VertexIndices[] inputs = vertex.getInputVertices();
            if (inputs == null || inputs.length == 0) {
                continue;
            }
            boolean fromInputsOnly = Arrays.stream(inputs)
                    .allMatch(v -> parameterFree.contains(graph.getVertices()[v.getVertexIndex()].getVertexName()));
            if (!fromInputsOnly) {
                continue;
            }
            if (vertex.hasLayer()) {
                fed.add(vertex.getLayer());
            }
            if (vertex.numParams() == 0) {
                parameterFree.add(vertex.getVertexName());
            }
        }
        return fed;
    }

    /**
     * Installs the helpers into {@code layers} when {@code enabled} (tests pass false for a build without oneDNN);
     * the convolutions among {@code withoutInputGradient} leave the gradient with respect to their input out, the batch
     * normalizations in {@code reluAfter} apply their RELU layer's RELU.
     */
    static int install(Layer[] layers, boolean enabled, Set<Layer> withoutInputGradient,
            Map<Layer, ReluLayerRuntime> reluAfter) {
        if (!enabled || layers == null) {
            return 0;
        }
        int installed = 0;
        for (Layer layer : layers) {
            if (unwrapped(layer) instanceof ReluLayerRuntime relu) {
                relu.fuseInto(null);
            }
        }
        for (Layer layer : layers) {
            installed += installInto(unwrapped(layer), !withoutInputGradient.contains(layer), reluAfter.get(layer));
        }
        return installed;
    }

    private static Layer unwrapped(Layer layer) {
        while (layer instanceof BaseWrapperLayer wrapper) {
            layer = wrapper.getUnderlying();
        }
        return layer;
    }

    private static int installInto(Layer layer, boolean inputGradient, ReluLayerRuntime relu) {
        if (!isFloat32(layer)) {
            return 0;
        }
        // exactly ConvolutionLayer: its subclasses (1-D, 3-D, depthwise, separable, deconvolution) compute otherwise
        if (layer.getClass() == ConvolutionLayer.class) {
            setHelper(ConvolutionLayer.class, layer, new OneDnnConvolutionHelper(inputGradient));
            useFastRelu(layer);
            return 1;
        }
        if (layer instanceof BatchNormalization bn
                && !((org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer()).isLockGammaBeta()) {
            OneDnnBatchNormHelper helper = new OneDnnBatchNormHelper(relu != null);
            setHelper(BatchNormalization.class, layer, helper);
            if (relu != null) {
                relu.fuseInto(helper);
            }
            return 1;
        }
        return 0;
    }

    /**
     * A layer with DL4J's plain RELU activation gets {@link FastReluActivation} in a copy of its configuration of its
     * own (the graph's configuration is shared, and what is saved).
     */
    private static void useFastRelu(Layer layer) {
        if (layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer conf
                && FastReluActivation.replaces(conf.getActivationFn())) {
            NeuralNetConfiguration own = layer.conf().clone();
            ((org.deeplearning4j.nn.conf.layers.BaseLayer) own.getLayer()).setActivationFn(new FastReluActivation());
            layer.setConf(own);
        }
    }

    private static boolean isFloat32(Layer layer) {
        INDArray params = layer.numParams() > 0 ? layer.params() : null;
        return params != null && params.dataType() == DataType.FLOAT;
    }

    /** The layer classes keep their helper in a non-public field ({@code helper}) next to a failure count. */
    private static void setHelper(Class<?> layerClass, Layer layer, LayerHelper helper) {
        try {
            Field field = layerClass.getDeclaredField("helper");
            field.setAccessible(true);
            field.set(layer, helper);
            Field failures = layerClass.getDeclaredField("helperCountFail");
            failures.setAccessible(true);
            failures.setInt(layer, 0);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's " + layerClass.getSimpleName()
                    + " has no helper field: this code knows DL4J 1.0.0-M2.1's layout", e);
        }
    }

    /** The helper a layer holds now (for tests and the banner): {@code null} when it runs DL4J's own code. */
    static LayerHelper helperOf(Layer layer) {
        return unwrapped(layer).getHelper();
    }
}
