package org.dls4j.course4.week1;

import static org.dls4j.shared.exercise.Expect.matrix;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.scratch.conv.Convolution;
import org.dls4j.shared.scratch.conv.PoolMode;
import org.dls4j.shared.scratch.conv.Pooling;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2021 notebook's test cells and {@code public_tests.py} for {@link ConvolutionStepByStep}'s eight graded
 * functions (reference expected-c4-c5.md, C4 W1), on {@code np.random.seed(1)} inputs. The backward checks take their
 * forward caches from the shared engine ({@link Convolution}, {@link Pooling}), so each function is graded on its
 * own.
 */
public final class ConvolutionStepByStepChecks implements GradedChecks {

    /** {@code conv_forward_test}'s {@code expected_Z}, (2, 3, 4, 8). */
    static final double[] Z_2021 = {
                -2.65112363, -0.37849177, -1.97054929, -1.96235299, -1.72259872, 0.4676693, -6.43434016, 1.10764994,
                4.67692928, 4.29865415, -1.3608031, 0.80532859, -2.88480108, 8.95280034, 5.32627807, -1.82635258,
                -2.05881174, 3.40859795, 0.3502282, 0.68303626, -1.88328065, -1.87480174, 5.8008721, 0.0700918,
                -3.50141791, 2.704286, 0.28341346, 4.15637411, -0.46575834, -0.43668824, -5.56866106, 1.72288033,
                -2.32126108, 0.91040602, 2.31852532, 0.98842271, 3.31716611, 4.05638832, -2.48135123, 0.95872443,
                6.03978907, -6.96477888, -1.20799344, 2.68913374, -4.35744033, 10.59355329, 3.20856901, 13.98735978,
                -3.01280755, -2.90226517, -8.34171936, -5.26220853, 5.6630696, 1.08704033, 2.20430705, -10.73218294,
                -6.24198266, -0.53158832, -3.29654954, -1.81865997, 0.59196322, 2.51134745, -4.24924673, 5.21936641,
                -2.22187412, -0.95259173, -5.99441273, 0.79147932, 1.16919278, -0.17321161, -3.26346299, -3.62407578,
                -2.17796037, 8.07171329, -0.5772704, 3.36286738, 4.48113645, -2.89198428, 10.99288867, 3.03171932,
                -12.49991261, 5.26845833, -1.67648614, -8.65695762, -10.68157258, 6.71492428, 2.83839971, 4.47259772,
                0.11421092, -1.90872424, -3.28117601, 0.89922467, 0.83985348, -0.25127044, -0.94409718, 5.17244412,
                1.97649814, 2.76743075, -6.39611007, 2.95378171, -0.81235239, -0.53333631, 0.71268871, 4.91385105,
                -5.14401869, 6.97041391, -4.53976469, 5.89092653, -5.74606931, 2.74256558, 3.02124802, -10.04187592,
                5.53871187, -8.55886701, -4.70962135, 2.55966738, -2.66959504, 5.60010695, -8.37253342, 4.18848278,
                0.63364517, -3.71848223, -3.67072772, 4.34226476, -1.21894465, 3.68929452, 5.89166305, 0.94256457,
                2.36049402, -3.09696204, 8.33521755, 3.04680748, 3.7964542, 0.66488788, 1.9935476, 1.54396221,
                -7.73457048, 0.287562, 7.97481218, 3.32415996, -4.07121488, 2.69182963, 4.1356109, -5.16178423,
                -6.95635186, -0.10924121, -4.12526441, 0.62578199, 4.69492086, -3.52748877, 3.63168271, 0.64007629,
                7.94980014, 5.71855659, 3.49970333, 12.7718152, 8.84959478, 2.37150319, -1.42531648, -0.51126641,
                -5.29658283, -4.20466999, -6.63067766, -9.87831724, -5.32130395, 7.32417919, 2.96011091, 7.60669481,
                11.54630784, -1.93157244, 2.26699242, 7.62184275, 5.40584348, -2.88837958, -1.46981877, 7.91314719,
                5.94067877, 3.50739649, 0.82512202, 4.80655489, -4.1044945, 4.14358541, 0.13194885, 4.35397285,
                4.91298364, -1.44499772, 5.9392078, -3.92690408, 2.12840309, 1.27237402, 1.56992581, 0.44270565};

