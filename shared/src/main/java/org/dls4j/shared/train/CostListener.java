package org.dls4j.shared.train;

/** Told each cost a training loop records: the iteration (or epoch) and its cost. */
@FunctionalInterface
public interface CostListener {
    void onCost(int iteration, double cost);
}
