package org.dls4j.course5.week1;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link JazzImprovisation#djmodel}: the notebook's {@code model.summary()} parameters (LSTM 36,608 + Dense 5,070 =
 * 41,678 for Tx 30, n_a 64, 78 values). {@link JazzImprovisation#predictAndSample} (the notebook's values come from a
 * trained Keras model, not reproducible here): on djmodel's untrained graph (seed 1), Ty indices in range, each the
 * arg-max of the last output of the whole sequence of one-hots fed so far, evaluated again from the start with
 * {@code output} (no state carried): what feeding back one-hot(argmax) step by step must give.
 */
public final class JazzImprovisationChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(JazzImprovisation.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(GradedCheck.of("djmodel", expect -> {
            ComputationGraph model = JazzImprovisation.djmodel(30, 64, 78, 1, 0.01, 0.01);
            expect.equal("Total params", (long) JazzImprovisation.NOTEBOOK_PARAMS, model.numParams())
                    .equal("lstm params", 36_608L, model.getLayer("lstm").numParams())
                    .equal("dense params", 5_070L, model.getLayer("dense").numParams());
        }), GradedCheck.of("predict_and_sample", expect -> {
            int ty = 12;
            ComputationGraph model = JazzImprovisation.djmodel(30, 64, 78, 1, 0.01, 0.01);
            int[] indices = JazzImprovisation.predictAndSample(model, ty);
            expect.equal("len(indices)", ty, indices.length)
                    .equal("indices", Arrays.toString(fedBack(model, indices)), Arrays.toString(indices));
        }));
    }

    /**
     * For each step t, the arg-max of the last output of the whole input sequence {@code [zeros, one_hot(indices[0]),
     * ..., one_hot(indices[t-1])]}, evaluated from a zero state.
     */
    private static int[] fedBack(ComputationGraph model, int[] indices) {
        int nValues = (int) model.getLayer("dense").getParam("b").length();
        int[] expected = new int[indices.length];
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, indices.length, nValues);
        for (int t = 0; t < indices.length; t++) {
            if (t > 0) {
                x.putScalar(new long[] {0, t, indices[t - 1]}, 1);
            }
            INDArray out = model.output(false, x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t + 1),
                    NDArrayIndex.all()).dup())[0];
            expected[t] = Nd4j.argMax(out.get(NDArrayIndex.point(0), NDArrayIndex.point(t), NDArrayIndex.all()))
                    .getInt(0);
        }
        return expected;
    }
}
