package org.dls4j.course3;

/**
 * The problems the lectures read off the gaps between error levels, each with what the lectures say to do about it
 * ("Improving your model performance", "Addressing data mismatch"). Each gap is the error one level up minus the
 * error one level down.
 */
public enum Problem {

    /** Training error minus human-level error (the proxy for Bayes error). */
    AVOIDABLE_BIAS("avoidable bias", "bigger model / train longer",
            "train a bigger model; train longer or with a better optimiser (momentum, RMSprop, Adam); "
                    + "search architectures / hyperparameters"),
    /** Error on unseen examples of the training distribution minus training error. */
    VARIANCE("variance", "more data / regularise",
            "get more data; regularise (L2, dropout, data augmentation); search architectures / hyperparameters"),
    /** Dev error minus train-dev error: the dev/test distribution differs from the training distribution. */
    DATA_MISMATCH("data mismatch", "make training data like dev",
            "do error analysis on train vs dev differences; make the training data more like dev/test (artificial "
                    + "data synthesis) or collect more data like dev/test"),
    /** Test error minus dev error: the choices made on the dev set fitted it. */
    DEV_OVERFITTING("overfitting to dev", "bigger dev set", "get a bigger dev set");

    private final String label;
    private final String shortRemedy;
    private final String remedy;

    Problem(String label, String shortRemedy, String remedy) {
        this.label = label;
        this.shortRemedy = shortRemedy;
        this.remedy = remedy;
    }

    /** The lectures' name, e.g. {@code avoidable bias}. */
    public String label() {
        return label;
    }

    /** What to try, in a table cell: {@code more data / regularise}. */
    public String shortRemedy() {
        return shortRemedy;
    }

    /** What the lectures say to try. */
    public String remedy() {
        return remedy;
    }

    @Override
    public String toString() {
        return label;
    }
}
