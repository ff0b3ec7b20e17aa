package org.dls4j.course4.week1;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.graph.Graphs;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The SIGNS ConvNet of "Convolution model - Application" as a DL4J graph:
 * <pre>
 * CONV2D 8 filters 4x4, stride 1, same -> RELU -> MAXPOOL 8x8, stride 8, same
 *   -> CONV2D 16 filters 2x2, stride 1, same -> RELU -> MAXPOOL 4x4, stride 4, same
 *   -> FLATTEN (16*2*2 = 64) -> DENSE 6 -> SOFTMAX, categorical cross-entropy
 * </pre>
 * Input: a batch of pictures channels first, (m, 3, 64, 64), scaled to [0, 1]: the notebook's (m, 64, 64, 3) arrays
 * turned once ({@code ImageSplit.channelsFirstScaled()}), as DL4J's convolution layers copy channels-last maps to
 * channels first and back in every step. Output: the six class probabilities.
 */
public final class SignsConvNet {

    /** The picture side and channels (64 x 64 RGB) and the six signs. */
    public static final int SIDE = 64, CHANNELS = 3, CLASSES = 6;

    private SignsConvNet() {
    }

    /** The network with Glorot-uniform weights drawn from {@code seed} and Adam at {@code learningRate}. */
    public static ComputationGraph graph(long seed, double learningRate) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)                  // TensorFlow's float32
                .weightInit(WeightInit.XAVIER_UNIFORM)     // Keras' default glorot_uniform
                .updater(new Adam(learningRate))           // tf.keras.optimizers.Adam: beta1 0.9, beta2 0.999
                .convolutionMode(ConvolutionMode.Same)     // padding='same' for every convolution and pooling
                .cacheMode(CacheMode.DEVICE)               // keep each forward convolution for the backward pass
                .graphBuilder()
                .addInputs("input_img")
                // DL4J infers every layer's nIn from the input type
                .setInputTypes(InputType.convolutional(SIDE, SIDE, CHANNELS, CNN2DFormat.NCHW))
                .addLayer("A1", conv(4, 8), "input_img")
                .addLayer("P1", maxPool(8), "A1")
                .addLayer("A2", conv(2, 16), "P1")
                .addLayer("P2", maxPool(4), "A2")
                // DL4J flattens the (16, 2, 2) maps itself before the dense softmax layer
                .addLayer("outputs", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "P2")
                .setOutputs("outputs")
                .build();
        return Graphs.forTraining(conf);   // no gradient with respect to the pictures: fit() never uses it
    }

    /** CONV2D with {@code filters} f x f filters, stride 1, then RELU. */
    private static ConvolutionLayer conv(int f, int filters) {
        return new ConvolutionLayer.Builder(f, f).nOut(filters).stride(1, 1).activation(Activation.RELU).build();
    }

    /** MAXPOOL f x f with stride f. */
    private static SubsamplingLayer maxPool(int f) {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(f, f).stride(f, f).build();
    }
}
