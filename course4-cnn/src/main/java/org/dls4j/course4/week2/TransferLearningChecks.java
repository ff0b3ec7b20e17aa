package org.dls4j.course4.week2;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.data.images.ImageAugmentation;
import org.dls4j.shared.exercise.Expect;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.graph.MobileNetV2;
import org.dls4j.shared.graph.NotebookSummary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The notebook's tests of {@code data_augmenter} and {@code alpaca_model}. The notebook checks the augmenter's Keras
 * layers (a horizontal {@code RandomFlip}, a {@code RandomRotation} of factor 0.2); here its description, and what
 * the layers do to fixed pictures: without rotation each picture comes back as it was or mirrored left-right, both
 * happening; with it, a dot 12 pixels right of the centre is turned by at most 0.2 of a full turn (72 degrees), and
 * the largest of 64 turns comes near that. {@code alpaca_model} (the notebook's MobileNetV2 with random weights,
 * {@link MobileNetV2Transfer#alpacaModel}) by its summary at the notebook's 160 x 160: the frozen base's output and
 * parameters (the notebook's {@code Functional} line), the head's lines, the trainable and non-trainable totals.
 */
public final class TransferLearningChecks implements GradedChecks {

    /** Pictures per augmentation check. */
    private static final int PICTURES = 64;
    /** The dot's picture: 33 x 33, centre (16, 16), the dot at (16, 28). */
    private static final int SIDE = 33, CENTRE = 16, RADIUS = 12;
    /** RandomRotation(0.2): at most 0.2 of a full turn either way; a degree more for the sampling. */
    private static final double LARGEST_TURN = 0.2 * 360, TURN_SLACK = 1;

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(TransferLearning.class, MobileNetV2Transfer.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(GradedCheck.of("data_augmenter", TransferLearningChecks::dataAugmenter),
                GradedCheck.of("alpaca_model", TransferLearningChecks::alpacaModel));
    }

    private static void dataAugmenter(Expect expect) {
        // augmenter = data_augmenter()
        ImageAugmentation augmenter = TransferLearning.dataAugmenter(0.2, 1);
        expect.equal("layers", "RandomFlip('horizontal'), RandomRotation(0.2) with fill_mode='reflect'",
                augmenter.describe());

        INDArray pictures = Nd4j.arange(PICTURES * 3 * 5 * 7).castTo(DataType.DOUBLE).reshape(PICTURES, 3, 5, 7);
        INDArray flipped = TransferLearning.dataAugmenter(0, 1).augmented(pictures);
        int kept = 0, mirrored = 0;
        for (int i = 0; i < PICTURES; i++) {
            INDArray in = pictures.slice(i), out = flipped.slice(i);
            if (out.equalsWithEps(in, 1e-9)) {
                kept++;
            } else if (mirrored(in, out)) {
                mirrored++;
            }
        }
        expect.equal("RandomRotation(0): pictures of " + PICTURES + " as they were or mirrored left-right",
                PICTURES, kept + mirrored)
                .close("share of them mirrored (RandomFlip: probability 1/2)", 0.5, mirrored / (double) PICTURES, 0,
                        0.25);

        INDArray dots = Nd4j.zeros(DataType.DOUBLE, PICTURES, 1, SIDE, SIDE);
        for (int i = 0; i < PICTURES; i++) {
            dots.putScalar(new long[] {i, 0, CENTRE, CENTRE + RADIUS}, 1);
        }
        INDArray turned = augmenter.augmented(dots);
        expect.shape("augmented pictures", dots.shape(), turned);
        double largest = 0;
        int beyond = 0;
        for (int i = 0; i < PICTURES; i++) {
            double turn = turn(turned.slice(i).slice(0));
            largest = Math.max(largest, turn);
            beyond += turn > LARGEST_TURN + TURN_SLACK ? 1 : 0;
        }
        expect.equal("dots turned beyond 72 degrees (0.2 of a full turn)", 0, beyond)
                .close("largest turn of " + PICTURES + ", in units of 72 degrees", 1.0, largest / LARGEST_TURN, 0,
                        0.1);
    }

    /** Whether {@code out} is {@code in (channels, h, w)} mirrored left-right, {@code np.flip(in, axis=2)}. */
    private static boolean mirrored(INDArray in, INDArray out) {
        long w = in.size(2);
        for (long c = 0; c < in.size(0); c++) {
            for (long y = 0; y < in.size(1); y++) {
                for (long x = 0; x < w; x++) {
                    if (Math.abs(out.getDouble(c, y, x) - in.getDouble(c, y, w - 1 - x)) > 1e-9) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * How far the dot of a picture {@code (SIDE, SIDE)} was turned, in degrees, from the angle of its centre of mass
     * about the picture's centre; a mirrored dot (left of the centre) is measured from the left.
     */
    private static double turn(INDArray picture) {
        double mass = 0, y = 0, x = 0;
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double v = picture.getDouble(r, c);
                mass += v;
                y += v * r;
                x += v * c;
            }
        }
        double angle = Math.abs(Math.toDegrees(Math.atan2(CENTRE - y / mass, x / mass - CENTRE)));
        return Math.min(angle, 180 - angle);
    }

    private static void alpacaModel(Expect expect) {
        // model2 = alpaca_model(IMG_SIZE, data_augmentation), IMG_SIZE = (160, 160): the base frozen
        ComputationGraph base = MobileNetV2.architecture(160, 1.0);
        ComputationGraph model = MobileNetV2Transfer.alpacaModel(base, MobileNetV2Transfer.LAYERS, 0.001, 1);
        GraphSummary summary = GraphSummary.of(model, 3, 160, 160);
        List<String> lines = NotebookSummary.of(model.getConfiguration(), InputType.convolutional(160, 160, 3));
        List<String> head = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        while (head.size() < 3) {
            head.add("none");
        }
        long headParams = summary.rows().stream().skip(Math.max(0, summary.rows().size() - 3))
                .mapToLong(GraphSummary.Row::params).sum();
        String baseOutput = summary.rows().stream().filter(r -> r.name().equals(MobileNetV2.OUTPUT)).findFirst()
                .map(r -> channelsLast(r.outputShape())).orElse("no layer " + MobileNetV2.OUTPUT);
        expect.equal("the base", "['Functional', (None, 5, 5, 1280), 2257984]",
                        "['Functional', " + baseOutput + ", " + (summary.totalParams() - headParams) + "]")
                .equal("head [0]", "['GlobalAveragePooling2D', (None, 1280), 0]", head.get(0))
                .equal("head [1]", "['Dropout', (None, 1280), 0, 0.2]", head.get(1))
                .equal("head [2] (Keras' is linear; DL4J's takes the sigmoid, its loss the logit)",
                        "['Dense', (None, 1), 1281, 'sigmoid']",
                        head.get(2))
                .equal("Total params", 2_259_265L, summary.totalParams())
                .equal("Trainable params", 1_281L, summary.trainableParams())
                .equal("Non-trainable params", 2_257_984L, summary.nonTrainableParams());
        // fine-tuning: base_model.trainable = True, base_model.layers[:120] frozen
        GraphSummary fineTuning = GraphSummary.of(MobileNetV2Transfer.alpacaModel(base, 120, 1e-4, 1), 3, 160, 160);
        expect.equal("fine_tune_at = 120: trainable params (layers 120-154 and the head)", 1_626_177L,
                fineTuning.trainableParams());
    }

    /** A channels-first shape {@code [c, h, w]} as Keras prints it, {@code (None, h, w, c)}. */
    private static String channelsLast(long[] shape) {
        return shape.length == 3 ? "(None, " + shape[1] + ", " + shape[2] + ", " + shape[0] + ")"
                : "(None, " + shape.length + "-d)";
    }
}
