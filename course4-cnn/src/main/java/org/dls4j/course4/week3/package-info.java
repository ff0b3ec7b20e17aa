/**
 * Course 4 week 3, "Object Detection": car detection with YOLO ({@link org.dls4j.course4.week3.CarDetection}, the
 * graded post-processing from scratch, and {@link org.dls4j.course4.week3.YoloV2Graph}, the notebook's YOLOv2).
 */
package org.dls4j.course4.week3;
