package org.dls4j.shared.exercise;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A method that carries {@link Graded}, found by reflection: the code itself says which functions are graded.
 *
 * @param name the notebook's name ({@link Graded#value()})
 */
public record GradedFunction(String name, Method method) {

    /** Every {@link Graded} method of these classes and of the classes nested in them, sorted by name. */
    public static List<GradedFunction> in(Collection<Class<?>> classes) {
        List<GradedFunction> found = new ArrayList<>();
        for (Class<?> c : classes) {
            collect(c, found);
        }
        found.sort(Comparator.comparing(GradedFunction::name));
        return List.copyOf(found);
    }

    /** The top-level class whose source file holds the method. */
    public Class<?> sourceClass() {
        Class<?> c = method.getDeclaringClass();
        while (c.getEnclosingClass() != null) {
            c = c.getEnclosingClass();
        }
        return c;
    }

    private static void collect(Class<?> c, List<GradedFunction> found) {
        for (Method m : c.getDeclaredMethods()) {
            Graded graded = m.getAnnotation(Graded.class);
            if (graded != null) {
                found.add(new GradedFunction(graded.value(), m));
            }
        }
        for (Class<?> nested : c.getDeclaredClasses()) {
            collect(nested, found);
        }
    }
}
