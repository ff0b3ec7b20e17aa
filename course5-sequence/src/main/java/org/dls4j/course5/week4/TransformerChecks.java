package org.dls4j.course5.week4;

import static org.dls4j.shared.exercise.Expect.matrix;

import java.util.List;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The 2021 notebook's test cells for the five graded functions of {@link Transformer} written from scratch (its
 * printed values are TensorFlow's float32, so within 1e-7).
 */
public final class TransformerChecks implements GradedChecks {

    private static final double FLOAT32 = 1e-7;

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(Transformer.class);
    }

    @Override
    public List<GradedCheck> checks() {
        INDArray q = matrix(new double[] {1, 0, 1, 1}, new double[] {0, 1, 1, 1}, new double[] {1, 0, 0, 1});
        INDArray k = matrix(new double[] {1, 1, 0, 1}, new double[] {1, 0, 1, 1}, new double[] {0, 1, 1, 0},
                new double[] {0, 0, 0, 1});
        INDArray v = matrix(new double[] {0, 0}, new double[] {1, 0}, new double[] {1, 0}, new double[] {1, 1});
        return List.of(
                GradedCheck.of("get_angles", expect -> expect.close("get_angles(pos_m, dims, 8)",
                        matrix(new double[] {0, 0, 0, 0, 0, 0, 0, 0},
                                new double[] {1, 1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001},
                                new double[] {2, 2, 0.2, 0.2, 0.02, 0.02, 0.002, 0.002},
                                new double[] {3, 3, 0.3, 0.3, 0.03, 0.03, 0.003, 0.003}),
                        Transformer.getAngles(Nd4j.arange(4).castTo(DataType.DOUBLE).reshape(4, 1),
                                Nd4j.arange(8).castTo(DataType.DOUBLE).reshape(1, 8), 8))),
                GradedCheck.of("positional_encoding", expect -> {
                    INDArray pe = Transformer.positionalEncoding(50, 512);
                    expect.shape("pos_encoding", new long[] {1, 50, 512}, pe)
                            .close("pos_encoding[0, 1, :4]", Nd4j.createFromArray(0.84147096, 0.5403023, 0.8218562,
                                    0.569695), pe.get(NDArrayIndex.point(0), NDArrayIndex.point(1),
                                    NDArrayIndex.interval(0, 4)), 0, FLOAT32);
                }),
                GradedCheck.of("create_padding_mask", expect -> expect.close("create_padding_mask(x)",
                        Nd4j.createFromArray(new double[][][] {{{1, 1, 0, 0, 1}}, {{1, 1, 1, 0, 0}},
                            {{0, 0, 0, 1, 1}}}),
                        Transformer.createPaddingMask(matrix(new double[] {7, 6, 0, 0, 1}, new double[] {1, 2, 3, 0, 0},
                                new double[] {0, 0, 0, 4, 5})))),
                GradedCheck.of("create_look_ahead_mask", expect -> expect.close("create_look_ahead_mask(3)",
                        Nd4j.createFromArray(new double[][][] {{{1, 0, 0}, {1, 1, 0}, {1, 1, 1}}}),
                        Transformer.createLookAheadMask(3))),
                GradedCheck.of("scaled_dot_product_attention", expect -> {
                    Transformer.Attention plain = Transformer.scaledDotProductAttention(q, k, v, null);
                    expect.close("attention_weights", matrix(new double[] {0.2589478, 0.42693272, 0.15705977,
                                    0.15705977}, new double[] {0.2772748, 0.2772748, 0.2772748, 0.16817567},
                                    new double[] {0.33620113, 0.33620113, 0.12368149, 0.2039163}), plain.weights(),
                                    0, FLOAT32)
                            .close("attention", matrix(new double[] {0.74105227, 0.15705977},
                                    new double[] {0.7227253, 0.16817567}, new double[] {0.6637989, 0.2039163}),
                                    plain.output(), 0, FLOAT32);
                    INDArray mask = Nd4j.createFromArray(new double[][][] {{{1, 1, 0, 1}, {1, 1, 0, 1},
                        {1, 1, 0, 1}}});
                    Transformer.Attention masked = Transformer.scaledDotProductAttention(q.reshape(1, 3, 4),
                            k.reshape(1, 4, 4), v.reshape(1, 4, 2), mask);
                    expect.close("attention_weights (mask)", Nd4j.createFromArray(new double[][][] {{{0.3071959,
                        0.5064804, 0, 0.18632373}, {0.38365173, 0.38365173, 0, 0.23269655}, {0.38365173, 0.38365173,
                            0, 0.23269655}}}), masked.weights(), 0, FLOAT32)
                            .close("attention (mask)", Nd4j.createFromArray(new double[][][] {{{0.6928041, 0.18632373},
                                {0.61634827, 0.23269655}, {0.61634827, 0.23269655}}}), masked.output(), 0, FLOAT32);
                }));
    }
}
