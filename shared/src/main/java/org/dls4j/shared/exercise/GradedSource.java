package org.dls4j.shared.exercise;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;

/**
 * One source file and its {@link Graded} methods, found by the Java compiler's own parser (the JDK's
 * {@code com.sun.source} tree API, no regular expressions): {@link #blanked()} is the file with each graded body
 * replaced by the exercise's comments and a {@code throw new UnsupportedOperationException("TODO: name")}.
 *
 * <p>The blank keeps the method's javadoc and signature, and turns the comments of the solution's body (the
 * notebook's numpy, one {@code //} line above each ND4J line) into the instructions; nothing else in the file
 * changes.
 */
public final class GradedSource {

    /**
     * A graded method of the file.
     *
     * @param bodyStart offset of the body's opening brace
     * @param bodyEnd offset just after its closing brace
     */
    public record Method(String function, String instructions, int bodyStart, int bodyEnd, String indent) {
    }

    private final String text;
    private final List<Method> methods;

    private GradedSource(String text, List<Method> methods) {
        this.text = text;
        this.methods = List.copyOf(methods);
    }

    /**
     * Parses {@code text}.
     *
     * @param name the file's name, for messages
     * @throws IllegalArgumentException when the file does not parse or a graded method has no body
     */
    public static GradedSource parse(String name, String text) {
        JavaCompiler javac = javac();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, diagnostics, List.of("-proc:none"), null,
                List.of(file));
        CompilationUnitTree unit;
        try {
            unit = task.parse().iterator().next();
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot be read: " + e.getMessage(), e);
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                throw new IllegalArgumentException(name + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
        }
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        List<Method> methods = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethod(MethodTree method, Void unused) {
                for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
                    if (isGraded(annotation)) {
                        methods.add(graded(name, text, unit, positions, method, annotation));
                    }
                }
                return super.visitMethod(method, unused);
            }
        }.scan(unit, null);
        methods.sort(Comparator.comparingInt(Method::bodyStart));
        return new GradedSource(text, methods);
    }

    /** The graded methods, in the file's order. */
    public List<Method> methods() {
        return methods;
    }

    /** The file as written. */
    public String text() {
        return text;
    }

    /** The file with every graded body replaced by its exercise. */
    public String blanked() {
        StringBuilder out = new StringBuilder(text);
        for (int i = methods.size() - 1; i >= 0; i--) {
            Method m = methods.get(i);
            out.replace(m.bodyStart(), m.bodyEnd(), blankBody(m, text.substring(m.bodyStart(), m.bodyEnd())));
        }
        return out.toString();
    }

    /** The exercise that replaces a body: what to write, the solution's numpy comments, the {@code TODO} throw. */
    static String blankBody(Method m, String body) {
        String inner = m.indent() + "    ";
        StringBuilder out = new StringBuilder("{\n");
        out.append(inner).append("// TODO ").append(m.function())
                .append(": the notebook's graded function. Write its body (the javadoc above says what it returns).\n");
        m.instructions().lines().forEach(line -> out.append(inner).append("// ").append(line.strip()).append('\n'));
        List<String> steps = body.lines().map(String::strip).filter(line -> line.startsWith("//"))
                .map(line -> line.substring(2).strip()).toList();
        if (!steps.isEmpty()) {
            out.append(inner).append("// The steps, as the notebook's numpy (write each one's ND4J twin, float64):\n");
            steps.forEach(step -> out.append(inner).append("//     ").append(step).append('\n'));
        }
        out.append(inner).append("throw new UnsupportedOperationException(\"TODO: ").append(m.function())
                .append("\");\n");
        return out.append(m.indent()).append('}').toString();
    }

    private static boolean isGraded(AnnotationTree annotation) {
        String type = annotation.getAnnotationType().toString();
        return type.equals(Graded.class.getSimpleName()) || type.equals(Graded.class.getName());
    }

    private static Method graded(String name, String text, CompilationUnitTree unit, SourcePositions positions,
            MethodTree method, AnnotationTree annotation) {
        String function = "";
        String instructions = "";
        for (ExpressionTree argument : annotation.getArguments()) {
            String key = "value";
            ExpressionTree value = argument;
            if (argument instanceof AssignmentTree assignment) {
                key = ((IdentifierTree) assignment.getVariable()).getName().toString();
                value = assignment.getExpression();
            }
            String constant = constant(name, value);
            if (key.equals("value")) {
                function = constant;
            } else if (key.equals("instructions")) {
                instructions = constant;
            }
        }
        BlockTree body = method.getBody();
        if (body == null) {
            throw new IllegalArgumentException(name + ": the graded method " + method.getName() + " has no body");
        }
        int start = (int) positions.getStartPosition(unit, method);
        int lineStart = text.lastIndexOf('\n', start) + 1;
        int indentEnd = lineStart;
        while (indentEnd < text.length() && (text.charAt(indentEnd) == ' ' || text.charAt(indentEnd) == '\t')) {
            indentEnd++;
        }
        return new Method(function, instructions, (int) positions.getStartPosition(unit, body),
                (int) positions.getEndPosition(unit, body), text.substring(lineStart, indentEnd));
    }

    /** A string constant of the annotation: a literal, or literals joined with {@code +}. */
    private static String constant(String name, ExpressionTree value) {
        if (value instanceof LiteralTree literal && literal.getValue() instanceof String s) {
            return s;
        }
        if (value instanceof BinaryTree plus && plus.getKind() == Tree.Kind.PLUS) {
            return constant(name, plus.getLeftOperand()) + constant(name, plus.getRightOperand());
        }
        throw new IllegalArgumentException(name + ": @Graded takes string literals, not " + value);
    }

    /** The JDK's compiler; a JRE has none. */
    static JavaCompiler javac() {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("Exercise mode needs the Java compiler: run ./dls with a JDK 17 (this is"
                    + " a JRE, java.home = " + System.getProperty("java.home") + ").");
        }
        return javac;
    }
}
