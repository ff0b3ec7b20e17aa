package org.dls4j.course4.week3;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.exercise.Expect;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.graph.NotebookSummary;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The notebook's tests of the U-Net's graph builders in {@link UNetGraph}: each builds a small model (or the whole
 * U-Net) and compares its {@code summary(model)} with the notebook's, line by line ({@link NotebookSummary}: Keras'
 * layer type, output shape channels last, parameters, padding, activation, initializer, dropout rate, pool size).
 * The lines list the inputs first, where Keras lists the second input of {@code upsampling_block}'s model after the
 * transposed convolution; the U-Net's last line is DL4J's loss layer, which Keras keeps out of the model.
 */
public final class ImageSegmentationChecks implements GradedChecks {

    private static final InputType PICTURES = InputType.convolutional(96, 128, 3);
    private static final String RELU_CONV = ", 'same', 'relu', 'HeNormal']";

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(UNetGraph.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("conv_block", expect -> {
                    // cblock1 = conv_block(inputs, n_filters * 1) on Input((96, 128, 3)), n_filters = 32
                    ComputationGraphConfiguration.GraphBuilder small = builder().addInputs("input");
                    String next = UNetGraph.convBlock(small, "input", "block", 32, 0, true);
                    expect.equal("block 1 returns (next_layer)", "block_pool", next);
                    lines(expect, "block 1", List.of(
                            "['InputLayer', [(None, 96, 128, 3)], 0]",
                            "['Conv2D', (None, 96, 128, 32), 896" + RELU_CONV,
                            "['Conv2D', (None, 96, 128, 32), 9248" + RELU_CONV,
                            "['MaxPooling2D', (None, 48, 64, 32), 0, (2, 2)]"), summary(small, next, PICTURES));
                    // conv_block(inputs, n_filters * 32, dropout_prob=0.1, max_pooling=True)
                    ComputationGraphConfiguration.GraphBuilder wide = builder().addInputs("input");
                    next = UNetGraph.convBlock(wide, "input", "block", 32 * 32, 0.1, true);
                    lines(expect, "block 2", List.of(
                            "['InputLayer', [(None, 96, 128, 3)], 0]",
                            "['Conv2D', (None, 96, 128, 1024), 28672" + RELU_CONV,
                            "['Conv2D', (None, 96, 128, 1024), 9438208" + RELU_CONV,
                            "['Dropout', (None, 96, 128, 1024), 0, 0.1]",
                            "['MaxPooling2D', (None, 48, 64, 1024), 0, (2, 2)]"), summary(wide, next, PICTURES));
                    // the bottleneck's block, max_pooling=False: next_layer is the skip connection (the dropout)
                    ComputationGraphConfiguration.GraphBuilder last = builder().addInputs("input");
                    next = UNetGraph.convBlock(last, "input", "block", 4, 0.3, false);
                    expect.equal("max_pooling=False returns (next_layer = skip_connection)", "block_dropout", next);
                    lines(expect, "max_pooling=False", List.of(
                            "['InputLayer', [(None, 8, 8, 3)], 0]",
                            "['Conv2D', (None, 8, 8, 4), 112" + RELU_CONV,
                            "['Conv2D', (None, 8, 8, 4), 148" + RELU_CONV,
                            "['Dropout', (None, 8, 8, 4), 0, 0.3]"),
                            summary(last, next, InputType.convolutional(8, 8, 3)));
                }),
                GradedCheck.of("upsampling_block", expect -> {
                    // upsampling_block(Input((12, 16, 256)), Input((24, 32, 128)), n_filters * 1), n_filters = 32
                    ComputationGraphConfiguration.GraphBuilder up = builder().addInputs("expansive", "contractive");
                    String next = UNetGraph.upsamplingBlock(up, "expansive", "contractive", "block", 32);
                    lines(expect, "block", List.of(
                            "['InputLayer', [(None, 12, 16, 256)], 0]",
                            "['InputLayer', [(None, 24, 32, 128)], 0]",
                            "['Conv2DTranspose', (None, 24, 32, 32), 73760]",
                            "['Concatenate', (None, 24, 32, 160), 0]",
                            "['Conv2D', (None, 24, 32, 32), 46112" + RELU_CONV,
                            "['Conv2D', (None, 24, 32, 32), 9248" + RELU_CONV),
                            summary(up, next, InputType.convolutional(12, 16, 256),
                                    InputType.convolutional(24, 32, 128)));
                }),
                GradedCheck.of("unet_model", expect -> {
                    // unet = unet_model((96, 128, 3), n_filters=32, n_classes=23)
                    ComputationGraph unet = UNetGraph.unetModel(96, 128, 3, 32, 23, 1, 0.001);
                    expect.equal("Total params", ImageSegmentation.NOTEBOOK_PARAMS, unet.numParams());
                    lines(expect, "unet", unetSummary(), NotebookSummary.of(unet.getConfiguration(), PICTURES));
                }));
    }

    /** The notebook's {@code outputs.unet_model_output}, then DL4J's loss layer (softmax over the 23 classes). */
    private static List<String> unetSummary() {
        return List.of(
                "['InputLayer', [(None, 96, 128, 3)], 0]",
                "['Conv2D', (None, 96, 128, 32), 896" + RELU_CONV,
                "['Conv2D', (None, 96, 128, 32), 9248" + RELU_CONV,
                "['MaxPooling2D', (None, 48, 64, 32), 0, (2, 2)]",
                "['Conv2D', (None, 48, 64, 64), 18496" + RELU_CONV,
                "['Conv2D', (None, 48, 64, 64), 36928" + RELU_CONV,
                "['MaxPooling2D', (None, 24, 32, 64), 0, (2, 2)]",
                "['Conv2D', (None, 24, 32, 128), 73856" + RELU_CONV,
                "['Conv2D', (None, 24, 32, 128), 147584" + RELU_CONV,
                "['MaxPooling2D', (None, 12, 16, 128), 0, (2, 2)]",
                "['Conv2D', (None, 12, 16, 256), 295168" + RELU_CONV,
                "['Conv2D', (None, 12, 16, 256), 590080" + RELU_CONV,
                "['Dropout', (None, 12, 16, 256), 0, 0.3]",
                "['MaxPooling2D', (None, 6, 8, 256), 0, (2, 2)]",
                "['Conv2D', (None, 6, 8, 512), 1180160" + RELU_CONV,
                "['Conv2D', (None, 6, 8, 512), 2359808" + RELU_CONV,
                "['Dropout', (None, 6, 8, 512), 0, 0.3]",
                "['Conv2DTranspose', (None, 12, 16, 256), 1179904]",
                "['Concatenate', (None, 12, 16, 512), 0]",
                "['Conv2D', (None, 12, 16, 256), 1179904" + RELU_CONV,
                "['Conv2D', (None, 12, 16, 256), 590080" + RELU_CONV,
                "['Conv2DTranspose', (None, 24, 32, 128), 295040]",
                "['Concatenate', (None, 24, 32, 256), 0]",
                "['Conv2D', (None, 24, 32, 128), 295040" + RELU_CONV,
                "['Conv2D', (None, 24, 32, 128), 147584" + RELU_CONV,
                "['Conv2DTranspose', (None, 48, 64, 64), 73792]",
                "['Concatenate', (None, 48, 64, 128), 0]",
                "['Conv2D', (None, 48, 64, 64), 73792" + RELU_CONV,
                "['Conv2D', (None, 48, 64, 64), 36928" + RELU_CONV,
                "['Conv2DTranspose', (None, 96, 128, 32), 18464]",
                "['Concatenate', (None, 96, 128, 64), 0]",
                "['Conv2D', (None, 96, 128, 32), 18464" + RELU_CONV,
                "['Conv2D', (None, 96, 128, 32), 9248" + RELU_CONV,
                "['Conv2D', (None, 96, 128, 32), 9248" + RELU_CONV,
                "['Conv2D', (None, 96, 128, 23), 759, 'same', 'linear', 'GlorotUniform']",
                "['CnnLossLayer', (None, 96, 128, 23), 0, 'softmax']");
    }

    /** The graph builder {@link UNetGraph#unetModel} starts from: float32, {@code padding='same'}. */
    private static ComputationGraphConfiguration.GraphBuilder builder() {
        return new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).convolutionMode(ConvolutionMode.Same)
                .graphBuilder();
    }

    /** {@code summary(tf.keras.Model(inputs, outputs=block))}: nothing is allocated. */
    private static List<String> summary(ComputationGraphConfiguration.GraphBuilder block, String output,
            InputType... inputs) {
        return NotebookSummary.of(block.setOutputs(output).setInputTypes(inputs).build(), inputs);
    }

    /** The notebook's {@code comparator(summary(model), expected)}: the number of lines, then each line. */
    private static void lines(Expect expect, String model, List<String> expected, List<String> actual) {
        expect.equal(model + ": layers", expected.size(), actual.size());
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            expect.equal(model + " [" + i + "]", expected.get(i), actual.get(i));
        }
    }
}
