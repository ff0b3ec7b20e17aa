package org.dls4j.shared.exercise;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks one of the notebook's graded functions: {@code ./dls exercise} blanks the body of every method that carries
 * it, {@code ./dls grade} runs the check of the same name ({@link GradedChecks}) on the learner's version.
 *
 * <pre>
 * &#64;Graded("sigmoid")
 * public static INDArray sigmoid(INDArray z) { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Graded {

    /** The notebook's name of the function ({@code "initialize_with_zeros"}), as the grader prints it. */
    String value();

    /**
     * What the exercise tells the learner beyond the method's javadoc and the numpy lines of its body (written as
     * comments into the blanked body); empty when those say it all.
     */
    String instructions() default "";
}
