/**
 * Course 3, week 2, "ML strategy (2)": error analysis, mismatched training and dev/test distributions, transfer
 * learning and multi-task learning, each an experiment on a real model: {@code ErrorAnalysis} (the cat classifier's
 * dev-set mistakes, tagged and counted), {@code DataMismatch} (a SIGNS ConvNet trained on clean pictures and tested on
 * degraded ones), {@code TransferLearning} (DL4J's {@code TransferLearning} API from SIGNS digits 0-2 to 3-5) and
 * {@code MultiTaskLearning} (one network, several sigmoid outputs, missing labels masked out of the loss).
 */
package org.dls4j.course3.week2;
