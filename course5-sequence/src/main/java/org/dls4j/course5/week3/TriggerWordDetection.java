package org.dls4j.course5.week3;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.KerasFitOptions;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.audio.AudioSegment;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.plot.SpectrogramPlot;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 5 week 3, "Trigger word detection": a model that hears "activate" in a 10 s clip and chimes after it.
 *
 * <p>What the learner sees: the clip lengths ({@code background len should be 10,000 ms: 10000}), the shapes of one
 * synthesized example ({@code x.shape: (101, 5511)}, {@code y.shape: (1, 1375)}), the model summary ("Total params:
 * 523,329"), the loss of the best constant prediction (what a model that does not listen cannot beat), Keras' line
 * for each epoch ({@code Epoch 3/10 - loss: ... - accuracy: ...}), then on the training clips and on held-out
 * synthesized clips the frame accuracy (Keras' {@code accuracy}), how many of the inserted "activate"s the model
 * detects and how many of {@code chime_on_activate}'s chimes are false alarms, and on the course's dev recording
 * {@code raw_data/dev/1.wav} the chimes of {@code chime_on_activate}. In
 * {@code --out}: {@code chime_output.wav}, the recording's spectrogram and the model's prediction
 * ({@code c5w3-trigger-word-detection-spectrogram.png}, {@code c5w3-trigger-word-detection-prediction.png}).
 *
 * <p>The training clips are synthesized as the notebook does ({@link TriggerSynthesis}); the model is
 * {@link TriggerModel} (Conv1D, batch norm, two {@code GRU(128)}, a sigmoid at each of 1375 steps). The notebook only
 * fine-tunes its pretrained model (Adam 1e-6 on 32 examples, 2021; 1e-4 on 26, 2018) and measures it on 25 real
 * recordings ({@code XY_dev/X_dev.npy}): neither the model nor those recordings ship with the course data here, so
 * the model is trained from scratch and measured on held-out synthesized clips. Training from scratch in minutes
 * needs departures from the notebook, each measured (docs/course5/trigger-word-detection.md): the log of the
 * spectrogram as input (raw power: nothing detected), Dropout(0.2) instead of 0.8, batch norm momentum 0.9 instead of
 * Keras' 0.99 (after 40 steps 0.99's moving statistics are still two thirds their initial values, and the model in
 * inference mode predicts zeros everywhere), the output bias started at the labels' log-odds, Adam at 0.01 in
 * batches of 8 for 10 epochs; {@code --features power --dropout 0.8 --bn-momentum 0.99 --no-prior-bias} restore the
 * notebook's. The course ships no chime file either: the chime is a synthesized 0.3 s tone.
 *
 * <p>Run: {@code ./dls run c5w3-trigger-word-detection [--examples 32] [--epochs 10]}.
 */
public final class TriggerWordDetection {
    /** The picture of the dev recording's spectrogram. */
    public static final String SPECTROGRAM_PLOT = "c5w3-trigger-word-detection-spectrogram.png";
    /** The picture of the model's prediction on it. */
    public static final String PREDICTION_PLOT = "c5w3-trigger-word-detection-prediction.png";
    /** {@code chime_on_activate}'s output. */
    public static final String CHIME_OUTPUT = "chime_output.wav";
    /** {@code chime_on_activate}'s quiet steps before another chime. */
    static final int CHIME_GAP = 75;
    /** Output steps after an activate's end in which a detection counts (the labels' 50 ones). */
    static final int DETECTION_STEPS = 50;

    /** The settings: the notebook's where training from scratch allows (the departures are measured in the docs). */
    @Command(name = "c5w3-trigger-word-detection",
            description = "Course 5: synthesize 10 s clips with \"activate\" in them, train the notebook's Conv1D + "
                    + "GRU model from scratch, detect the trigger word and chime. --seed also seeds the training "
                    + "clips (numpy's seed of create_training_example; the held-out clips use seed + 1).")
    public static final class Options extends KerasFitOptions {

        @Option(names = "--examples", description = "training clips to synthesize (default: ${DEFAULT-VALUE}, the "
                + "2021 notebook's).")
        public int examples = 32;

        @Option(names = "--dev-examples", description = "held-out synthesized clips to measure the model on "
                + "(default: ${DEFAULT-VALUE}).")
        public int devExamples = 16;

        @Option(names = "--threshold", description = "chime_on_activate's threshold (default: ${DEFAULT-VALUE}).")
        public double threshold = 0.5;

        @Option(names = "--features", description = "the model's input: log (log10(power + 1e-10)) or power (the "
                + "notebook's: specgram's raw power) (default: ${DEFAULT-VALUE}).")
        public String features = "log";

        @Option(names = "--filters", description = "Conv1D filters (default: ${DEFAULT-VALUE}, the notebook's).")
        public int filters = TriggerModel.Config.NOTEBOOK.filters();

        @Option(names = "--units", description = "units of each GRU (default: ${DEFAULT-VALUE}, the notebook's).")
        public int units = TriggerModel.Config.NOTEBOOK.units();

        @Option(names = "--dropout", description = "Keras' dropout rate of the four Dropout layers (default: "
                + "${DEFAULT-VALUE}; the notebook's 0.8).")
        public double dropout = TriggerModel.Config.FROM_SCRATCH.dropout();

        @Option(names = "--bn-momentum", description = "batch norm's momentum of the moving mean and variance "
                + "(default: ${DEFAULT-VALUE}; Keras' 0.99).")
        public double momentum = TriggerModel.Config.FROM_SCRATCH.momentum();

        @Option(names = "--positive-weight", description = "weight of the label-1 steps in the binary "
                + "cross-entropy (default: ${DEFAULT-VALUE}, Keras' plain loss).")
        public double positiveWeight = TriggerModel.Config.NOTEBOOK.positiveWeight();

        @Option(names = "--prior-bias", negatable = true, fallbackValue = "true", description = "start the output "
                + "layer's bias at the log-odds of a label-1 step in the training clips instead of Keras' 0 (default: "
                + "${DEFAULT-VALUE}; --no-prior-bias: Keras').")
        public boolean priorBias = true;

        @Option(names = "--match-level", negatable = true, fallbackValue = "true", description = "bring "
                + "raw_data/dev/1.wav to the training clips' -20 dBFS before detect_triggerword (default: "
                + "${DEFAULT-VALUE}).")
        public boolean matchLevel = false;

        /** The model's sizes and loss. */
        public TriggerModel.Config config() {
            return new TriggerModel.Config(filters, units, dropout, momentum, positiveWeight);
        }

        /**
         * 10 epochs of batches of 8 with Adam at 0.01 (from scratch; the notebook fine-tunes for 1 epoch of batches
         * of 16 at 1e-6), numpy seed 4543 (the 2021 notebook's) for the clips, DL4J's init seed 1.
         */
        public Options() {
            super(10, 8, 0.01, 4543, 1);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.atLeast("--examples", examples, 1);
            OptionChecks.atLeast("--dev-examples", devExamples, 1);
            OptionChecks.between("--threshold", threshold, 0, 1);
            OptionChecks.numpySeed("--seed", seed, epochs + 1L);
            if (!List.of("power", "log").contains(features)) {
                throw new OptionException("--features must be power or log, not " + features);
            }
            OptionChecks.atLeast("--filters", filters, 1);
            OptionChecks.atLeast("--units", units, 1);
            OptionChecks.between("--dropout", dropout, 0, 0.95);
            OptionChecks.between("--bn-momentum", momentum, 0, 0.999);
            OptionChecks.positive("--positive-weight", positiveWeight);
        }
    }

    /**
     * How the model did on synthesized clips: Keras' frame accuracy (and that of predicting zeros), the inserted
     * activates and how many were detected, and {@code chime_on_activate}'s chimes, of which how many were false
     * alarms (neither during an activate nor in the 50 steps after it).
     */
    public record Evaluation(double frameAccuracy, int inserted, int detected, double allZerosAccuracy, int chimes,
            int falseChimes) {
        /** The fraction of inserted activates detected (recall). */
        public double detectionRate() {
            return inserted == 0 ? 0 : (double) detected / inserted;
        }

        /** The fraction of chimes that are not false alarms (precision; 0 without chimes). */
        public double chimePrecision() {
            return chimes == 0 ? 0 : (double) (chimes - falseChimes) / chimes;
        }

        /** The line printed for {@code clips} clips called {@code what}. */
        String line(String what, int clips) {
            return String.format(Locale.ROOT, "%s (%d): frame accuracy = %.4f (all zeros: %.4f); activates "
                    + "detected: %d of %d (%.1f%%); chimes: %d, false alarms: %d", what, clips, frameAccuracy,
                    allZerosAccuracy, detected, inserted, 100 * detectionRate(), chimes, falseChimes);
        }
    }

    /**
     * Everything a run produced.
     *
     * @param losses       Keras' loss of each epoch (mean binary cross-entropy over the steps)
     * @param accuracies   Keras' accuracy of each epoch (the fraction of steps right, dropout on)
     * @param constantLoss the loss of the best constant prediction (the training labels' fraction of ones at every
     *                     step): a model that does not listen to its input cannot go below it
     * @param training     the trained model on its training clips
     * @param evaluation   the trained model on the held-out clips
     * @param prediction   the model's output on the dev recording (empty when it is not available)
     * @param chimes       the output steps at which a chime was inserted
     */
    public record Result(long params, double[] losses, double[] accuracies, double constantLoss, Evaluation training,
            Evaluation evaluation, double[] prediction,
            List<Integer> chimes, List<Path> files) {
    }

    private TriggerWordDetection() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), TriggerWordDetection::run, args));
    }

    /** The notebook, top to bottom. */
    public static Result run(Options options, Report report) {
        TriggerData data = TriggerData.load();
        report.say("background len should be 10,000 ms: " + data.backgrounds().get(0).lengthMillis());
        report.say("activate[0] len may be around 1000 ms: " + data.activates().get(0).lengthMillis());
        report.say("activate[1] len: different `activate` clips can have different lengths: "
                + data.activates().get(1).lengthMillis());

        List<TriggerSynthesis.Example> training = synthesize(data, options.examples, options.seed, "Synthesizing "
                + "training clips", report);
        report.say("x.shape: (" + TriggerSynthesis.N_FREQ + ", " + TriggerSynthesis.TX + ")");
        report.say("y.shape: (1, " + TriggerSynthesis.TY + ")");
        List<TriggerSynthesis.Example> dev = synthesize(data, options.devExamples, options.seed + 1, "Synthesizing "
                + "held-out clips", report);

        INDArray y = labels(training);
        ComputationGraph model = TriggerModel.model(TriggerSynthesis.TX, options.config(), options.initSeed,
                options.learningRate);
        if (options.priorBias) {
            TriggerModel.startOutputAtPrior(model, y, options.positiveWeight);
        }
        GraphSummary summary = GraphSummary.of(model, TriggerSynthesis.N_FREQ, TriggerSynthesis.TX);
        report.say(summary.table());

        double constantLoss = constantLoss(y, options.positiveWeight);
        report.say(String.format(Locale.ROOT, "Loss of the best constant prediction (%.4f of the training steps are "
                + "1): %.4f", y.meanNumber().doubleValue(), constantLoss));
        long started = System.nanoTime();
        double[][] history = fit(model, exampleFeatures(training, options.features), y, options, report);
        report.say(String.format(Locale.ROOT, "Trained in %.1f s", (System.nanoTime() - started) / 1e9));

        Evaluation fitted = evaluate(model, training, options);
        report.say(fitted.line("Training clips", training.size()));
        Evaluation evaluation = evaluate(model, dev, options);
        report.result(evaluation.line("Held-out synthesized clips", dev.size()));

        List<Path> files = new ArrayList<>();
        double[] prediction = new double[0];
        List<Integer> chimes = List.of();
        AudioSegment recording = devRecording(report);
        if (recording != null) {
            // detect_triggerword("./raw_data/dev/1.wav")
            // the training clips' level (match_target_amplitude(-20.0), as create_training_example ends)
            double[][] x = TriggerSynthesis.spectrogram(options.matchLevel
                    ? TriggerSynthesis.matchTargetAmplitude(recording, -20.0) : recording);
            prediction = predict(model, List.<double[][]>of(x), options.features)[0];
            files.add(SpectrogramPlot.save(x, 5, options.out.resolve(SPECTROGRAM_PLOT)));
            files.add(LinePlot.titled("Prediction on raw_data/dev/1.wav").axes("output step", "probability")
                    .line("prediction", prediction).save(options.out.resolve(PREDICTION_PLOT)));
            // chime_on_activate(filename, prediction, 0.5)
            chimes = chimeSteps(prediction, options.threshold);
            AudioSegment chimed = chimeOnActivate(recording, chimes, prediction.length);
            files.add(chimed.writeWav(options.out.resolve(CHIME_OUTPUT)));
            report.result("raw_data/dev/1.wav: " + chimes.size() + " chime" + (chimes.size() == 1 ? "" : "s")
                    + (chimes.isEmpty() ? "" : " at output steps " + chimes));
        }
        files.forEach(file -> report.say("Wrote " + file));
        return new Result(summary.totalParams(), history[0], history[1], constantLoss, fitted,
                evaluation, prediction, chimes,
                List.copyOf(files));
    }

    /** The notebook's loop over {@code create_training_example}: background {@code i % 2}, one numpy stream. */
    static List<TriggerSynthesis.Example> synthesize(TriggerData data, int count, long seed, String task,
            Report report) {
        // np.random.seed(4543)
        NumpyRandom rng = new NumpyRandom(seed);
        List<TriggerSynthesis.Example> examples = new ArrayList<>();
        try (Progress progress = report.progress(task, count)) {
            for (int i = 0; i < count; i++) {
                // x, y = create_training_example(backgrounds[i % 2], activates, negatives, Ty)
                examples.add(TriggerSynthesis.createTrainingExample(rng, data.backgrounds().get(i % 2),
                        data.activates(), data.negatives()));
                progress.step();
            }
        }
        return examples;
    }

    /**
     * {@code model.fit(X, Y, batch_size, epochs)}: Keras' loss (the mean binary cross-entropy over the 1375 steps)
     * and accuracy (the fraction of steps whose rounded output equals the label, dropout on) of each epoch, averaged
     * over its batches by their sizes. GraphFit's accuracy reads one output per example, not one per step.
     */
    static double[][] fit(ComputationGraph model, INDArray x, INDArray y, Options options, Report report) {
        NotebookMiniBatches batches = new NotebookMiniBatches(x, y, options.batchSize, options.seed, DataType.FLOAT);
        double[] losses = new double[options.epochs];
        double[] accuracies = new double[options.epochs];
        CostRecorder recorder = CostRecorder.every(1).onRecord((e, loss) -> report.say(String.format(Locale.ROOT,
                "Epoch %d/%d - loss: %.4f - accuracy: %.4f", e + 1, options.epochs, loss, accuracies[e])));
        StepAccuracy accuracy = new StepAccuracy();
        model.addListeners(accuracy);
        try (Progress progress = report.progress("Training", (long) options.epochs
                * ((batches.size() + options.batchSize - 1) / options.batchSize))) {
            for (int e = 0; e < options.epochs; e++) {
                double loss = 0;
                double right = 0;
                for (DataSet batch : batches.epochBatches(e)) {
                    accuracy.labels = batch.getLabels();
                    model.fit(batch);
                    loss += model.score() / TriggerSynthesis.TY * batch.numExamples();
                    right += accuracy.last * batch.numExamples();
                    progress.step();
                }
                accuracies[e] = right / batches.size();
                losses[e] = loss / batches.size();
                recorder.record(e, losses[e]);
            }
        } finally {
            model.getListeners().remove(accuracy);
        }
        return new double[][] {losses, accuracies};
    }

    /**
     * Keras' binary accuracy of the training forward pass (with dropout). DL4J hands listeners every vertex's
     * activations but the output layer's, so the output layer is applied here to its input, the rows
     * {@code (m T, 128)} of {@code dropout_3}: {@code x W + b > 0} is {@code sigmoid > 0.5}.
     */
    private static final class StepAccuracy extends BaseTrainingListener {
        private INDArray labels;
        private double last;

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            INDArray rows = activations.get("dropout_3");
            if (rows == null || labels == null) {
                return;
            }
            Layer output = ((ComputationGraph) model).getLayer("time_distributed");
            INDArray z = rows.mmul(output.getParam("W")).addiRowVector(output.getParam("b"));
            INDArray y = labels.dup('c').reshape('c', z.length(), 1);
            last = z.gt(0).castTo(y.dataType()).eq(y).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        }
    }

    /**
     * Frame accuracy, detections and chimes on synthesized clips: an inserted activate counts as detected when the
     * output exceeds 0.5 at one of the 50 steps after its end (where its labels are 1); a chime ({@code
     * chime_on_activate} at {@code --threshold}) is a false alarm unless it comes while an activate is said or in
     * the 50 steps after it (a model often rises a step or two before the labels do).
     */
    static Evaluation evaluate(ComputationGraph model, List<TriggerSynthesis.Example> examples, Options options) {
        double[][] predictions = predict(model, examples.stream().map(TriggerSynthesis.Example::x).toList(),
                options.features);
        long right = 0;
        long zeros = 0;
        long steps = 0;
        int inserted = 0;
        int detected = 0;
        int chimes = 0;
        int falseChimes = 0;
        for (int i = 0; i < examples.size(); i++) {
            double[] y = examples.get(i).y();
            double[] p = predictions[i];
            for (int t = 0; t < y.length; t++) {
                right += (p[t] > 0.5 ? 1 : 0) == y[t] ? 1 : 0;
                zeros += y[t] == 0 ? 1 : 0;
                steps++;
            }
            boolean[] onActivate = new boolean[p.length];
            for (TriggerSynthesis.Segment segment : examples.get(i).activates()) {
                if (segment.equals(TriggerSynthesis.NOT_PLACED)) {
                    continue;
                }
                inserted++;
                int start = outputStep(segment.start());
                int end = outputStep(segment.end());
                for (int t = start; t <= end + DETECTION_STEPS && t < p.length; t++) {
                    onActivate[t] = true;
                }
                for (int t = end + 1; t <= end + DETECTION_STEPS && t < p.length; t++) {
                    if (p[t] > 0.5) {
                        detected++;
                        break;
                    }
                }
            }
            for (int chime : chimeSteps(p, options.threshold)) {
                chimes++;
                falseChimes += onActivate[chime] ? 0 : 1;
            }
        }
        return new Evaluation((double) right / steps, inserted, detected, (double) zeros / steps, chimes,
                falseChimes);
    }

    /** {@code insert_ones}' output step of a time in ms: {@code int(ms * Ty / 10000.0)}. */
    private static int outputStep(long ms) {
        return (int) (ms * TriggerSynthesis.TY / 10000.0);
    }

    /** The model's output {@code (1375)} for each spectrogram, in batches of 8. */
    static double[][] predict(ComputationGraph model, List<double[][]> spectrograms, String kind) {
        double[][] out = new double[spectrograms.size()][];
        for (int start = 0; start < spectrograms.size(); start += 8) {
            List<double[][]> batch = spectrograms.subList(start, Math.min(spectrograms.size(), start + 8));
            INDArray features = features(batch, kind);
            // the preprocessors read the batch size from the graph's labels (the last training batch's), else inputs
            model.setLabels(new INDArray[1]);
            model.setInputs(features);
            INDArray p = model.outputSingle(false, features);
            for (int i = 0; i < batch.size(); i++) {
                out[start + i] = p.get(NDArrayIndex.point(i), NDArrayIndex.point(0), NDArrayIndex.all()).toDoubleVector();
            }
        }
        return out;
    }

    /**
     * The loss of the best constant prediction on {@code labels}: with a fraction {@code p} of ones and their weight
     * {@code w}, {@code q = w p / (w p + 1 - p)} at every step, loss {@code -(w p log q + (1 - p) log(1 - q))}
     * ({@code H(p)} for Keras' loss).
     */
    static double constantLoss(INDArray labels, double positiveWeight) {
        double p = labels.meanNumber().doubleValue();
        if (p <= 0 || p >= 1) {
            return 0;
        }
        double q = positiveWeight * p / (positiveWeight * p + 1 - p);
        return -(positiveWeight * p * Math.log(q) + (1 - p) * Math.log(1 - q));
    }

    /**
     * {@code chime_on_activate}'s rule: count the steps since the last chime; a chime where the prediction exceeds
     * the threshold after more than 75 of them.
     */
    static List<Integer> chimeSteps(double[] prediction, double threshold) {
        List<Integer> chimes = new ArrayList<>();
        // np. consecutive_timesteps = 0
        int consecutive = 0;
        for (int i = 0; i < prediction.length; i++) {
            // np. consecutive_timesteps += 1
            consecutive++;
            // np. if predictions[0, i, 0] > threshold and consecutive_timesteps > 75:
            if (prediction[i] > threshold && consecutive > CHIME_GAP) {
                chimes.add(i);
                // np. consecutive_timesteps = 0
                consecutive = 0;
            }
        }
        return chimes;
    }

    /**
     * {@code audio_clip.overlay(chime, position = ((i / Ty) * audio_clip.duration_seconds) * 1000)} at each chime
     * step, with a synthesized chime (the course's {@code chime.wav} is not in the data).
     */
    static AudioSegment chimeOnActivate(AudioSegment clip, List<Integer> steps, int ty) {
        AudioSegment chime = chime(clip.sampleRate(), clip.channels());
        AudioSegment out = clip;
        double seconds = (double) clip.frames() / clip.sampleRate();
        for (int i : steps) {
            out = out.overlay(chime, (double) i / ty * seconds * 1000);
        }
        return out;
    }

    /** A 0.3 s 880 Hz tone at a quarter of full scale, fading out: the chime. */
    static AudioSegment chime(int sampleRate, int channels) {
        int frames = (int) (0.3 * sampleRate);
        double[][] samples = new double[channels][frames];
        for (int f = 0; f < frames; f++) {
            double v = Math.rint(8192 * Math.sin(2 * Math.PI * 880 * f / sampleRate) * (1 - (double) f / frames));
            for (int c = 0; c < channels; c++) {
                samples[c][f] = v;
            }
        }
        return new AudioSegment(sampleRate, samples);
    }

    private static AudioSegment devRecording(Report report) {
        try {
            return TriggerData.devRecordings().get(0);
        } catch (DataException e) {
            report.say("raw_data/dev/1.wav is not available (" + e.getMessage() + "): no chime_output.wav.");
            return null;
        }
    }

    private static INDArray exampleFeatures(List<TriggerSynthesis.Example> examples, String kind) {
        return features(examples.stream().map(TriggerSynthesis.Example::x).toList(), kind);
    }

    /** The model's input {@code (m, 101, 5511)} in float32: the spectrograms' power, or its log10. */
    static INDArray features(List<double[][]> spectrograms, String kind) {
        INDArray x = Nd4j.create(spectrograms.toArray(double[][][]::new));
        if (kind.equals("log")) {
            x = Transforms.log(x.addi(1e-10), false).divi(Math.log(10));
        }
        return x.castTo(DataType.FLOAT);
    }

    private static INDArray labels(List<TriggerSynthesis.Example> examples) {
        double[][][] y = new double[examples.size()][1][];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = examples.get(i).y();
        }
        return Nd4j.create(y).castTo(DataType.FLOAT);
    }
}
