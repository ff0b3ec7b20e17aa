/**
 * Course 4 week 3, "Object Detection": image segmentation with the notebook's U-Net
 * ({@link org.dls4j.course4.week3.UNetGraph}, {@link org.dls4j.course4.week3.ImageSegmentation}).
 */
package org.dls4j.course4.week3;
