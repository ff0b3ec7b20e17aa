package org.dls4j.course4.week3;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.TransposedConvolution2D;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The 2021 notebook's U-Net ({@code unet_model}) as a DL4J graph, channels first:
 * <pre>
 * input (3, H, W)
 * conv_block 1..4: 2x [CONV 3x3 same, n filters, RELU] (-> DROPOUT 0.3 in block 4) -> MAXPOOL 2x2; n = 32, 64, 128, 256
 * conv_block 5:    2x [CONV 3x3 same, 512, RELU] -> DROPOUT 0.3, no pooling            (H/16, W/16)
 * upsampling_block 6..9: CONV-TRANSPOSE 3x3 stride 2 same -> CONCAT with the skip of the same size
 *                  -> 2x [CONV 3x3 same, RELU]; n = 256, 128, 64, 32                         (H, W)
 * CONV 3x3 same, 32, RELU -> CONV 1x1, n_classes -> softmax per pixel, cross-entropy
 * </pre>
 * With the notebook's {@code (96, 128, 3)}, 32 filters and 23 classes: 8,640,471 parameters. Convolutions start
 * from He normal weights ({@code kernel_initializer='he_normal'}), the transposed and the last 1x1 convolutions from
 * Glorot uniform (Keras' default). Keras' {@code SparseCategoricalCrossentropy(from_logits=True)} on the class ids
 * is DL4J's {@link CnnLossLayer} (softmax over the channels of each pixel, then multi-class cross-entropy) on one-hot
 * masks {@code (m, n_classes, H, W)}; DL4J sums the loss over the pixels of a picture where Keras averages it, so
 * DL4J's score is {@code H * W} times Keras' loss (Adam's steps are the same).
 */
public final class UNetGraph {
    /** The notebook's dropout rate in the two deepest blocks (Keras' rate: the fraction dropped). */
    public static final double DROPOUT = 0.3;
    /** Four poolings: the height and width must be multiples of this. */
    public static final int DOWNSAMPLING = 16;

    private UNetGraph() {
    }

    /**
     * {@code unet_model(input_size=(height, width, channels), n_filters, n_classes)}, Adam at {@code learningRate},
     * initial weights from {@code seed}.
     */
    @Graded(value = "unet_model", instructions = "Input(input_size) is a graph builder: seed, FLOAT, Keras' Adam"
            + " (learningRate, 0.9, 0.999, 1e-7), ConvolutionMode.Same, one input \"input\" of"
            + " InputType.convolutional(height, width, channels). Name the blocks cblock1..cblock5, ublock6..ublock9,"
            + " then conv9, conv10 and the loss layer; return Graphs.forTraining(graph.build()).")
    public static ComputationGraph unetModel(int height, int width, int channels, int nFilters, int nClasses,
            long seed, double learningRate) {
        if (height % DOWNSAMPLING != 0 || width % DOWNSAMPLING != 0) {
            throw new IllegalArgumentException("U-Net input must be a multiple of " + DOWNSAMPLING + " on each side, "
                    + "not " + height + "x" + width);
        }
        // inputs = Input(input_size)
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate, 0.9, 0.999, 1e-7))     // Keras' Adam
                .convolutionMode(ConvolutionMode.Same)                 // padding='same'
                .cacheMode(CacheMode.DEVICE)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(height, width, channels));
        // Contracting path (encoder): cblock1 = conv_block(inputs, n_filters); cblockN[0] is its next_layer
        String cblock1 = convBlock(graph, "input", "cblock1", nFilters, 0, true);
        // cblock2 = conv_block(cblock1[0], n_filters * 2)
        String cblock2 = convBlock(graph, cblock1, "cblock2", nFilters * 2, 0, true);
        // cblock3 = conv_block(cblock2[0], n_filters * 4)
        String cblock3 = convBlock(graph, cblock2, "cblock3", nFilters * 4, 0, true);
        // cblock4 = conv_block(cblock3[0], n_filters * 8, dropout_prob=0.3)
        String cblock4 = convBlock(graph, cblock3, "cblock4", nFilters * 8, DROPOUT, true);
        // cblock5 = conv_block(cblock4[0], n_filters * 16, dropout_prob=0.3, max_pooling=False)
        String cblock5 = convBlock(graph, cblock4, "cblock5", nFilters * 16, DROPOUT, false);
        // Expanding path (decoder), each block with the skip connection of the one of its size (cblockN[1] is
        // skip(name, dropout) here): ublock6 = upsampling_block(cblock5[0], cblock4[1], n_filters * 8)
        String ublock6 = upsamplingBlock(graph, cblock5, skip("cblock4", DROPOUT), "ublock6", nFilters * 8);
        // ublock7 = upsampling_block(ublock6, cblock3[1], n_filters * 4)
        String ublock7 = upsamplingBlock(graph, ublock6, skip("cblock3", 0), "ublock7", nFilters * 4);
        // ublock8 = upsampling_block(ublock7, cblock2[1], n_filters * 2)
        String ublock8 = upsamplingBlock(graph, ublock7, skip("cblock2", 0), "ublock8", nFilters * 2);
        // ublock9 = upsampling_block(ublock8, cblock1[1], n_filters)
        String ublock9 = upsamplingBlock(graph, ublock8, skip("cblock1", 0), "ublock9", nFilters);
        // conv9 = Conv2D(n_filters, 3, activation='relu', padding='same', kernel_initializer='he_normal')
        graph.addLayer("conv9", heConv(nFilters, 3), ublock9);
        // conv10 = Conv2D(n_classes, 1, padding='same'): the logits
        graph.addLayer("conv10", new ConvolutionLayer.Builder(1, 1).nOut(nClasses)
                .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER_UNIFORM).build(), "conv9");
        // SparseCategoricalCrossentropy(from_logits=True): softmax over the classes of every pixel
        graph.addLayer("softmax", new CnnLossLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .build(), "conv10");
        graph.setOutputs("softmax");
        return Graphs.forTraining(graph.build());
    }

    /**
     * {@code conv_block(inputs, n_filters, dropout_prob, max_pooling)}: two 3x3 ReLU convolutions, dropout when
     * {@code dropout > 0}, and a 2x2 max-pool when {@code maxPooling}. Adds the layers {@code name + "_conv1"},
     * {@code "_conv2"}, {@code "_dropout"}, {@code "_pool"}; returns the name of the next layer's input (the pool, or
     * the skip connection without pooling); the skip connection is {@link #skip}{@code (name, dropout)}.
     */
    @Graded("conv_block")
    static String convBlock(ComputationGraphConfiguration.GraphBuilder graph, String input, String name,
            int nFilters, double dropout, boolean maxPooling) {
        // conv = Conv2D(n_filters, 3, activation='relu', padding='same', kernel_initializer='he_normal')(inputs)
        graph.addLayer(name + "_conv1", heConv(nFilters, 3), input);
        // conv = Conv2D(n_filters, 3, activation='relu', padding='same', kernel_initializer='he_normal')(conv)
        graph.addLayer(name + "_conv2", heConv(nFilters, 3), name + "_conv1");
        // if dropout_prob > 0: conv = Dropout(dropout_prob)(conv)
        if (dropout > 0) {
            // Keras' Dropout(rate) drops `rate`; DL4J's dropOut(p) keeps p
            graph.addLayer(name + "_dropout", new DropoutLayer.Builder(1 - dropout).build(), name + "_conv2");
        }
        // skip_connection = conv
        String skip = skip(name, dropout);
        // if max_pooling: next_layer = MaxPooling2D(pool_size=(2, 2))(conv)  else: next_layer = conv
        if (!maxPooling) {
            return skip;
        }
        graph.addLayer(name + "_pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .build(), skip);
        return name + "_pool";
    }

    /** The skip connection of conv block {@code name}: its second convolution, or its dropout when it has one. */
    static String skip(String name, double dropout) {
        return dropout > 0 ? name + "_dropout" : name + "_conv2";
    }

    /**
     * {@code upsampling_block(expansive_input, contractive_input, n_filters)}: a 3x3 transposed convolution with
     * stride 2 (twice the height and width), concatenated with the skip connection along the channels, then two 3x3
     * ReLU convolutions. Adds the layers {@code name + "_up"}, {@code "_merge"}, {@code "_conv1"}, {@code "_conv2"};
     * returns the name of its last layer.
     */
    @Graded("upsampling_block")
    static String upsamplingBlock(ComputationGraphConfiguration.GraphBuilder graph, String expansiveInput,
            String contractiveInput, String name, int nFilters) {
        // up = Conv2DTranspose(n_filters, 3, strides=(2, 2), padding='same')(expansive_input): DL4J's
        // Deconvolution2D, computed on oneDNN
        graph.addLayer(name + "_up", new TransposedConvolution2D(new Deconvolution2D.Builder(3, 3).stride(2, 2)
                .nOut(nFilters).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER_UNIFORM)), expansiveInput);
        // merge = concatenate([up, contractive_input], axis=3): channels are axis 1 here
        graph.addVertex(name + "_merge", new MergeVertex(), name + "_up", contractiveInput);
        // conv = Conv2D(n_filters, 3, activation='relu', padding='same', kernel_initializer='he_normal')(merge)
        graph.addLayer(name + "_conv1", heConv(nFilters, 3), name + "_merge");
        // conv = Conv2D(n_filters, 3, activation='relu', padding='same', kernel_initializer='he_normal')(conv)
        graph.addLayer(name + "_conv2", heConv(nFilters, 3), name + "_conv1");
        return name + "_conv2";
    }

    /** Conv2D(n, kernel, activation='relu', padding='same', kernel_initializer='he_normal'). */
    private static ConvolutionLayer heConv(int nFilters, int kernel) {
        return new ConvolutionLayer.Builder(kernel, kernel).nOut(nFilters).activation(Activation.RELU)
                .weightInit(WeightInit.RELU).build();
    }
}
