package org.dls4j.shared.graph;

import java.io.OutputStream;
import java.io.PrintStream;

import org.nd4j.autodiff.samediff.SameDiff;

/** SameDiff's gradient graph built without the noise M2.1 prints. */
public final class SameDiffGradients {

    private SameDiffGradients() {
    }

    /**
     * Builds {@code sd}'s gradient function now. M2.1 prints a line to standard output for every operation it
     * differentiates ("Added differentiated op ..."); standard output is muted meanwhile, so what the learner reads
     * stays the assignment's.
     */
    public static synchronized void createQuietly(SameDiff sd) {
        PrintStream out = System.out;
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }
}
