package org.dls4j.shared.exercise;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The build and the README a workspace gets beside its sources. */
final class WorkspaceFiles {

    private WorkspaceFiles() {
    }

    /**
     * A Maven build for the learner's IDE: Java 17, one dependency, the project's module that holds the assignment
     * (and, through it, shared, ND4J and DL4J).
     */
    static String pom(Exercise exercise, Path module) {
        String[] coordinates = coordinates(module.resolve("pom.xml"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- The exercise %1$s of dls4j: see README.md. -->
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>org.dls4j.exercises</groupId>
                  <artifactId>%1$s</artifactId>
                  <version>1</version>

                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>

                  <dependencies>
                    <dependency>
                      <groupId>%2$s</groupId>
                      <artifactId>%3$s</artifactId>
                      <version>%4$s</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(exercise.id(), coordinates[0], coordinates[1], coordinates[2]);
    }

    /** What the workspace is, how to grade it, how to open it in an IDE. */
    static String readme(Exercise exercise, Path workspace, List<Path> sources) {
        Path project = exercise.module().getParent();
        String files = sources.stream().map(p -> "- `" + p.toString().replace('\\', '/') + "`")
                .collect(Collectors.joining("\n"));
        return """
                # Exercise %1$s

                %2$s

                Your job: the body of each graded function, as in the notebook. In

                %3$s

                each graded function (marked `@Graded("name")`) throws `UnsupportedOperationException("TODO: name")`;
                the comments in its body are the notebook's steps in numpy, its javadoc says what it returns. Keep the
                signatures, the records and the rest of the file as they are: the grader calls your functions the way
                the notebook's tests do. The %4$d graded functions: %5$s.

                ## Grade your work

                From the project (%6$s):

                    ./dls grade %1$s --workspace %7$s

                compiles this folder, runs the notebook's test cases on your functions and prints, for each, the
                expected value beside yours, then `Score: N/%4$d graded functions correct`.

                ## In an IDE

                `pom.xml` depends on the project's module that holds this assignment. Either open the project in the IDE
                and add this `pom.xml` to the same window as another Maven project (the IDE then takes the project's
                modules from the open project), or install the project once (`./mvnw install -DskipTests` in the
                project) and open this folder alone; `mvn compile` then works here as well.

                Start over (this overwrites your work): `./dls exercise %1$s --workspace %7$s --force`.
                """.formatted(exercise.id(), exercise.title(), files, exercise.functions().size(),
                String.join(", ", exercise.functionNames()), project, workspace);
    }

    /** {@code groupId, artifactId, version} of a module's pom (group and version from its parent when absent). */
    private static String[] coordinates(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(pom.toFile());
            Element project = doc.getDocumentElement();
            Element parent = child(project, "parent");
            String group = text(project, "groupId", parent);
            String version = text(project, "version", parent);
            return new String[] {group, text(project, "artifactId", null), version};
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new ExerciseException("Cannot read the module's build " + pom + ": " + e.getMessage());
        }
    }

    private static String text(Element element, String name, Element fallback) {
        Element child = child(element, name);
        if (child == null && fallback != null) {
            child = child(fallback, name);
        }
        if (child == null) {
            throw new ExerciseException("The module's pom.xml has no " + name);
        }
        return child.getTextContent().trim();
    }

    private static Element child(Element element, String name) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
