package org.dls4j.shared.graph;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaVertex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Doubles the channels of a channels-first feature map with zeros: {@code (m, c, h, w)} to {@code (m, 2c, h, w)},
 * the input's channels first. A ResNet shortcut that must match a convolution with twice the filters can add this
 * instead of a projection (TensorFlow: {@code tf.concat([x, tf.zeros_like(x)], 3)}); it has no parameters.
 */
public class ChannelZeroPadVertex extends SameDiffLambdaVertex {

    @Override
    public SDVariable defineVertex(SameDiff sameDiff, VertexInputs inputs) {
        SDVariable x = inputs.getInput(0);
        return sameDiff.concat(1, x, sameDiff.zerosLike(x));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        if (vertexInputs.length != 1 || !(vertexInputs[0] instanceof InputType.InputTypeConvolutional in)) {
            throw new InvalidInputTypeException("ChannelZeroPadVertex takes one convolutional input, not "
                    + Arrays.toString(vertexInputs));
        }
        return InputType.convolutional(in.getHeight(), in.getWidth(), 2 * in.getChannels(), in.getFormat());
    }
}
