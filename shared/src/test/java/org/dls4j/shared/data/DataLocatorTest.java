package org.dls4j.shared.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {

    @Test
    void searchesPropertyThenProjectDatasetsThenSharedBesideTheProject(@TempDir Path work) throws IOException {
        Path project = work.resolve("dls4j");
        Files.createDirectories(project.resolve("datasets"));
        Files.writeString(project.resolve("datasets/catalog.tsv"), "");
        Path module = Files.createDirectories(project.resolve("course1-nn-basics/src"));

        DataLocator locator = DataLocator.from(work.resolve("mine").toString(), Map.of("DLS_DATA", "/ignored"), module);

        assertEquals(List.of(work.resolve("mine"), project.resolve("datasets"), work.resolve("shared/datasets")),
                locator.roots().stream().map(DataLocator.SearchRoot::directory).toList());
        assertEquals(project.resolve("datasets"), locator.projectDatasets().orElseThrow());
    }

    @Test
    void usesDlsDataWhenThePropertyIsNotSet(@TempDir Path work) {
        DataLocator locator = DataLocator.from(null, Map.of("DLS_DATA", work.resolve("env").toString()), work);
        assertEquals(work.resolve("env"), locator.roots().get(0).directory());
        assertEquals("$DLS_DATA", locator.roots().get(0).origin());
    }

    @Test
    void findsTheProjectFromTheParentPomWithoutACatalog(@TempDir Path work) throws IOException {
        Path project = Files.createDirectories(work.resolve("p"));
        Files.writeString(project.resolve("pom.xml"),
                "<project><artifactId>dls4j-parent</artifactId><modules><module>shared</module></modules></project>");
        Path shared = Files.createDirectories(project.resolve("shared"));
        Files.writeString(shared.resolve("pom.xml"), "<project><parent><artifactId>dls4j-parent</artifactId>"
                + "</parent><artifactId>shared</artifactId></project>");
        assertEquals(project, DataLocator.findProjectRoot(shared).orElseThrow());
    }

    @Test
    void withoutAnyFolderTheMessageSaysHowToSetOne(@TempDir Path nowhere) {
        DataLocator locator = DataLocator.from(null, Map.of(), nowhere);
        assertTrue(locator.roots().isEmpty());
        assertTrue(locator.describeRoots().contains("DLS_DATA"), locator.describeRoots());
    }
}
