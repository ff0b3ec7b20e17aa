package org.dls4j.course4.week4;

import static org.dls4j.shared.exercise.Expect.matrix;
import static org.dls4j.shared.exercise.Expect.row;

import java.util.List;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;

/**
 * The 2021 {@code triplet_loss_test}'s deterministic cases for {@link FaceRecognition#tripletLoss}. The notebook's
 * {@code verify} and {@code who_is_it} need the pretrained FaceNet's encodings of the course's pictures, which are not
 * a small test case; they are not graded here.
 */
public final class FaceRecognitionChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(FaceRecognition.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(GradedCheck.of("triplet_loss", expect -> expect
                .digits("triplet_loss(ones, ones, ones, 5)", 5, FaceRecognition.tripletLoss(row(1, 1), row(1, 1),
                        row(1, 1), 5))
                .digits("triplet_loss(ones, ones, zeros, 3)", 1, FaceRecognition.tripletLoss(row(1, 1), row(1, 1),
                        row(0, 0), 3))
                .digits("triplet_loss(ones, zeros, ones, 0)", 2, FaceRecognition.tripletLoss(row(1, 1), row(0, 0),
                        row(1, 1), 0))
                .digits("triplet_loss(zeros, zeros, zeros, -2)", 0, FaceRecognition.tripletLoss(row(0, 0),
                        row(0, 0), row(0, 0), -2))
                .digits("two examples, alpha 3", 2, FaceRecognition.tripletLoss(
                        matrix(new double[] {1, 0}, new double[] {1, 0}),
                        matrix(new double[] {1, 0}, new double[] {1, 0}),
                        matrix(new double[] {0, 1}, new double[] {0, 1}), 3))
                .digits("two examples, alpha 1", 5, FaceRecognition.tripletLoss(
                        matrix(new double[] {1, 1}, new double[] {2, 0}),
                        matrix(new double[] {0, 3}, new double[] {1, 1}),
                        matrix(new double[] {1, 0}, new double[] {0, 1}), 1))));
    }
}
