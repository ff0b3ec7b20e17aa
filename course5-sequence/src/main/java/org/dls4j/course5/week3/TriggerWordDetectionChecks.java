package org.dls4j.course5.week3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.course5.week3.TriggerSynthesis.Segment;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.data.audio.AudioSegment;
import org.dls4j.shared.exercise.Expect;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.graph.GraphSummary;

/**
 * The 2021 notebook's tests of {@link TriggerSynthesis}'s {@code is_overlapping}, {@code insert_audio_clip},
 * {@code insert_ones} and {@code create_training_example}, and of {@link TriggerModel}'s {@code modelf} by its
 * summary (expected-c4-c5.md 9.2). The segments are numpy's draws ({@link NumpyRandom} is numpy's generator bit for
 * bit): {@code insert_audio_clip}'s are the notebook's own (seed 5, the 916 ms "activate"). {@code
 * create_training_example} runs on the course's clips in this project's order (file names sorted; the notebook took
 * {@code os.listdir}'s, so its {@code ||x|| = 39745552.52} is of other clips): its expected values are numpy's run of
 * the notebook's code on the same clips ({@code trigger-synthesis.py} beside {@code TriggerSynthesisTest}, seed 18,
 * the notebook's seed of its example cell).
 */
public final class TriggerWordDetectionChecks implements GradedChecks {

