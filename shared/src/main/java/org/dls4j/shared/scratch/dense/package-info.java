/**
 * The from-scratch L-layer network of Course 1 week 4, written once in ND4J float64 and reused by every later
 * assignment that takes these blocks as given helpers (Course 2's initialisation, regularisation and optimisation
 * notebooks, Courses 4 and 5 where they build on them).
 *
 * <p>The names and conventions are the notebook's ({@code dnn_utils.py}, {@code dnn_app_utils_v3.py}):
 * <ul>
 *   <li>{@code X} is {@code (n_x, m)}, one column per example; {@code W}<i>l</i> is {@code (n_l, n_{l-1})},
 *       {@code b}<i>l</i> is {@code (n_l, 1)}; everything is DOUBLE (ND4J's default data type in every assignment
 *       and test run).</li>
 *   <li>{@link org.dls4j.shared.scratch.dense.Parameters} holds {@code W1..WL, b1..bL};
 *       {@link org.dls4j.shared.scratch.dense.Gradients} holds {@code dW}<i>l</i>, {@code db}<i>l</i> and
 *       {@code dA}<i>l</i> with the 2019+ key convention ({@code dA0} is the gradient with respect to {@code X}).</li>
 *   <li>{@link org.dls4j.shared.scratch.dense.DeepNetwork} has the building blocks (linear / activation forward with
 *       caches, L-model forward, linear / activation / L-model backward, update, predict),
 *       {@link org.dls4j.shared.scratch.dense.Costs} the cross-entropy costs,
 *       {@link org.dls4j.shared.scratch.dense.Initializers} the seeded initialisations and
 *       {@link org.dls4j.shared.scratch.dense.GradientDescent} the engineered full-batch training loop that later
 *       assignments call for their models.</li>
 *   <li>The networks are dense, and {@code L_model_forward} ends in one sigmoid unit, the notebook's design:
 *       {@link org.dls4j.shared.scratch.dense.Parameters#layerDims()} refuses a {@code W} that is not a matrix, and
 *       {@code L_model_backward} and {@code accuracy} refuse an output or labels that are not one row (0/1 labels
 *       for the accuracy). Convolutional networks (Course 4) have their own package, {@code scratch.conv}.</li>
 * </ul>
 */
package org.dls4j.shared.scratch.dense;
