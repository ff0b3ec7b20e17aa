/**
 * Real pretrained networks for the offline Course 4 assignments, read from face-api's TensorFlow.js weight files
 * ({@code faceapi/} in the data folder, {@link org.dls4j.shared.graph.TfjsWeights}) into DL4J
 * {@code ComputationGraph}s: the 128-d face embedder ({@link org.dls4j.shared.graph.faceapi.FaceEmbeddingNet}), the
 * Tiny-YOLOv2-style face detector ({@link org.dls4j.shared.graph.faceapi.TinyFaceDetectorNet}) and the MobileNetV1
 * backbone of the SSD face detector ({@link org.dls4j.shared.graph.faceapi.MobileNetV1Backbone}), with the
 * pre-processing each expects ({@link org.dls4j.shared.graph.faceapi.FacePictures}). The architectures follow the
 * package's TypeScript sources ({@code @vladmandic/face-api} 1.7.15, MIT); the tests compare each graph with what
 * that code computes.
 */
package org.dls4j.shared.graph.faceapi;