    private static final int CLIP_MS = 10_000;

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(TriggerSynthesis.class, TriggerModel.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("is_overlapping", TriggerWordDetectionChecks::isOverlapping),
                GradedCheck.of("insert_audio_clip", TriggerWordDetectionChecks::insertAudioClip),
                GradedCheck.of("insert_ones", expect -> {
                    // arr1 = insert_ones(np.zeros((1, Ty)), 9700); insert_ones(arr1, 4251)
                    double[] arr1 = TriggerSynthesis.insertOnes(new double[TriggerSynthesis.TY], 9700);
                    double[] same = TriggerSynthesis.insertOnes(arr1, 4251);
                    expect.equal("sanity checks arr1[0][1333], arr1[0][634], arr1[0][635]", "0.0 1.0 0.0",
                                    arr1[1333] + " " + arr1[634] + " " + arr1[635])
                            .equal("insert_ones(arr1, 4251) changes arr1 in place", true, same == arr1)
                            .equal("ones of arr1 (9700: the 41 steps left before Ty)", "[585..634, 1334..1374]",
                                    ones(arr1))
                            .equal("ones of insert_ones(zeros, 5000)", "[688..737]",
                                    ones(TriggerSynthesis.insertOnes(new double[TriggerSynthesis.TY], 5000)))
                            .equal("ones of insert_ones(zeros, 10000) (a clip not placed)", "[]",
                                    ones(TriggerSynthesis.insertOnes(new double[TriggerSynthesis.TY], 10_000)));
                }),
                GradedCheck.of("create_training_example", TriggerWordDetectionChecks::createTrainingExample),
                GradedCheck.of("modelf", TriggerWordDetectionChecks::modelf));
    }

    /** The notebook's two cells and the 2021 {@code is_overlapping_test}'s six cases. */
    private static void isOverlapping(Expect expect) {
        overlap(expect, false, seg(950, 1430), seg(2000, 2550), seg(260, 949));
        overlap(expect, true, seg(2305, 2950), seg(824, 1532), seg(1900, 2305), seg(3424, 3656));
        overlap(expect, false, seg(670, 1430));
        overlap(expect, false, seg(500, 1000), seg(100, 499), seg(1001, 1100));
        overlap(expect, true, seg(750, 1250), seg(100, 750), seg(1001, 1100));
        overlap(expect, true, seg(750, 1250), seg(300, 600), seg(1250, 1500));
        overlap(expect, true, seg(750, 1250), seg(300, 600), seg(600, 1500), seg(1600, 1800));
        overlap(expect, true, seg(800, 1100), seg(300, 600), seg(900, 1000), seg(1600, 1800));
    }

    private static void overlap(Expect expect, boolean expected, Segment segment, Segment... previous) {
        expect.equal("is_overlapping(" + show(segment) + ", " + show(List.of(previous)) + ")", expected,
                TriggerSynthesis.isOverlapping(segment, List.of(previous)));
    }

    /**
     * {@code np.random.seed(5)}, the 916 ms activate: the notebook's cell (previous {@code [(3790, 4400)]}: segment
     * {@code (2254, 3169)}) and the 2021 test ({@code [(0, 4400)]}: {@code (7286, 8201)}; {@code [(0, 9999)]}: no
     * room, {@code (10000, 10000)} after the first draw and 6 retries), with the new background and the segments.
     */
    private static void insertAudioClip(Expect expect) {
        TriggerData data = TriggerData.load();
        AudioSegment background = data.backgrounds().get(0);
        AudioSegment clip = data.activates().stream().filter(a -> a.lengthMillis() == 916).findFirst()
                .orElseThrow(() -> new IllegalStateException("no 916 ms activate clip in trigger/raw_data"));
        insertCase(expect, background, clip, seg(3790, 4400), seg(2254, 3169), 2);
        insertCase(expect, background, clip, seg(0, 4400), seg(7286, 8201), 5);
        insertCase(expect, background, clip, seg(0, 9999), TriggerSynthesis.NOT_PLACED, 7);
    }

    private static void insertCase(Expect expect, AudioSegment background, AudioSegment clip, Segment taken,
            Segment expected, int draws) {
        List<Segment> previous = new ArrayList<>(List.of(taken));
        NumpyRandom rng = new NumpyRandom(5);
        TriggerSynthesis.Inserted inserted = TriggerSynthesis.insertAudioClip(rng, background, clip, previous);
        boolean placed = !expected.equals(TriggerSynthesis.NOT_PLACED);
        AudioSegment expectedBackground = placed ? background.overlay(clip, expected.start()) : background;
        String call = "previous_segments " + show(List.of(taken)) + ": ";
        // numpy's draws: the first and the retries; the generator's next number comes after them
        NumpyRandom replay = new NumpyRandom(5);
        for (int i = 0; i < draws; i++) {
            replay.randint(0, CLIP_MS - clip.lengthMillis());
        }
        expect.equal(call + "segment_time", show(expected), inserted.segment() == null ? "null"
                        : show(inserted.segment()))
                .equal(call + "previous_segments after", show(placed ? List.of(taken, expected) : List.of(taken)),
                        show(previous))
                .equal(call + (placed ? "new_background == background.overlay(audio_clip, " + expected.start() + ")"
                        : "new_background == background"), true, inserted.background() != null
                        && Arrays.deepEquals(expectedBackground.samples(), inserted.background().samples()))
                .equal(call + "numpy's next draw after " + draws + " get_random_time_segment calls",
                        replay.randint(0, 1 << 30), rng.randint(0, 1 << 30));
    }

    /** numpy's run of the notebook's code on the same clips, seed 18, background 0 ({@code trigger-synthesis.py}). */
    private static void createTrainingExample(Expect expect) {
        TriggerData data = TriggerData.load();
        // np.random.seed(18); x, y = create_training_example(backgrounds[0], activates, negatives, Ty)
        TriggerSynthesis.Example example = TriggerSynthesis.createTrainingExample(new NumpyRandom(18),
                data.backgrounds().get(0), data.activates(), data.negatives());
        double[][] x = example.x();
        double norm = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (double[] row : x) {
            for (double v : row) {
                norm += v * v;
                smallest = Math.min(smallest, v);
            }
        }
        double audioSum = 0;
        for (double[] channel : example.audio().samples()) {
            for (double v : channel) {
                audioSum += v;
            }
        }
        expect.equal("activate segments", "[(2885, 3793), (5294, 7685)]", show(example.activates()))
                .equal("negative segments", "[(9105, 9511), (645, 999)]", show(example.negatives()))
                .equal("y.shape", "(1, 1375)", "(1, " + example.y().length + ")")
                .equal("ones of y", "[522..571, 1057..1106]", ones(example.y()))
                .equal("x.shape", "(101, 5511)", "(" + x.length + ", " + (x.length == 0 ? 0 : x[0].length) + ")")
                .equal("np.all(x > 0)", true, smallest > 0)
                .digits("np.linalg.norm(x)", 38078999.36142728, Math.sqrt(norm))
                .digits("x[50][2000]", 1.3329886693597193, x.length > 50 && x[50].length > 2000 ? x[50][2000] : 0)
                .digits("sum of the mix's samples (at -20 dBFS)", -3884899.0, audioSum);
    }

    /**
     * The 2021 notebook's summary of {@code modelf(input_shape = (Tx, n_freq))}: each layer with parameters, its
     * output shape (channels first) and count, the totals, and the four dropouts' rate 0.8 (DL4J keeps 0.2).
     */
    private static void modelf(Expect expect) {
        ComputationGraph model = TriggerModel.model(TriggerSynthesis.TX, TriggerModel.Config.NOTEBOOK, 1, 1e-3);
        GraphSummary summary = GraphSummary.of(model, TriggerSynthesis.N_FREQ, TriggerSynthesis.TX);
        List<String> layers = new ArrayList<>();
        List<Double> keep = new ArrayList<>();
        for (GraphSummary.Row row : summary.rows()) {
            if (row.params() > 0) {
                layers.add(row.type() + " " + Arrays.toString(row.outputShape()) + " " + row.params());
            }
            if (model.getLayer(row.name()) != null
                    && model.getLayer(row.name()).conf().getLayer() instanceof DropoutLayer dropout) {
                IDropout d = dropout.getIDropout();
                keep.add(d instanceof Dropout p ? p.getP() : Double.NaN);
            }
        }
        expect.equal("layers with parameters (type, output shape, params)", List.of(
                        "Convolution1DLayer [196, 1375] 297136", "BatchNormalization [196] 784",
                        "GruLayer [128, 1375] 125184", "BatchNormalization [128] 512", "GruLayer [128, 1375] 99072",
                        "BatchNormalization [128] 512", "RnnOutputLayer [1, 1375] 129"), layers)
                .equal("Total params", 523_329L, summary.totalParams())
                .equal("Trainable params", 522_425L, summary.trainableParams())
                .equal("Non-trainable params", 904L, summary.nonTrainableParams())
                .equal("the four Dropout(0.8) layers: DL4J's probability to keep", List.of(0.2, 0.2, 0.2, 0.2),
                        keep.stream().map(p -> Math.round(p * 1e9) / 1e9).toList());
    }

    private static Segment seg(long start, long end) {
        return new Segment(start, end);
    }

    private static String show(Segment s) {
        return "(" + s.start() + ", " + s.end() + ")";
    }

    private static String show(List<Segment> segments) {
        return segments.stream().map(TriggerWordDetectionChecks::show).toList().toString();
    }

    /** The runs of ones in {@code y}, {@code [585..634, 1334..1374]}. */
    static String ones(double[] y) {
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < y.length) {
            if (y[i] == 1) {
                int start = i;
                while (i + 1 < y.length && y[i + 1] == 1) {
                    i++;
                }
                runs.add(start + ".." + i);
            }
            i++;
        }
        return runs.toString();
    }
}
