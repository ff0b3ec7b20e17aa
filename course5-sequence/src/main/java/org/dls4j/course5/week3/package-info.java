/**
 * Course 5 week 3, "Sequence models and attention mechanism": neural machine translation of dates with attention
 * ({@link org.dls4j.course5.week3.NeuralMachineTranslation}).
 */
package org.dls4j.course5.week3;
