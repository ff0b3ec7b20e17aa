package org.dls4j.shared.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Blanking by the compiler's parser: only the graded bodies change, into comments and a TODO. */
class GradedSourceTest {

    static final Path SAMPLE = Path.of("src/test/java/org/dls4j/shared/exercise/sample/Arithmetic.java");

    @Test
    void findsTheGradedMethodsWithTheirNamesAndInstructions() throws IOException {
        GradedSource source = GradedSource.parse("Arithmetic.java", Files.readString(SAMPLE));
        assertEquals(List.of("square", "half"), source.methods().stream().map(GradedSource.Method::function).toList());
        assertEquals("Divide by two.", source.methods().get(1).instructions());
        assertEquals("    ", source.methods().get(0).indent());
    }

    @Test
    void blanksEachGradedBodyAndNothingElse() throws IOException {
        String text = Files.readString(SAMPLE);
        String blanked = GradedSource.parse("Arithmetic.java", text).blanked();
        assertTrue(blanked.contains("""
                    @Graded("square")
                    public static double square(double x) {
                        // TODO square: the notebook's graded function. Write its body (the javadoc above says what it returns).
                        // The steps, as the notebook's numpy (write each one's ND4J twin, float64):
                        //     y = x ** 2
                        throw new UnsupportedOperationException("TODO: square");
                    }
                """), blanked);
        assertTrue(blanked.contains("""
                        // Divide by two.
                        throw new UnsupportedOperationException("TODO: half");
                """), blanked);
        assertTrue(blanked.contains("return 2 * x;"), "the ungraded method is kept");
        assertEquals(-1, blanked.indexOf("return x * x;"));
        String head = text.substring(0, text.indexOf("@Graded(\"square\")"));
        assertTrue(blanked.startsWith(head), "the file is unchanged up to the first graded method");
    }

    @Test
    void qualifiedAnnotationsAndJoinedLiteralsCount() {
        String text = """
                class A {
                    class Inner {
                        @org.dls4j.shared.exercise.Graded(value = "f", instructions = "one " + "two")
                        int f() { return 1; }
                    }
                    @Deprecated int g() { return 2; }
                }
                """;
        GradedSource source = GradedSource.parse("A.java", text);
        assertEquals(1, source.methods().size());
        assertEquals("one two", source.methods().get(0).instructions());
        assertTrue(source.blanked().contains("int g() { return 2; }"));
        assertTrue(source.blanked().contains("throw new UnsupportedOperationException(\"TODO: f\");"));
    }

    @Test
    void aFileThatDoesNotParseIsNamedWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradedSource.parse("Broken.java", "class Broken {\n  int f( {\n}\n"));
        assertTrue(e.getMessage().startsWith("Broken.java:2: "), e.getMessage());
    }
}
