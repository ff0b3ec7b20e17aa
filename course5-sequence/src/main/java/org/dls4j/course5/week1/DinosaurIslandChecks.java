package org.dls4j.course5.week1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.text.CharCorpus;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.scratch.dense.Parameters;

/**
 * The 2021 notebook's test cells for {@link DinosaurIsland}'s {@code clip}, {@code sample} and {@code optimize}
 * ({@link DinosaurTestCases}; reference expected-c4-c5.md, C5 W1), and {@code model} through iteration 2000 of the
 * notebook's run: the loss and the seven names it prints at iterations 0 and 2000 (every platform's numpy prints
 * the same there; {@code DinosaurIslandTest} follows the run to iteration 14,000).
 */
public final class DinosaurIslandChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(DinosaurIsland.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("clip", expect -> {
                    Parameters ten = DinosaurIsland.clip(DinosaurTestCases.clipGradients(), 10);
                    Parameters five = DinosaurIsland.clip(DinosaurTestCases.clipGradients(), 5);
                    Parameters input = DinosaurTestCases.clipGradients();
                    DinosaurIsland.clip(input, 5);
                    expect.digits("gradients[\"dWaa\"][1][2] (maxValue 10)", 10, ten.get("dWaa").getDouble(1, 2))
                            .digits("gradients[\"dWax\"][3][1]", -10, ten.get("dWax").getDouble(3, 1))
                            .digits("gradients[\"dWya\"][1][2]", 0.2971381536101662, ten.get("dWya").getDouble(1, 2))
                            .digits("gradients[\"db\"][4]", 10, ten.get("db").getDouble(4, 0))
                            .close("gradients[\"dby\"][1]", 8.45833407, ten.get("dby").getDouble(1, 0))
                            .digits("gradients[\"dWaa\"][1][2] (maxValue 5)", 5, five.get("dWaa").getDouble(1, 2))
                            .digits("gradients[\"dby\"][1] (maxValue 5)", 5, five.get("dby").getDouble(1, 0))
                            .close("the caller's gradients[\"dWaa\"] (copy.deepcopy)",
                                    DinosaurTestCases.clipGradients().get("dWaa"), input.get("dWaa"), 0, 0);
                }),
                GradedCheck.of("sample", expect -> expect.equal("indices", List.of(23, 16, 26, 26, 24, 3, 21, 1, 7, 24,
                        15, 3, 25, 20, 6, 13, 10, 8, 20, 12, 2, 0), DinosaurIsland.sample(
                                DinosaurTestCases.sampleParameters(24), charToIx(), 0))),
                GradedCheck.of("optimize", expect -> {
                    DinosaurTestCases.OptimizeCase c = DinosaurTestCases.optimizeCase();
                    DinosaurIsland.Optimized o = DinosaurIsland.optimize(c.X(), c.Y(), c.aPrev(), c.parameters(),
                            0.01);
                    expect.digits("Loss", 126.50397572165389, o.loss())
                            .digits("gradients[\"dWaa\"][1][2]", 0.19470931534713587,
                                    o.gradients().get("dWaa").getDouble(1, 2))
                            .equal("np.argmax(gradients[\"dWax\"])", 93, o.gradients().get("dWax").argMax().getInt(0))
                            .digits("gradients[\"dWya\"][1][2]", -0.007773876032002162,
                                    o.gradients().get("dWya").getDouble(1, 2))
                            .close("gradients[\"db\"][4]", -0.06809825, o.gradients().get("db").getDouble(4, 0))
                            .close("gradients[\"dby\"][1]", 0.01538192, o.gradients().get("dby").getDouble(1, 0))
                            .close("a_last[4]", -1.0, o.aLast().getDouble(4, 0));
                }),
                GradedCheck.of("model", expect -> {
                    CharCorpus corpus = CharCorpus.dinos();
                    DinosaurIsland.Options options = new DinosaurIsland.Options();
                    options.iterations = DinosaurIsland.PRINT_EVERY + 1;
                    DinosaurIsland.Trained trained = DinosaurIsland.model(corpus.lines(), corpus, options,
                            Report.silent());
                    expect.digits("Iteration: 0, Loss", 23.087336085484605, trained.losses().at(0))
                            .equal("names at iteration 0", List.of("Nkzxwtdmfqoeyhsqwasjkjvu", "Kneb",
                                    "Kzxwtdmfqoeyhsqwasjkjvu", "Neb", "Zxwtdmfqoeyhsqwasjkjvu", "Eb",
                                    "Xwtdmfqoeyhsqwasjkjvu"), trained.names().get(0))
                            .digits("Iteration: 2000, Loss", 27.884160491415773, trained.losses().at(2000))
                            .equal("names at iteration 2000", List.of("Liusskeomnolxeros", "Hmdaairus",
                                    "Hytroligoraurus", "Lecalosapaus", "Xusicikoraurus", "Abalpsamantisaurus",
                                    "Tpraneronxeros"), trained.names().get(2000));
                }));
    }

    /** {@code char_to_ix} of the dinosaur names: the newline, then a to z. */
    private static Map<Character, Integer> charToIx() {
        Map<Character, Integer> charToIx = new LinkedHashMap<>();
        charToIx.put('\n', 0);
        for (char c = 'a'; c <= 'z'; c++) {
            charToIx.put(c, c - 'a' + 1);
        }
        return charToIx;
    }
}
