package org.dls4j.course5.week1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.scratch.dense.Parameters;

/**
 * The 2021 notebook's test cells for {@link DinosaurIsland}'s {@code clip}, {@code sample} and {@code optimize}
 * ({@link DinosaurTestCases}; reference expected-c4-c5.md, C5 W1). The graded {@code model} is the 22,000-iteration
 * training run, not a small test case: {@code DinosaurIslandTest} checks it against the notebook's printed losses.
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
