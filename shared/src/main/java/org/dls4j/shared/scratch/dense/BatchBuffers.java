package org.dls4j.shared.scratch.dense;

/**
 * What a {@link FusedDenseNet} step needs for one batch size {@code m}, allocated once and reused by every step with
 * that size: the activations {@code A[l]} ({@code (n_l, m)}, {@code Z} computed in place), {@code dZ[l]} (which holds
 * {@code dA[l]} before the mask), the per-example loss terms and, with dropout, the masks of the hidden layers
 * (fixed, see {@link Dropout}). Row-major {@code double[]}; index 0 is unused (layer 1 reads the input).
 */
final class BatchBuffers {

    final int m;
    final double[][] A;
    final double[][] dZ;
    final double[][] masks;
    final double[] terms;

    BatchBuffers(int[] dims, int m, Dropout dropout) {
        int layers = dims.length - 1;
        this.m = m;
        A = new double[layers + 1][];
        dZ = new double[layers + 1][];
        for (int l = 1; l <= layers; l++) {
            A[l] = new double[dims[l] * m];
            dZ[l] = new double[dims[l] * m];
        }
        masks = dropout.masks(dims, m);
        terms = new double[m];
    }
}
