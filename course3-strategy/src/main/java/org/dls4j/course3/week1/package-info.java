/**
 * Course 3, week 1, "ML strategy (1)": the lessons on orthogonalization, single-number and satisficing metrics, and
 * comparing to human-level performance, each an experiment on a real model: {@code BiasVarianceDiagnosis} (avoidable
 * bias and variance of the cat classifier, learning curves) and {@code SatisficingMetrics} (accuracy against running
 * time of a family of SIGNS ConvNets).
 */
package org.dls4j.course3.week1;
