package org.dls4j.course3;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The lectures' error levels, lowest first, and the gaps between neighbours: week 1's human-level / train / dev
 * ({@link #of(double, double, double)}) and week 2's human-level / train / train-dev / dev / test
 * ({@link #of(double, double, double, double, double)}). Each gap is a plain difference of two measured errors, and
 * the problem to work on first is the largest gap ({@link #focus()}), as in the lectures' examples (human 1 %, train
 * 8 %, dev 10 %: avoidable bias 7 % &gt; variance 2 %, work on bias).
 *
 * @param levels the error levels, lowest first
 * @param gaps   one per neighbouring pair of levels
 */
public record ErrorLadder(List<Level> levels, List<Gap> gaps) {

    /** The levels' names. */
    public static final String HUMAN = "human-level", TRAIN = "train", TRAIN_DEV = "train-dev", DEV = "dev",
            TEST = "test";

    /** One error level: its name and its error (a fraction, 0.08 for 8 %). */
    public record Level(String name, double error) {
    }

    /** The gap that names {@code problem}: {@code size} is the {@code upper} level's error minus {@code lower}'s. */
    public record Gap(Problem problem, String lower, String upper, double size) {

        /** How it is measured, e.g. {@code train-dev - train}. */
        public String measuredAs() {
            return upper + " - " + lower;
        }
    }

    public ErrorLadder {
        levels = List.copyOf(levels);
        gaps = List.copyOf(gaps);
    }

    /** Week 1: avoidable bias = train - human, variance = dev - train. */
    public static ErrorLadder of(double human, double train, double dev) {
        return new ErrorLadder(List.of(new Level(HUMAN, human), new Level(TRAIN, train), new Level(DEV, dev)),
                List.of(new Gap(Problem.AVOIDABLE_BIAS, HUMAN, TRAIN, train - human),
                        new Gap(Problem.VARIANCE, TRAIN, DEV, dev - train)));
    }

    /**
     * Week 2, training and dev/test from different distributions: avoidable bias = train - human, variance =
     * train-dev - train, data mismatch = dev - train-dev, overfitting to dev = test - dev.
     */
    public static ErrorLadder of(double human, double train, double trainDev, double dev, double test) {
        return new ErrorLadder(List.of(new Level(HUMAN, human), new Level(TRAIN, train),
                new Level(TRAIN_DEV, trainDev), new Level(DEV, dev), new Level(TEST, test)),
                List.of(new Gap(Problem.AVOIDABLE_BIAS, HUMAN, TRAIN, train - human),
                        new Gap(Problem.VARIANCE, TRAIN, TRAIN_DEV, trainDev - train),
                        new Gap(Problem.DATA_MISMATCH, TRAIN_DEV, DEV, dev - trainDev),
                        new Gap(Problem.DEV_OVERFITTING, DEV, TEST, test - dev)));
    }

    /** The size of the gap that names {@code problem}. */
    public double gap(Problem problem) {
        return gaps.stream().filter(g -> g.problem() == problem).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("this ladder has no " + problem + " gap"))
                .size();
    }

    /** The error of the level named {@code name}. */
    public double error(String name) {
        return levels.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("this ladder has no level " + name)).error();
    }

    /** The largest gap: what to work on first (the first of equal gaps, in ladder order). */
    public Gap focus() {
        // Stream.max keeps the first of equal elements
        return gaps.stream().max(Comparator.comparingDouble(Gap::size)).orElseThrow();
    }

    /** An error as the lectures write it: {@code 8.0 %}. */
    public static String percent(double error) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * error);
    }
}
