package org.dls4j.course4.week4;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.cli.TrainingOptions;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.plot.ImageGrid;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 4 week 4, "Art Generation with Neural Style Transfer" (Gatys et al. 2015): a picture G that has the content
 * of C (the Louvre) and the style of S (a Monet), found by gradient descent on G's pixels through a fixed pretrained
 * ConvNet.
 * <pre>
 * J_content(C, G) = sum (a_C - a_G)^2 / (4 n_H n_W n_C)                 at one deeper layer
 * G_gram = A A^T,  A = a unrolled to (n_C, n_H n_W)
 * J_style_layer(S, G) = sum (G_gram(S) - G_gram(G))^2 / (4 n_C^2 (n_H n_W)^2)
 * J_style = sum over STYLE_LAYERS of weight * J_style_layer              (0.2 for each of five layers)
 * J(G) = alpha J_content + beta J_style                                  (alpha 10, beta 40)
 * </pre>
 * The graded functions are {@link #computeContentCost}, {@link #gramMatrix}, {@link #computeLayerStyleCost},
 * {@link #computeStyleCost} and {@link #totalCost}, written once as SameDiff operations ({@link StyleCosts}, each
 * TensorFlow line as a {@code // tf.} comment): these methods evaluate them on arrays, and the optimisation
 * ({@link StyleCostGraph}) differentiates the very same operations. The network's part of the gradient, from the
 * activations back to the pixels, is the DL4J graph's own backward pass ({@link StyleFeatureExtractor}).
 *
 * <p>What the learner sees: which network extracts the features and which layers serve content and style, the
 * notebook's {@code Iteration i :} blocks ({@code total cost}, {@code content cost}, {@code style cost}) every
 * {@code --print-every} iterations, a progress bar, the generated picture every {@code --save-every} iterations
 * ({@code c4w4-nst-iteration-<i>.png}), the final one ({@code c4w4-nst-generated.png}), content | style | generated
 * side by side ({@code c4w4-nst.png}) and the cost curve ({@code c4w4-nst-costs.png}), all in {@code --out}.
 *
 * <p>The run follows the 2021 notebook: pictures resized to 400 x 400 and scaled to [0, 1], the generated picture
 * initialised as the content plus uniform noise in [-0.25, 0.25] and kept in [0, 1] after each step, Adam at 0.01,
 * 2501 iterations. Its VGG-19 weights ({@value Vgg19Graph#WEIGHTS_FILE}) are not public here: when you supply them
 * ({@code --vgg19-weights} or the data folder) the run is the notebook's; without them {@code --network} picks the
 * offline stand-in ({@link Network}).
 * Run: {@code ./dls run c4w4-neural-style-transfer [--size 128 --iterations 200]}.
 */
public final class NeuralStyleTransfer {

    /** The 2021 notebook's {@code STYLE_LAYERS}: one fifth for the first convolution of each VGG-19 block. */
    public static final List<StyleLayer> VGG19_STYLE_LAYERS = List.of(new StyleLayer("block1_conv1", 0.2),
            new StyleLayer("block2_conv1", 0.2), new StyleLayer("block3_conv1", 0.2),
            new StyleLayer("block4_conv1", 0.2), new StyleLayer("block5_conv1", 0.2));
    /** The 2021 notebook's {@code content_layer} (2017: {@code conv4_2}). */
    public static final String VGG19_CONTENT_LAYER = "block5_conv4";
    /** The 2021 notebook's {@code train_step} test: J after the first and second steps (rtol 5% there). */
    public static final double NOTEBOOK_J1 = 25629.055, NOTEBOOK_J2 = 17812.627;

    /** A layer of the style cost and its weight ({@code ('block1_conv1', 0.2)}). */
    public record StyleLayer(String name, double weight) {
    }

    /** The notebook's settings. */
    @Command(name = "c4w4-neural-style-transfer",
            description = "Course 4 week 4: neural style transfer, the generated picture's pixels optimised with Adam "
                    + "through a fixed ConvNet (VGG-19 with its Keras weights, or an offline stand-in); --seed seeds "
                    + "the noise the generated picture starts from.")
    public static final class Options extends TrainingOptions.FullBatch {

        @Option(names = "--content", paramLabel = "FILE",
                description = "The content picture (default: the notebook's nst/images/louvre_small.jpg).")
        public Path content;

        @Option(names = "--style", paramLabel = "FILE",
                description = "The style picture (default: the notebook's nst/images/monet.jpg).")
        public Path style;

        @Option(names = "--size", description = "Side of the square pictures the run works on (default: "
                + "${DEFAULT-VALUE}, the notebook's img_size; 64-128 for a quick run).")
        public int size = 400;

        @Option(names = "--alpha", description = "Weight of the content cost (default: ${DEFAULT-VALUE}).")
        public double alpha = 10;

        @Option(names = "--beta", description = "Weight of the style cost (default: ${DEFAULT-VALUE}).")
        public double beta = 40;

        @Option(names = "--noise", description = "Half-width of the uniform noise added to the content picture to "
                + "start from (default: ${DEFAULT-VALUE}).")
        public double noise = 0.25;

        @Option(names = "--save-every", description = "Write the generated picture every N iterations; 0 for only "
                + "the final one (default: ${DEFAULT-VALUE}).")
        public int saveEvery = 250;

        @Option(names = "--network", description = "The feature extractor, one of ${COMPLETION-CANDIDATES}; auto is "
                + "vgg19 when its weights are found, else mobilenet-v1 (default: ${DEFAULT-VALUE}).")
        public Network network = Network.AUTO;

        @Option(names = "--vgg19-weights", paramLabel = "FILE",
                description = "Keras' " + Vgg19Graph.WEIGHTS_FILE + " (else looked up as " + Vgg19Graph.WEIGHTS_PATH
                        + " in the data folders).")
        public Path vgg19Weights;

        /**
         * The 2021 notebook's 2501 iterations ({@code epochs}) of Adam at 0.01, the costs printed and a picture saved
         * every 250; {@code --seed} seeds the starting noise.
         */
        public Options() {
            super(2501, 0.01, 250, 1);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.atLeast("--size", size, 32);
            OptionChecks.nonNegative("--alpha", alpha);
            OptionChecks.nonNegative("--beta", beta);
            OptionChecks.between("--noise", noise, 0, 1);
            OptionChecks.atLeast("--save-every", saveEvery, 0);
            OptionChecks.readableImage("--content", content);
            OptionChecks.readableImage("--style", style);
            if (vgg19Weights != null && !vgg19Weights.toFile().isFile()) {
                throw new OptionException("--vgg19-weights: " + vgg19Weights + " does not exist (or is not a file); "
                        + "it should be Keras' " + Vgg19Graph.WEIGHTS_FILE + " (80 MB).");
            }
        }
    }

    /**
     * Everything a run produced: the costs of the first and the last iteration (each before that iteration's step),
     * the total cost per iteration, the final picture {@code (1, n_H, n_W, 3)} in [0, 1], the network used and the
     * files written.
     */
    public record Result(String network, Costs first, Costs last, CostCurve costs, INDArray generated,
            List<Path> images, Path plot, Path costPlot) {
    }

    /** {@code J_content}, {@code J_style} and {@code J} of one iteration. */
    public record Costs(int iteration, double jContent, double jStyle, double j) {
    }

    private NeuralStyleTransfer() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), NeuralStyleTransfer::run, args));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The graded functions, on arrays (float64); the operations themselves are in StyleCosts.

    /**
     * {@code compute_content_cost(a_C, a_G)}: {@code a_C}, {@code a_G} of shape {@code (1, n_H, n_W, n_C)}.
     *
     * @throws IllegalArgumentException when the shapes are not {@code (1, n_H, n_W, n_C)} or differ
     */
    public static double computeContentCost(INDArray aC, INDArray aG) {
        long[] shape = sameShape(aC, aG);
        SameDiff sd = SameDiff.create();
        return StyleCosts.contentCost(constant(sd, aC), constant(sd, aG), shape).eval().getDouble(0);
    }

    /** {@code gram_matrix(A)}: {@code A A^T} for {@code A} of shape {@code (n_C, n_H*n_W)}, float64. */
    public static INDArray gramMatrix(INDArray a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("gram_matrix expects A of shape (n_C, n_H*n_W), not "
                    + Arrays.toString(a.shape()));
        }
        SameDiff sd = SameDiff.create();
        return StyleCosts.gramMatrix(constant(sd, a)).eval().dup();
    }

    /** {@code compute_layer_style_cost(a_S, a_G)}: {@code a_S}, {@code a_G} of shape {@code (1, n_H, n_W, n_C)}. */
    public static double computeLayerStyleCost(INDArray aS, INDArray aG) {
        long[] shape = sameShape(aS, aG);
        SameDiff sd = SameDiff.create();
        return StyleCosts.layerStyleCost(constant(sd, aS), constant(sd, aG), shape).eval().getDouble(0);
    }

    /**
     * {@code compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS)}: the weighted sum of
     * {@link #computeLayerStyleCost} over the style layers, activations by layer name, channels last.
     */
    public static double computeStyleCost(Map<String, INDArray> aS, Map<String, INDArray> aG,
            List<StyleLayer> styleLayers) {
        // J_style = 0
        double jStyle = 0;
        for (StyleLayer layer : styleLayers) {
            // J_style += weight[1] * compute_layer_style_cost(a_S[i], a_G[i])
            jStyle += layer.weight() * computeLayerStyleCost(aS.get(layer.name()), aG.get(layer.name()));
        }
        return jStyle;
    }

    /** {@code total_cost(J_content, J_style, alpha = 10, beta = 40)}. */
    public static double totalCost(double jContent, double jStyle, double alpha, double beta) {
        SameDiff sd = SameDiff.create();
        return StyleCosts.totalCost(sd.constant(jContent), sd.constant(jStyle), alpha, beta).eval().getDouble(0);
    }

    /** {@link #totalCost(double, double, double, double)} with the notebook's alpha 10 and beta 40. */
    public static double totalCost(double jContent, double jStyle) {
        return totalCost(jContent, jStyle, 10, 40);
    }

    private static long[] sameShape(INDArray a, INDArray b) {
        long[] shape = StyleCosts.activationShape("The first activation", a.shape());
        StyleCosts.activationShape("The second activation", b.shape());
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("The two activations must have the same shape, not "
                    + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
        return shape;
    }

    private static SDVariable constant(SameDiff sd, INDArray value) {
        return sd.constant(value.castTo(DataType.DOUBLE).dup('c'));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The run.

    /** Loads the pictures and the network, optimises the generated picture, writes pictures and plots. */
    public static Result run(Options options, Report report) {
        StyleTransfer transfer = options.network.transfer(options.vgg19Weights, options.size);
        report.say(transfer.description());
        Path contentFile = options.content != null ? options.content
                : DataFiles.standard().require("nst/images/louvre_small.jpg");
        Path styleFile = options.style != null ? options.style : DataFiles.standard().require("nst/images/monet.jpg");
        // content_image = np.array(Image.open(...).resize((img_size, img_size))), then convert_image_dtype: [0, 1]
        INDArray contentImage = picture(contentFile, options.size);
        INDArray styleImage = picture(styleFile, options.size);
        report.say("Content: " + contentFile.getFileName() + ", style: " + styleFile.getFileName()
                + ", both resized to " + options.size + "x" + options.size);
        return optimise(transfer, contentImage, styleImage, options, report);
    }

    /** A picture file as {@code (1, size, size, 3)} float64 in [0, 1]. */
    static INDArray picture(Path file, int size) {
        INDArray pixels = Images.resize(Images.read(file), size, size).divi(255.0);
        return pixels.reshape('c', 1, size, size, 3);
    }

    /** The notebook's training loop on pictures already loaded (the tests call it with a small network). */
    static Result optimise(StyleTransfer transfer, INDArray contentImage, INDArray styleImage, Options options,
            Report report) {
        StyleFeatureExtractor extractor = transfer.extractor();
        // a_C = vgg_model_outputs(preprocessed_content); a_S = vgg_model_outputs(preprocessed_style)
        INDArray aC = extractor.activations(contentImage).get(transfer.contentLayer()).dup();
        Map<String, INDArray> aS = new LinkedHashMap<>();
        extractor.activations(styleImage).forEach((layer, activation) -> aS.put(layer, activation.dup()));
        StyleCostGraph cost = new StyleCostGraph(transfer.contentLayer(), aC, transfer.styleLayers(), aS,
                options.alpha, options.beta);

        // generated_image = content + tf.random.uniform(shape, -0.25, 0.25), clipped to [0, 1] (numpy's uniform here)
        long[] shape = contentImage.shape();
        INDArray noise = new NumpyRandom(options.seed).rand(Math.toIntExact(shape[0]), Math.toIntExact(shape[1]),
                Math.toIntExact(shape[2]), Math.toIntExact(shape[3])).muli(2 * options.noise).subi(options.noise);
        INDArray generated = clip01(contentImage.add(noise));

        // optimizer = tf.keras.optimizers.Adam(learning_rate=0.01) (Keras' epsilon 1e-7)
        GradientUpdater<?> adam = new Adam(options.learningRate, 0.9, 0.999, 1e-7)
                .instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 2 * generated.length()), true);
        CostRecorder recorder = CostRecorder.every(1).hint("Try a smaller --learning-rate.");
        List<Path> images = new ArrayList<>();
        long start = System.nanoTime();
        Costs first = null;
        Costs last = null;
        try (Progress progress = report.progress("Style transfer", options.iterations)) {
            for (int i = 0; i < options.iterations; i++) {
                // train_step(generated_image): a_G, J_style, J_content, J under the tape
                Map<String, INDArray> aG = extractor.activations(generated);
                StyleCostGraph.Evaluation evaluation = cost.evaluate(aG);
                // grad = tape.gradient(J, generated_image)
                INDArray grad = extractor.inputGradient(evaluation.activationGradients(), aG);
                recorder.record(i, evaluation.j());
                last = new Costs(i, evaluation.jContent(), evaluation.jStyle(), evaluation.j());
                if (first == null) {
                    first = last;
                }
                if (i % options.printEvery == 0 || i == options.iterations - 1) {
                    report.say("Iteration " + i + " :");
                    report.say("total cost = " + number(evaluation.j()));
                    report.say("content cost = " + number(evaluation.jContent()));
                    report.say("style cost = " + number(evaluation.jStyle()));
                }
                // optimizer.apply_gradients([(grad, generated_image)])
                INDArray update = grad.reshape('c', 1, grad.length());
                adam.applyUpdater(update, i, 0);
                generated.subi(update.reshape('c', generated.shape()));
                // generated_image.assign(clip_0_1(generated_image))
                generated = clip01(generated);
                if (options.saveEvery > 0 && i % options.saveEvery == 0) {
                    Path file = options.out.resolve(String.format(Locale.ROOT, "c4w4-nst-iteration-%d.png", i));
                    Images.writePng(asPicture(generated), file);
                    images.add(file);
                    report.say("Wrote " + file);
                }
                progress.stepTo(i + 1);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.result(String.format(Locale.ROOT, "J = %s after %d iterations (J_content = %s, J_style = %s); at the "
                + "start J = %s", number(last.j()), options.iterations, number(last.jContent()),
                number(last.jStyle()), number(first.j())));
        report.say(String.format(Locale.ROOT, "%d iterations in %.1f s (%.2f s each)", options.iterations, seconds,
                seconds / options.iterations));
        Path finalImage = options.out.resolve("c4w4-nst-generated.png");
        Images.writePng(asPicture(generated), finalImage);
        images.add(finalImage);
        report.say("Wrote " + finalImage);
        Path plot = ImageGrid.save(List.of(image(contentImage), image(styleImage), image(generated)),
                List.of("Content image", "Style image", "Generated image"), 3, options.out.resolve("c4w4-nst.png"));
        report.say("Wrote " + plot);
        CostCurve curve = recorder.curve();
        double[] iterations = Arrays.stream(curve.iterations()).asDoubleStream().toArray();
        Path costPlot = LinePlot.titled("Neural style transfer: total cost J").axes("iteration", "J")
                .line("J", iterations, curve.costs()).save(options.out.resolve("c4w4-nst-costs.png"));
        report.say("Wrote " + costPlot);
        return new Result(transfer.description(), first, last, curve, generated, images, plot, costPlot);
    }

    private static INDArray clip01(INDArray image) {
        return Transforms.min(Transforms.max(image, 0.0, false), 1.0, false);
    }

    /** {@code tensor_to_image}: {@code (1, h, w, 3)} in [0, 1] to {@code (h, w, 3)} 0..255. */
    private static INDArray asPicture(INDArray image) {
        return image.reshape(image.size(1), image.size(2), 3).mul(255.0);
    }

    private static BufferedImage image(INDArray image) {
        return Images.toImage(asPicture(image));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
