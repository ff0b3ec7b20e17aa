/**
 * Course 3 of the Deep Learning Specialization, "Structuring Machine Learning Projects". The course has no
 * programming assignments; its lessons are decisions, and each is an experiment here, one class per lesson in one
 * package per week, on the models of the other courses (Course 1's cat classifier, Course 4's SIGNS ConvNet). This
 * package has what the lessons share: the lectures' error arithmetic ({@link org.dls4j.course3.ErrorLadder},
 * {@link org.dls4j.course3.Problem}), the data ({@link org.dls4j.course3.CatPictures},
 * {@link org.dls4j.course3.SignsPictures}, {@link org.dls4j.course3.Degradation},
 * {@link org.dls4j.course3.PictureStatistics}), training ({@link org.dls4j.course3.CatModels},
 * {@link org.dls4j.course3.ConvNetTraining}) and the printed tables ({@link org.dls4j.course3.TextTable}).
 */
package org.dls4j.course3;
