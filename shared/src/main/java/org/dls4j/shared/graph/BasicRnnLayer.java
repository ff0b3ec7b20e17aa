package org.dls4j.shared.graph;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The course's basic RNN cell ("Building a Recurrent Neural Network - Step by Step", Dinosaur Island) as a DL4J
 * layer, {@code a<t> = tanh(Wax x<t> + Waa a<t-1> + b)}: DL4J's {@code SimpleRnn} with a tanh activation, the same
 * parameters ({@code W (n_in, units) = Wax^T}, {@code RW (units, units) = Waa^T}, {@code b (units)}), reading
 * {@code x (m, n_in, T)} and returning every step's state {@code a (m, units, T)} (NCW).
 *
 * <p>What {@code SimpleRnn} (DL4J 1.0.0-M2.1) cannot do, this layer does: carry the hidden state from one training
 * pass to the next. With {@code carryState} (Keras' {@code stateful=True}, the notebook's {@code model()}, which
 * hands {@code a[len(X)-1]} of one name to the next as {@code a_prev}) each training pass starts from the state the
 * previous one ended in (zeros at first) and back-propagation stops there, as the notebook's {@code rnn_backward}
 * does; {@link BasicRnnLayerRuntime#carriedState()} reads that state, {@link BasicRnnLayerRuntime#carryState}
 * sets it and {@link BasicRnnLayerRuntime#resetState()} zeros it. Without {@code carryState} every pass starts from
 * zeros, as {@code SimpleRnn}'s. {@code rnnTimeStep} keeps DL4J's own inference state, apart from the carried one
 * ({@code rnnClearPreviousState} clears only DL4J's).
 *
 * <p>The layer object ({@link BasicRnnLayerRuntime}) computes in float64 in Java loops, forward and backward through
 * time, without one ND4J operation per step: a character model's step is a few thousand multiply-adds, far less than
 * the cost of an ND4J call.
 */
public class BasicRnnLayer extends JavaRecurrentLayer {

    private boolean carryState;

    /** For the JSON form of the configuration. */
    protected BasicRnnLayer() {
    }

    /** {@code units} tanh units; {@code carryState}: whether training passes carry the hidden state on. */
    public BasicRnnLayer(int units, boolean carryState) {
        super(units, WeightInit.XAVIER);
        this.carryState = carryState;
    }

    /** Whether each training pass starts from the state the previous one ended in. */
    public boolean isCarryState() {
        return carryState;
    }

    /** For the JSON form of the configuration. */
    public void setCarryState(boolean carryState) {
        this.carryState = carryState;
    }

    @Override
    protected Layer runtime(NeuralNetConfiguration conf, DataType networkDataType) {
        return new BasicRnnLayerRuntime(conf, networkDataType);
    }

    @Override
    public ParamInitializer initializer() {
        return BasicRnnParams.INSTANCE;
    }

    @Override
    public BasicRnnLayer clone() {
        return (BasicRnnLayer) super.clone();
    }
}
