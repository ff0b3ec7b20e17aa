package org.dls4j.course1;

import java.nio.file.Path;

import org.dls4j.shared.cli.OptionChecks;
import picocli.CommandLine.Option;

/**
 * The options of the two cat classifiers (week 2's logistic regression, week 4's deep networks): gradient descent,
 * plus the notebooks' last cell, a picture of your own to classify. {@code --image} is checked before training: a
 * missing file or one that is not an image is refused at once, not after minutes of training.
 */
public abstract class CatsClassifierOptions extends GradientDescentOptions {

    @Option(names = "--image", paramLabel = "FILE",
            description = "A picture of your own to classify (JPEG, PNG, GIF or BMP), as the notebook's last cell.")
    public Path image;

    protected CatsClassifierOptions(int iterations, double learningRate, int printEvery) {
        super(iterations, learningRate, printEvery);
    }

    @Override
    public void validate() {
        super.validate();
        OptionChecks.readableImage("--image", image);
    }
}