    /** {@code pool_forward_test}'s {@code expected_A_max}, (2, 3, 3, 3). */
    static final double[] A_MAX = {
                1.74481176, 0.90159072, 1.65980218, 1.74481176, 1.46210794, 1.65980218, 1.74481176, 1.6924546,
                1.65980218, 1.14472371, 0.90159072, 2.10025514, 1.14472371, 0.90159072, 1.65980218, 1.14472371,
                1.6924546, 1.65980218, 1.13162939, 1.51981682, 2.18557541, 1.13162939, 1.51981682, 2.18557541,
                1.13162939, 1.6924546, 2.18557541, 1.19891788, 0.84616065, 0.82797464, 0.69803203, 0.84616065,
                1.2245077, 0.69803203, 1.12141771, 1.2245077, 1.96710175, 0.84616065, 1.27375593, 1.96710175,
                0.84616065, 1.23616403, 1.62765075, 1.12141771, 1.2245077, 1.96710175, 0.86888616, 1.27375593,
                1.96710175, 0.86888616, 1.23616403, 1.62765075, 1.12141771, 0.79280687};

    /** {@code pool_forward_test}'s {@code expected_A_average}, (2, 3, 3, 3), printed with 9 significant digits. */
    static final double[] A_AVERAGE = {
                -3.01046719e-02, -3.24021315e-03, -3.36298859e-01, 1.43310483e-01, 1.93146751e-01, -4.44905196e-01,
                1.28934436e-01, 2.22428468e-01, 1.25067597e-01, -3.81801899e-01, 1.59993515e-02, 1.70562706e-01,
                4.73707165e-02, 2.59244658e-02, 9.20338402e-02, 3.97048605e-02, 1.57189094e-01, 3.45302489e-01,
                -3.82680519e-01, 2.32579951e-01, 6.25997903e-01, -2.47157416e-01, -3.48524998e-04, 3.50539717e-01,
                -9.52551510e-02, 2.68511000e-01, 4.66056368e-01, -1.73134159e-01, 3.23771981e-01, -3.43175716e-01,
                3.80634669e-02, 7.26706274e-02, -2.30268958e-01, 2.03009393e-02, 1.41414785e-01, -1.23158476e-02,
                4.44976963e-01, -2.61694592e-03, -3.10403073e-01, 5.08114737e-01, -2.34937338e-01, -2.39611830e-01,
                1.18726772e-01, 1.72552294e-01, -2.21121966e-01, 4.29449255e-01, 8.44699612e-02, -2.72909051e-01,
                6.76351685e-01, -1.20138225e-01, -2.44076712e-01, 1.50774518e-01, 2.89111751e-01, 1.23238536e-03};

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(ConvolutionStepByStep.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("zero_pad", expect -> {
                    INDArray x = new NumpyRandom(1).randn(4, 3, 3, 2);
                    INDArray xPad = ConvolutionStepByStep.zeroPad(x, 2);
                    expect.shape("x_pad", new long[] {4, 7, 7, 2}, xPad);
                    expect.close("x_pad[:, 2:5, 2:5, :] (x)", x, xPad.get(all(), interval(2, 5), interval(2, 5),
                                    all()))
                            .close("x_pad[1, 1] (zeros)", Nd4j.zeros(DataType.DOUBLE, 7, 2), xPad.get(point(1),
                                    point(1), all(), all()));
                }),
                GradedCheck.of("conv_single_step", expect -> {
                    NumpyRandom rng = new NumpyRandom(1);
                    INDArray aSlicePrev = rng.randn(4, 4, 3);
                    INDArray w = rng.randn(4, 4, 3);
                    INDArray b = rng.randn(1, 1, 1);
                    expect.digits("Z", -6.999089450680221, ConvolutionStepByStep.convSingleStep(aSlicePrev, w, b));
                }),
                GradedCheck.of("conv_forward", expect -> {
                    NumpyRandom rng = new NumpyRandom(1);
                    INDArray aPrev = rng.randn(2, 5, 7, 4);
                    INDArray w = rng.randn(3, 3, 4, 8);
                    INDArray b = rng.randn(1, 1, 1, 8);
                    INDArray z = ConvolutionStepByStep.convForward(aPrev, w, b, 2, 1).Z();
                    expect.digits("Z's mean", 0.5511276474566768, z.meanNumber().doubleValue())
                            .close("Z", Nd4j.createFromArray(Z_2021).reshape(2, 3, 4, 8), z);
                    rng.seed(5);
                    aPrev = rng.randn(2, 5, 7, 4);
                    w = rng.randn(3, 3, 4, 8);
                    b = rng.randn(1, 1, 1, 8);
                    expect.shape("Z (pad 3, stride 1)", new long[] {2, 9, 11, 8},
                                    ConvolutionStepByStep.convForward(aPrev, w, b, 1, 3).Z())
                            .shape("Z (pad 0, stride 2)", new long[] {2, 2, 3, 8},
                                    ConvolutionStepByStep.convForward(aPrev, w, b, 2, 0).Z());
                }),
                GradedCheck.of("pool_forward", expect -> {
                    INDArray aPrev = new NumpyRandom(1).randn(2, 5, 5, 3);
                    expect.close("A (max, stride 1)", Nd4j.createFromArray(A_MAX).reshape(2, 3, 3, 3),
                                    ConvolutionStepByStep.poolForward(aPrev, 3, 1, "max").A())
                            .close("A (average, stride 1)", Nd4j.createFromArray(A_AVERAGE).reshape(2, 3, 3, 3),
                                    ConvolutionStepByStep.poolForward(aPrev, 3, 1, "average").A())
                            .shape("A (average, stride 2)", new long[] {2, 2, 2, 3},
                                    ConvolutionStepByStep.poolForward(aPrev, 3, 2, "average").A());
                }),
                GradedCheck.of("conv_backward", expect -> {
                    NumpyRandom rng = new NumpyRandom(1);
                    INDArray aPrev = rng.randn(10, 4, 4, 3);
                    INDArray w = rng.randn(2, 2, 3, 8);
                    INDArray b = rng.randn(1, 1, 1, 8);
                    Convolution.Output forward = Convolution.forward(aPrev, w, b, 2, 2);
                    Convolution.Gradients g = ConvolutionStepByStep.convBackward(forward.Z(), forward.cache());
                    expect.digits("dA_mean", 1.4524377775388075, g.dAPrev().meanNumber().doubleValue())
                            .digits("dW_mean", 1.7269914583139097, g.dW().meanNumber().doubleValue())
                            .digits("db_mean", 7.839232564616838, g.db().meanNumber().doubleValue())
                            .shape("dA", new long[] {10, 4, 4, 3}, g.dAPrev());
                }),
                GradedCheck.of("create_mask_from_window", expect -> expect
                        .close("mask of randn(2, 3)", matrix(new double[] {1, 0, 0}, new double[] {0, 0, 0}),
                                asDouble(ConvolutionStepByStep.createMaskFromWindow(new NumpyRandom(1).randn(2, 3))))
                        .close("mask of [[-1, 2, 3], [2, -3, 2], [1, 5, -2]]", matrix(new double[] {0, 0, 0},
                                new double[] {0, 0, 0}, new double[] {0, 1, 0}),
                                asDouble(ConvolutionStepByStep.createMaskFromWindow(matrix(new double[] {-1, 2, 3},
                                        new double[] {2, -3, 2}, new double[] {1, 5, -2}))))),
                GradedCheck.of("distribute_value", expect -> expect.close("distribute_value(2, (2, 2))",
                        matrix(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}),
                        ConvolutionStepByStep.distributeValue(2, 2, 2))),
                GradedCheck.of("pool_backward", expect -> {
                    NumpyRandom rng = new NumpyRandom(1);
                    INDArray aPrev = rng.randn(5, 5, 3, 2);
                    Pooling.Output pool = Pooling.forward(aPrev, 2, 1, PoolMode.MAX);
                    INDArray dA = rng.randn(5, 4, 2, 2);
                    expect.close("dA_prev[1, 1] (max)", matrix(new double[] {0, 0}, new double[] {5.05844394,
                                    -1.68282702}, new double[] {0, 0}), ConvolutionStepByStep.poolBackward(dA,
                                    pool.cache(), "max").get(point(1), point(1), all(), all()))
                            .close("dA_prev[1, 1] (average)", matrix(new double[] {0.08485462, 0.2787552},
                                    new double[] {1.26461098, -0.25749373}, new double[] {1.17975636, -0.53624893}),
                                    ConvolutionStepByStep.poolBackward(dA, pool.cache(), "average").get(point(1),
                                            point(1), all(), all()));
                }));
    }

    /** A mask as 0/1 doubles (its BOOL, or whatever numeric type the function gives). */
    private static INDArray asDouble(INDArray mask) {
        return mask == null ? null : mask.castTo(DataType.DOUBLE);
    }
}
