package org.dls4j.course4.week2;

import java.util.Arrays;
import java.util.List;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.graph.GraphSummary;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The notebook's checks of the residual blocks in {@link ResNetGraphs} (the graph builders a learner writes): the
 * identity block's printed means with weights of ones ({@link ResidualNetworks#identityBlockCheck}), in training and
 * inference mode, the convolutional block's output shape, and ResNet50's {@code model.summary()} totals.
 */
public final class ResidualNetworksChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(ResNetGraphs.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("identity_block", expect -> expect
                        .close("f = 2, filters [3, 3, 3], training=True", Nd4j.createFromArray(means(0.40739,
                                new double[] {4.99991, 4.99991, 4.99991, 3.25948, 3.25948, 3.25948, 3.25948,
                                    2.40739})), ResidualNetworks.identityBlockCheck(2, new int[] {3, 3, 3}, true)
                                        .reshape(24), 0, 1e-5)
                        .close("f = 3, filters [3, 3, 3], training=True (identity_block_test)",
                                Nd4j.createFromArray(means(0.37394285, new double[] {3.2379014, 4.1394243, 4.1394243,
                                    3.2379014, 3.2379014, 4.1394243, 4.1394243, 3.2379014})),
                                ResidualNetworks.identityBlockCheck(3, new int[] {3, 3, 3}, true).reshape(24), 0,
                                1e-5)
                        .close("f = 2, filters [4, 4, 3], training=False", Nd4j.createFromArray(inference()),
                                ResidualNetworks.identityBlockCheck(2, new int[] {4, 4, 3}, false).reshape(24), 2e-5,
                                1e-6)),
                GradedCheck.of("convolutional_block", expect -> expect.equal("output shape, f = 2, filters [2, 4, 6],"
                        + " s = 2", List.of(3L, 6L, 2L, 2L), Arrays.stream(ResidualNetworks.convolutionalBlockShape())
                        .boxed().toList())),
                GradedCheck.of("ResNet50", expect -> {
                    GraphSummary summary = GraphSummary.of(ResNetGraphs.resnet50(64, 3, 6, 1, 0.001), 3, 64, 64);
                    expect.equal("Total params", 23_600_006L, summary.totalParams())
                            .equal("Non-trainable params", 53_120L, summary.nonTrainableParams())
                            .equal("res5c_branch2c output", "[2048, 2, 2]", summary.rows().stream()
                                    .filter(r -> r.name().equals("res5c_branch2c")).findFirst()
                                    .map(r -> Arrays.toString(r.outputShape())).orElse("no such layer"));
                }));
    }

    /** The printed {@code A3[:, (0, -1), :, :].mean(axis=3)} of training mode: zeros, then one value, then the last. */
    private static double[] means(double middle, double[] last) {
        double[] all = new double[24];
        Arrays.fill(all, 8, 16, middle);
        System.arraycopy(last, 0, all, 16, 8);
        return all;
    }

    /** The same in inference mode (batch norm divides by {@code sqrt(1 + 1e-3)}). */
    private static double[] inference() {
        double[] all = new double[24];
        System.arraycopy(new double[] {192.71234, 192.71234, 192.71234, 96.85617, 96.85617, 96.85617, 96.85617,
            48.92808}, 0, all, 8, 8);
        System.arraycopy(new double[] {578.1371, 578.1371, 578.1371, 290.5685, 290.5685, 290.5685, 290.5685,
            146.78426}, 0, all, 16, 8);
        return all;
    }
}
