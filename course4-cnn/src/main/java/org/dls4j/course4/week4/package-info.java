/**
 * Course 4 week 4, "Special applications: face recognition and neural style transfer": Face Recognition
 * ({@link org.dls4j.course4.week4.FaceRecognition}) with the FaceNet nn4.small2 graph
 * ({@link org.dls4j.course4.week4.FaceNetGraph}) and its OpenFace weights
 * ({@link org.dls4j.course4.week4.OpenFaceWeights}), and neural style transfer
 * ({@link org.dls4j.course4.week4.NeuralStyleTransfer}).
 */
package org.dls4j.course4.week4;
