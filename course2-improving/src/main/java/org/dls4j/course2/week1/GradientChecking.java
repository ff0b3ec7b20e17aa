package org.dls4j.course2.week1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.graph.Graphs;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 2, week 1, "Gradient Checking": is backpropagation right? Compare it with the two-sided difference
 * {@code (J(θ+ε) − J(θ−ε)) / 2ε} and report {@code ‖grad − gradapprox‖ / (‖grad‖ + ‖gradapprox‖)}.
 *
 * <p>What the learner sees, in the notebook's order:
 * <ol>
 *   <li>the 1-D case {@code J(θ) = θx} at {@code x = 2, θ = 4}: {@code J = 8}, {@code dtheta = 2} and
 *       "Your backward propagation works perfectly fine! difference = 2.919335883291695e-10";</li>
 *   <li>the N-D case on the notebook's test network (LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID, 47 parameters, numpy
 *       {@code seed(1)} inputs) with the notebook's <em>deliberately wrong</em> {@code backward_propagation_n}
 *       ({@code dW2} doubled, {@code db1} with {@code 4./m}): "There is a mistake in the backward propagation!
 *       difference = 0.28509315…", then with both bugs fixed: "works perfectly fine! difference = 1.18…e-07". The
 *       digits after about the 8th (buggy) or the 3rd (fixed) are rounding noise divided by ε: they depend on the
 *       platform's {@code exp}/{@code log}, exactly as they differ between numpy versions;</li>
 *   <li>the same network and weights as a DL4J {@link ComputationGraph}: its score equals the notebook's cost, its
 *       gradient equals our fixed backward pass, and DL4J's own {@link GradientCheckUtil} (double precision)
 *       checks every parameter the same way and passes.</li>
 * </ol>
 * Everything from scratch is float64 with {@link NumpyRandom}; a {@code // np.xxx} comment stands above each ND4J
 * call. Run: {@code ./dls run c2w1-gradient-checking [--epsilon 1e-7] [--seed 1]}. The verdicts, {@code J},
 * {@code dtheta} and the DL4J comparison are the results ({@code -q} keeps them); the headings and the N-D cost are
 * said along the way.
 */
public final class GradientChecking {

    /** The notebook's threshold: above it, "There is a mistake in the backward propagation!". */
    public static final double THRESHOLD = 2e-7;
    /** Order of {@code gc_utils.dictionary_to_vector}. */
    public static final List<String> KEYS = List.of("W1", "b1", "W2", "b2", "W3", "b3");

    /** The notebook's settings: ε = 1e-7, the test case drawn after {@code np.random.seed(1)}. */
    @Command(name = "c2w1-gradient-checking",
            description = "Course 2 week 1: gradient checking, 1-D and N-D, with the notebook's buggy backward pass, "
                    + "and DL4J's GradientCheckUtil on the same network.")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--epsilon", paramLabel = "EPS",
                description = "The ε of the two-sided difference (default: ${DEFAULT-VALUE}, the notebook's).")
        public double epsilon = 1e-7;

        @Option(names = "--seed", description = "np.random.seed of gradient_check_n_test_case (default: "
                + "${DEFAULT-VALUE}).")
        public long seed = 1;

        @Override
        public void validate() {
            OptionChecks.positive("--epsilon", epsilon);
            OptionChecks.numpySeed("--seed", seed, 0);
        }
    }

    /** Everything the run printed, as numbers. */
    public record Result(double j, double dtheta, double difference1d, double costN, double differenceBuggy,
            double differenceFixed, double dl4jScore, double dl4jVsFixedMaxAbs, boolean dl4jGradientCheckPassed) {
    }

    /** The notebook's {@code X, Y, parameters = gradient_check_n_test_case()}. */
    public record TestCase(INDArray x, INDArray y, Map<String, INDArray> parameters) {
    }

    /** {@code cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)} of {@code forward_propagation_n}. */
    public record CacheN(INDArray z1, INDArray a1, INDArray w1, INDArray b1, INDArray z2, INDArray a2, INDArray w2,
            INDArray b2, INDArray z3, INDArray a3, INDArray w3, INDArray b3) {
    }

    /** {@code cost, cache = forward_propagation_n(X, Y, parameters)}. */
    public record Forward(double cost, CacheN cache) {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), GradientChecking::run, args));
    }

    // ---------------------------------------------------------------------------------------------------- 1-D

    /** {@code J = theta * x}. */
    @Graded("forward_propagation")
    public static double forwardPropagation(double x, double theta) {
        return theta * x;
    }

    /** {@code dtheta = x}: the derivative of {@code J} with respect to θ. */
    @Graded("backward_propagation")
    public static double backwardPropagation(double x, double theta) {
        return x;
    }

    /** The 1-D check: the relative difference between {@code backward_propagation} and the two-sided estimate. */
    @Graded("gradient_check")
    public static double gradientCheck(double x, double theta, double epsilon) {
        requirePositiveFinite(epsilon);
        // theta_plus = theta + epsilon; theta_minus = theta - epsilon
        double thetaplus = theta + epsilon;
        double thetaminus = theta - epsilon;
        // J_plus = forward_propagation(x, theta_plus); J_minus = forward_propagation(x, theta_minus)
        double jPlus = forwardPropagation(x, thetaplus);
        double jMinus = forwardPropagation(x, thetaminus);
        // gradapprox = (J_plus - J_minus) / (2 * epsilon)
        double gradapprox = (jPlus - jMinus) / (2 * epsilon);
        // grad = backward_propagation(x, theta)
        double grad = backwardPropagation(x, theta);
        // np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)); the norm of a
        // scalar is sqrt(x*x), not abs(x): same rounding as numpy
        double numerator = Math.sqrt((grad - gradapprox) * (grad - gradapprox));
        double denominator = Math.sqrt(grad * grad) + Math.sqrt(gradapprox * gradapprox);
        return numerator / denominator;
    }

    // ---------------------------------------------------------------------------------------------------- N-D

    /** {@code gradient_check_n_test_case()}: {@code seed(1)}, x (4, 3), y = [1, 1, 0], then W1, b1 ... b3. */
    public static TestCase gradientCheckNTestCase(long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        // np.random.randn(4, 3)
        INDArray x = rng.randn(4, 3);
        // np.array([1, 1, 0]), broadcast against A3 of shape (1, 3)
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 1, 0}});
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        // np.random.randn(5, 4), randn(5, 1), randn(3, 5), randn(3, 1), randn(1, 3), randn(1, 1)
        parameters.put("W1", rng.randn(5, 4));
        parameters.put("b1", rng.randn(5, 1));
        parameters.put("W2", rng.randn(3, 5));
        parameters.put("b2", rng.randn(3, 1));
        parameters.put("W3", rng.randn(1, 3));
        parameters.put("b3", rng.randn(1, 1));
        return new TestCase(x, y, parameters);
    }

    /** LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID and the cross-entropy cost {@code 1/m Σ logprobs}. */
    public static Forward forwardPropagationN(INDArray x, INDArray y, Map<String, INDArray> parameters) {
        long m = x.size(1);
        INDArray w1 = Shapes.require(parameters.get("W1"), "W1", 5, x.size(0));
        INDArray b1 = Shapes.require(parameters.get("b1"), "b1", 5, 1);
        INDArray w2 = Shapes.require(parameters.get("W2"), "W2", 3, 5);
        INDArray b2 = Shapes.require(parameters.get("b2"), "b2", 3, 1);
        INDArray w3 = Shapes.require(parameters.get("W3"), "W3", 1, 3);
        INDArray b3 = Shapes.require(parameters.get("b3"), "b3", 1, 1);
        Shapes.require(y, "Y", 1, m);

        // np.dot(W1, X) + b1
        INDArray z1 = w1.mmul(x).addiColumnVector(b1);
        // relu(Z1) = np.maximum(0, Z1)
        INDArray a1 = Transforms.max(z1, 0.0, true);
        // np.dot(W2, A1) + b2
        INDArray z2 = w2.mmul(a1).addiColumnVector(b2);
        // np.maximum(0, Z2)
        INDArray a2 = Transforms.max(z2, 0.0, true);
        // np.dot(W3, A2) + b3
        INDArray z3 = w3.mmul(a2).addiColumnVector(b3);
        // sigmoid(Z3) = 1 / (1 + np.exp(-Z3))
        INDArray a3 = Transforms.exp(z3.neg(), false).addi(1.0).rdivi(1.0);

        // np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
        INDArray logprobs = Transforms.log(a3, true).negi().muli(y)
                .addi(Transforms.log(a3.rsub(1.0), false).negi().muli(y.rsub(1.0)));
        // 1. / m * np.sum(logprobs)
        double cost = 1.0 / m * logprobs.sumNumber().doubleValue();
        return new Forward(cost, new CacheN(z1, a1, w1, b1, z2, a2, w2, b2, z3, a3, w3, b3));
    }

    /**
     * {@code backward_propagation_n}. With {@code notebookBugs} it is the notebook's version with its two deliberate
     * mistakes ({@code dW2 = 1./m * np.dot(dZ2, A1.T) * 2} and {@code db1 = 4./m * np.sum(dZ1, ...)}); without, the
     * corrected one.
     *
     * @return dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 (like the notebook's {@code gradients} dict)
     */
    public static Map<String, INDArray> backwardPropagationN(INDArray x, INDArray y, CacheN cache,
            boolean notebookBugs) {
        double m = x.size(1);
        Map<String, INDArray> g = new LinkedHashMap<>();
        // dZ3 = A3 - Y
        INDArray dZ3 = cache.a3().sub(y);
        // dW3 = 1./m * np.dot(dZ3, A2.T)
        INDArray dW3 = dZ3.mmul(cache.a2().transpose()).muli(1.0 / m);
        // db3 = 1./m * np.sum(dZ3, axis=1, keepdims=True)
        INDArray db3 = dZ3.sum(true, 1).muli(1.0 / m);

        // dA2 = np.dot(W3.T, dZ3)
        INDArray dA2 = cache.w3().transpose().mmul(dZ3);
        // dZ2 = np.multiply(dA2, np.int64(A2 > 0))
        INDArray dZ2 = dA2.mul(cache.a2().gt(0.0).castTo(DataType.DOUBLE));
        // dW2 = 1./m * np.dot(dZ2, A1.T) (* 2 in the notebook's buggy version)
        INDArray dW2 = dZ2.mmul(cache.a1().transpose()).muli(1.0 / m);
        if (notebookBugs) {
            dW2.muli(2);
        }
        // db2 = 1./m * np.sum(dZ2, axis=1, keepdims=True)
        INDArray db2 = dZ2.sum(true, 1).muli(1.0 / m);

        // dA1 = np.dot(W2.T, dZ2)
        INDArray dA1 = cache.w2().transpose().mmul(dZ2);
        // dZ1 = np.multiply(dA1, np.int64(A1 > 0))
        INDArray dZ1 = dA1.mul(cache.a1().gt(0.0).castTo(DataType.DOUBLE));
        // dW1 = 1./m * np.dot(dZ1, X.T)
        INDArray dW1 = dZ1.mmul(x.transpose()).muli(1.0 / m);
        // db1 = 1./m * np.sum(dZ1, axis=1, keepdims=True)   (4./m in the buggy version)
        INDArray db1 = dZ1.sum(true, 1).muli((notebookBugs ? 4.0 : 1.0) / m);

        g.put("dZ3", dZ3);
        g.put("dW3", dW3);
        g.put("db3", db3);
        g.put("dA2", dA2);
        g.put("dZ2", dZ2);
        g.put("dW2", dW2);
        g.put("db2", db2);
        g.put("dA1", dA1);
        g.put("dZ1", dZ1);
        g.put("dW1", dW1);
        g.put("db1", db1);
        return g;
    }

    /** {@code gc_utils.dictionary_to_vector}: W1, b1, W2, b2, W3, b3, each row-major, as one (47, 1) column. */
    public static INDArray dictionaryToVector(Map<String, INDArray> parameters) {
        INDArray[] parts = new INDArray[KEYS.size()];
        for (int i = 0; i < parts.length; i++) {
            INDArray p = parameters.get(KEYS.get(i));
            if (p == null) {
                throw new IllegalArgumentException("parameters has no " + KEYS.get(i));
            }
            // np.reshape(parameters[key], (-1, 1))
            parts[i] = p.reshape('c', p.length(), 1);
        }
        // np.concatenate((theta, new_vector), axis=0)
        return Nd4j.concat(0, parts);
    }

    /** {@code gc_utils.gradients_to_vector}: dW1, db1, dW2, db2, dW3, db3 as one (47, 1) column. */
    public static INDArray gradientsToVector(Map<String, INDArray> gradients) {
        Map<String, INDArray> renamed = new LinkedHashMap<>();
        for (String key : KEYS) {
            INDArray g = gradients.get("d" + key);
            if (g == null) {
                throw new IllegalArgumentException("gradients has no d" + key);
            }
            renamed.put(key, g);
        }
        return dictionaryToVector(renamed);
    }

    /** {@code gc_utils.vector_to_dictionary}: the inverse of {@link #dictionaryToVector} for the 4-5-3-1 network. */
    public static Map<String, INDArray> vectorToDictionary(INDArray theta) {
        Shapes.require(theta, "theta", 47, 1);
        Map<String, INDArray> p = new LinkedHashMap<>();
        // theta[:20].reshape((5, 4)), theta[20:25].reshape((5, 1)), ... theta[46:47].reshape((1, 1))
        p.put("W1", slice(theta, 0, 20).reshape('c', 5, 4));
        p.put("b1", slice(theta, 20, 25).reshape('c', 5, 1));
        p.put("W2", slice(theta, 25, 40).reshape('c', 3, 5));
        p.put("b2", slice(theta, 40, 43).reshape('c', 3, 1));
        p.put("W3", slice(theta, 43, 46).reshape('c', 1, 3));
        p.put("b3", slice(theta, 46, 47).reshape('c', 1, 1));
        return p;
    }

    private static INDArray slice(INDArray theta, int from, int to) {
        return theta.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
    }

    /**
     * {@code gradient_check_n}: perturbs each of the 47 parameters by ±ε in turn, re-runs the forward pass and
     * compares the two-sided estimate with {@code gradients}.
     */
    @Graded("gradient_check_n")
    public static double gradientCheckN(Map<String, INDArray> parameters, Map<String, INDArray> gradients,
            INDArray x, INDArray y, double epsilon) {
        requirePositiveFinite(epsilon);
        INDArray parametersValues = dictionaryToVector(parameters);
        INDArray grad = gradientsToVector(gradients);
        int numParameters = (int) parametersValues.size(0);
        // np.zeros((num_parameters, 1))
        INDArray gradapprox = Nd4j.zeros(DataType.DOUBLE, numParameters, 1);
        for (int i = 0; i < numParameters; i++) {
            // thetaplus = np.copy(parameters_values); thetaplus[i][0] += epsilon
            INDArray thetaplus = parametersValues.dup();
            thetaplus.putScalar(i, 0, thetaplus.getDouble(i, 0) + epsilon);
            double jPlus = forwardPropagationN(x, y, vectorToDictionary(thetaplus)).cost();
            // thetaminus = np.copy(parameters_values); thetaminus[i][0] -= epsilon
            INDArray thetaminus = parametersValues.dup();
            thetaminus.putScalar(i, 0, thetaminus.getDouble(i, 0) - epsilon);
            double jMinus = forwardPropagationN(x, y, vectorToDictionary(thetaminus)).cost();
            gradapprox.putScalar(i, 0, (jPlus - jMinus) / (2 * epsilon));
        }
        // np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
        double numerator = grad.sub(gradapprox).norm2Number().doubleValue();
        double denominator = grad.norm2Number().doubleValue() + gradapprox.norm2Number().doubleValue();
        double difference = numerator / denominator;
        if (Double.isNaN(difference)) {
            throw new IllegalStateException("The gradient check gave NaN: the cost is not finite around these "
                    + "parameters (log of 0). Check the inputs.");
        }
        return difference;
    }

    /** The notebook's message for a difference. */
    public static String verdict(double difference) {
        return difference > THRESHOLD
                ? "There is a mistake in the backward propagation! difference = " + NumpyFormat.repr(difference)
                : "Your backward propagation works perfectly fine! difference = " + NumpyFormat.repr(difference);
    }

    // ---------------------------------------------------------------------------------------------------- DL4J

    /**
     * The notebook's 4-5-3-1 network as a DL4J graph in double precision, with the test case's weights copied in
     * (DL4J stores a dense layer's W as (nIn, nOut), the transpose of the notebook's, and b as a row).
     */
    public static ComputationGraph asDl4jGraph(Map<String, INDArray> parameters) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)          // gradient checks need float64: ε = 1e-6 is below float32 noise
                .updater(new NoOp())                // GradientCheckUtil requires no updater (it only reads gradients)
                .graphBuilder()
                .addInputs("X")
                .setInputTypes(InputType.feedForward(4))   // DL4J infers every nIn from this
                .addLayer("layer1", new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build(), "X")
                .addLayer("layer2", new DenseLayer.Builder().nOut(3).activation(Activation.RELU).build(), "layer1")
                // sigmoid output + binary cross-entropy = the notebook's A3 and cost
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
                        .activation(Activation.SIGMOID).build(), "layer2")
                .setOutputs("output")
                .build();
        ComputationGraph graph = Graphs.initialized(conf);
        String[] layers = {"layer1", "layer2", "output"};
        for (int l = 0; l < 3; l++) {
            graph.setParam(layers[l] + "_W", parameters.get("W" + (l + 1)).transpose().dup());
            graph.setParam(layers[l] + "_b", parameters.get("b" + (l + 1)).transpose().dup());
        }
        return graph;
    }

    /**
     * DL4J's gradient of the graph, in the notebook's vector order (dW1, db1, ..., db3), as a (47, 1) column, divided
     * by m as the notebook's is (DL4J leaves that division to its updater).
     */
    public static INDArray dl4jGradientVector(ComputationGraph graph, INDArray x, INDArray y) {
        graph.setInputs(x.transpose().dup());
        graph.setLabels(y.transpose().dup());
        graph.computeGradientAndScore();
        Map<String, INDArray> table = graph.gradient().gradientForVariable();
        Map<String, INDArray> g = new LinkedHashMap<>();
        String[] layers = {"layer1", "layer2", "output"};
        for (int l = 0; l < 3; l++) {
            g.put("dW" + (l + 1), table.get(layers[l] + "_W").transpose());
            INDArray db = table.get(layers[l] + "_b");
            g.put("db" + (l + 1), db.reshape('c', db.length(), 1));
        }
        // DL4J's raw gradient is summed over the mini-batch; its updater divides by the batch size later
        return gradientsToVector(g).divi(x.size(1));
    }

    /** DL4J's {@link GradientCheckUtil} on the graph: ε = 1e-6, max relative error 1e-3, absolute floor 1e-8. */
    public static boolean dl4jGradientCheck(ComputationGraph graph, INDArray x, INDArray y) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(graph)
                .inputs(new INDArray[] {x.transpose().dup()})
                .labels(new INDArray[] {y.transpose().dup()})
                .epsilon(1e-6)
                .maxRelError(1e-3)
                .minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .exitOnFirstError(false));
    }

    // ---------------------------------------------------------------------------------------------------- run

    /** Runs the notebook's cells in order, printing its lines; the CLI and the tests share this. */
    public static Result run(Options options, Report report) {
        double epsilon = options.epsilon;
        // x, theta = 2, 4; J = forward_propagation(x, theta); dtheta = backward_propagation(x, theta)
        double x = 2;
        double theta = 4;
        double j = forwardPropagation(x, theta);
        double dtheta = backwardPropagation(x, theta);
        double difference1d = gradientCheck(x, theta, epsilon);
        report.say("1-dimensional gradient checking, x = 2, theta = 4");
        report.result("J = " + pythonNumber(j));
        report.result("dtheta = " + pythonNumber(dtheta));
        report.result(verdict(difference1d));
        report.say("");

        // X, Y, parameters = gradient_check_n_test_case(); cost, cache = forward_propagation_n(X, Y, parameters)
        TestCase tc = gradientCheckNTestCase(options.seed);
        Forward forward = forwardPropagationN(tc.x(), tc.y(), tc.parameters());
        report.say("N-dimensional gradient checking (LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID, 47 parameters)");
        report.say("cost = " + NumpyFormat.repr(forward.cost()));
        // gradients = backward_propagation_n(X, Y, cache); difference = gradient_check_n(parameters, gradients, X, Y)
        Map<String, INDArray> buggy = backwardPropagationN(tc.x(), tc.y(), forward.cache(), true);
        double differenceBuggy = gradientCheckN(tc.parameters(), buggy, tc.x(), tc.y(), epsilon);
        report.say("With the notebook's backward_propagation_n (dW2 doubled, db1 with 4./m):");
        report.result(verdict(differenceBuggy));
        Map<String, INDArray> fixed = backwardPropagationN(tc.x(), tc.y(), forward.cache(), false);
        double differenceFixed = gradientCheckN(tc.parameters(), fixed, tc.x(), tc.y(), epsilon);
        report.say("With both mistakes fixed:");
        report.result(verdict(differenceFixed));
        report.say("");

        ComputationGraph graph = asDl4jGraph(tc.parameters());
        INDArray dl4jGrad = dl4jGradientVector(graph, tc.x(), tc.y());
        double dl4jScore = graph.score();
        double maxAbs = Transforms.abs(dl4jGrad.sub(gradientsToVector(fixed))).maxNumber().doubleValue();
        report.say("The same network and weights as a DL4J ComputationGraph (float64):");
        report.result("DL4J score = " + NumpyFormat.repr(dl4jScore) + "   (forward_propagation_n cost = "
                + NumpyFormat.repr(forward.cost()) + ")");
        report.result("max |DL4J gradient - fixed backward_propagation_n| = "
                + String.format(Locale.ROOT, "%.3e", maxAbs));
        report.say("(DL4J warns below that ReLU has a kink: a check can fail spuriously when a perturbation crosses it,"
                + " which is why the notebook's own check also uses ε this small.)");
        boolean passed = dl4jGradientCheck(graph, tc.x(), tc.y());
        report.result("DL4J GradientCheckUtil (epsilon 1e-6, max relative error 1e-3) on all "
                + graph.numParams() + " parameters: " + (passed ? "PASSED" : "FAILED"));
        return new Result(j, dtheta, difference1d, forward.cost(), differenceBuggy, differenceFixed, dl4jScore, maxAbs,
                passed);
    }

    /** Python prints {@code 2 * 4} as {@code 8}: integral values without ".0", others as {@code str(float)}. */
    static String pythonNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : NumpyFormat.repr(v);
    }

    private static void requirePositiveFinite(double epsilon) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("--epsilon must be a positive number, e.g. 1e-7, but was " + epsilon);
        }
    }

}
