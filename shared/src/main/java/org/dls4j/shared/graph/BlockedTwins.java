package org.dls4j.shared.graph;

import org.bytedeco.dnnl.memory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a oneDNN helper hands its neighbours ({@link FastPath#linkBlockedLayouts}): the output and the input gradient
 * it last wrote, each with the memory in oneDNN's blocked layout it reordered them from, which a neighbour handed the
 * same array object reads instead of reordering again; and whether the helper's own last passes read a neighbour's.
 */
final class BlockedTwins {

    private INDArray output;
    private memory blockedOutput;
    private INDArray inputGradient;
    private memory blockedInputGradient;
    private boolean inputGradientDeferred;
    private boolean borrowedInput;
    private boolean borrowedGradient;

    /** The helper wrote {@code y} (null: nothing a neighbour may read) from {@code blocked} (null: none). */
    void wroteOutput(INDArray y, memory blocked) {
        output = y;
        blockedOutput = blocked;
    }

    /** The helper wrote {@code dx} from {@code blocked} (null: none). */
    void wroteInputGradient(INDArray dx, memory blocked) {
        wroteInputGradient(dx, blocked, false);
    }

    /**
     * The helper wrote {@code dx} from {@code blocked}; {@code deferred}: only into {@code blocked}, leaving the array
     * unwritten for the one neighbour that reads {@code blocked} instead.
     */
    void wroteInputGradient(INDArray dx, memory blocked, boolean deferred) {
        inputGradient = dx;
        blockedInputGradient = blocked;
        inputGradientDeferred = deferred;
    }

    /** Whether the input gradient last written holds its values only in the blocked memory. */
    boolean inputGradientDeferred() {
        return inputGradientDeferred;
    }

    /** Whether {@code y} is the output last written. */
    boolean isOutput(INDArray y) {
        return y != null && y == output;
    }

    /** The blocked memory {@code y} was written from, when it is the output last written; else null. */
    memory outputOf(INDArray y) {
        return isOutput(y) ? blockedOutput : null;
    }

    /** The blocked memory {@code dx} was written from, when it is the input gradient last written; else null. */
    memory inputGradientOf(INDArray dx) {
        return dx != null && dx == inputGradient ? blockedInputGradient : null;
    }

    /** Records whether the last forward pass read its input, and the last backward pass dY, from a neighbour's. */
    void borrowedInput(boolean borrowed) {
        borrowedInput = borrowed;
    }

    void borrowedGradient(boolean borrowed) {
        borrowedGradient = borrowed;
    }

    /** Whether the last forward pass read its input from a neighbour's blocked memory (for tests). */
    boolean borrowedInput() {
        return borrowedInput;
    }

    /** Whether the last backward pass read dY from a neighbour's blocked memory (for tests). */
    boolean borrowedGradient() {
        return borrowedGradient;
    }
}
