package org.dls4j.course4.week4;

import java.nio.file.Path;
import java.util.List;

import org.dls4j.shared.graph.faceapi.MobileNetV1Backbone;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The feature extractors {@link NeuralStyleTransfer} can use ({@code --network}).
 *
 * <ul>
 * <li>{@link #VGG19}: the notebook's network, Keras' VGG-19 with its ImageNet weights (supplied by the user), the
 * 2021 layers: style {@code block1_conv1} ... {@code block5_conv1}, 0.2 each, content {@code block5_conv4}; pixels in
 * [0, 1] as the notebook feeds them.</li>
 * <li>{@link #RANDOM_VGG}: VGG-19's architecture with an eighth of its widths (8, 16, 32, 64, 64 filters) and
 * He-initialised random weights, up to {@code block5_conv1}. Random convolutions still measure textures (their Gram
 * matrices), but do not abstract content: the content layer is the 2017 notebook's {@code conv4_2}
 * ({@code block4_conv2}), shallower than {@code block5_conv4}, so that the picture's layout survives.</li>
 * <li>{@link #MOBILENET_V1}, the offline default: the MobileNetV1 backbone of face-api's SSD detector
 * ({@link MobileNetV1Backbone}), real pretrained convolution features (ImageNet-initialised, fine-tuned for
 * detection), pixels scaled to [-1, 1] as it expects. Its layers mirror the notebook's choice on VGG-19: for style,
 * the first layer at each of the five resolutions, {@code conv_0} (1/2, 32 maps), {@code conv_2} (1/4, 128),
 * {@code conv_4} (1/8, 256), {@code conv_6} (1/16, 512) and {@code conv_12} (1/32, 1024), 0.2 each, as
 * {@code block1_conv1} ... {@code block5_conv1} are: early layers see small textures (strokes, colours), later ones
 * larger patterns; for content {@code conv_5}, the second layer at 1/8 resolution, as {@code conv4_2} is the second
 * of VGG-19's 1/8 block: deep enough to hold objects and layout rather than exact pixels, shallow enough to keep
 * them in place.</li>
 * </ul>
 */
public enum Network {
    /** VGG-19 when its weights are found, else the offline default. */
    AUTO,
    VGG19,
    MOBILENET_V1,
    RANDOM_VGG;

    /** The offline default. */
    static final Network OFFLINE_DEFAULT = MOBILENET_V1;
    /** {@link #MOBILENET_V1}'s style layers: the first at each resolution. */
    static final List<NeuralStyleTransfer.StyleLayer> MOBILENET_STYLE_LAYERS = List.of(
            new NeuralStyleTransfer.StyleLayer("conv_0", 0.2), new NeuralStyleTransfer.StyleLayer("conv_2", 0.2),
            new NeuralStyleTransfer.StyleLayer("conv_4", 0.2), new NeuralStyleTransfer.StyleLayer("conv_6", 0.2),
            new NeuralStyleTransfer.StyleLayer("conv_12", 0.2));
    /** {@link #MOBILENET_V1}'s content layer. */
    static final String MOBILENET_CONTENT_LAYER = "conv_5";
    /** {@link #RANDOM_VGG}'s widths are VGG-19's divided by this. */
    static final int RANDOM_WIDTH_DIVISOR = 8;
    /** {@link #RANDOM_VGG}'s weight seed. */
    static final long RANDOM_SEED = 1;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** {@link #AUTO} made concrete: VGG-19 when its weights are found, else {@link #OFFLINE_DEFAULT}. */
    Network resolve(Path vgg19Weights) {
        if (this != AUTO) {
            return this;
        }
        return Vgg19Graph.findWeights(vgg19Weights) != null ? VGG19 : OFFLINE_DEFAULT;
    }

    /** The extractor and layers of this network for {@code size x size} pictures. */
    StyleTransfer transfer(Path vgg19Weights, int size) {
        return switch (resolve(vgg19Weights)) {
            case VGG19 -> {
                Path weights = Vgg19Graph.findWeights(vgg19Weights);
                if (weights == null) {
                    throw Vgg19Graph.missingWeights();
                }
                yield StyleTransfer.of(Vgg19Graph.pretrained(weights, VGG19_CONTENT), VGG19_CONTENT,
                        NeuralStyleTransfer.VGG19_STYLE_LAYERS, 1, 0, "Network: VGG-19 with Keras' ImageNet weights ("
                                + weights.getFileName() + "); style layers block1_conv1 ... block5_conv1 (0.2 each), "
                                + "content layer " + VGG19_CONTENT);
            }
            case MOBILENET_V1 -> mobileNet(size);
            case RANDOM_VGG -> randomVgg(DataType.FLOAT);
            case AUTO -> throw new IllegalStateException("resolved above");
        };
    }

    private static final String VGG19_CONTENT = NeuralStyleTransfer.VGG19_CONTENT_LAYER;
    private static final String RANDOM_VGG_CONTENT = "block4_conv2";

    /** {@link #MOBILENET_V1} for {@code size x size} pictures. */
    static StyleTransfer mobileNet(int size) {
        // pixels = 2 x - 1: the backbone's picture / 127.5 - 1 for x = picture / 255
        return StyleTransfer.of(MobileNetV1Backbone.load(size, size), MOBILENET_CONTENT_LAYER, MOBILENET_STYLE_LAYERS,
                2, -1, "Network: the MobileNetV1 backbone of face-api's SSD face detector, pretrained (VGG-19's "
                        + "ImageNet weights are not here); style layers conv_0, conv_2, conv_4, conv_6, conv_12 (0.2 "
                        + "each), content layer " + MOBILENET_CONTENT_LAYER);
    }

    /** {@link #RANDOM_VGG} in {@code dataType}. */
    static StyleTransfer randomVgg(DataType dataType) {
        List<NeuralStyleTransfer.StyleLayer> style = NeuralStyleTransfer.VGG19_STYLE_LAYERS;
        return StyleTransfer.of(Vgg19Graph.random(RANDOM_WIDTH_DIVISOR, "block5_conv1", RANDOM_SEED, dataType),
                RANDOM_VGG_CONTENT, style, 1, 0, "Network: VGG-19's architecture at 1/" + RANDOM_WIDTH_DIVISOR
                        + " of its widths with random weights (VGG-19's ImageNet weights are not here); style layers "
                        + "block1_conv1 ... block5_conv1 (0.2 each), content layer " + RANDOM_VGG_CONTENT);
    }
}
