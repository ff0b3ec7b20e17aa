package org.dls4j.shared.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {

    @Test
    void searchesPropertyThenProjectDatasetsThenSharedBesideTheProject(@TempDir Path work) throws IOException {
        Path project = project(work);
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

    @Test
    void aConfiguredDataFolderThatDoesNotExistIsWarnedAboutOnce(@TempDir Path work) {
        Path missing = work.resolve("no-such-data");
        DataLocator locator = DataLocator.from(null, Map.of("DLS_DATA", missing.toString()), work);
        assertEquals(1, locator.warnings().size(), locator.warnings().toString());
        assertTrue(locator.warnings().get(0).contains(missing.toString())
                && locator.warnings().get(0).contains("$DLS_DATA") && locator.warnings().get(0).contains("does not exist"),
                locator.warnings().get(0));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        locator.printWarningsOnce(stream);
        DataLocator.from(null, Map.of("DLS_DATA", missing.toString()), work).printWarningsOnce(stream);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.startsWith("dls: warning: $DLS_DATA names the data folder " + missing), printed);

        assertTrue(DataLocator.from(work.toString(), Map.of(), work).warnings().isEmpty());
        assertTrue(DataLocator.from(missing.toString(), Map.of(), work).warnings().get(0).contains("-Ddls.data"));
    }

    @Test
    void theProjectNamedByDlsProjectWinsOverTheWorkingDirectory(@TempDir Path work) throws IOException {
        Path project = project(work);
        Path elsewhere = Files.createDirectories(work.resolve("somewhere/else"));

        DataLocator located = DataLocator.from(null, Map.of(), elsewhere, project.toString());
        assertEquals(project.resolve("datasets"), located.projectDatasets().orElseThrow());
        assertTrue(located.warnings().isEmpty(), located.warnings().toString());
        assertTrue(DataLocator.from(null, Map.of(), elsewhere).projectDatasets().isEmpty());

        DataLocator wrong = DataLocator.from(null, Map.of(), project.resolve("datasets"), elsewhere.toString());
        assertEquals(project.resolve("datasets"), wrong.projectDatasets().orElseThrow(), "falls back to searching up");
        assertTrue(wrong.warnings().get(0).contains("-Ddls.project=" + elsewhere), wrong.warnings().toString());
    }

    @Test
    void downloadsGoToTheProjectDatasetsFolderElseTheFirstWritableFolder(@TempDir Path work) throws IOException {
        Path absent = work.resolve("shared-not-here");
        Path writable = Files.createDirectories(work.resolve("mine"));
        Path project = work.resolve("project/datasets");
        Files.createDirectories(project.getParent());
        List<DataLocator.SearchRoot> roots = List.of(new DataLocator.SearchRoot(absent, "shared"),
                new DataLocator.SearchRoot(writable, "mine"), new DataLocator.SearchRoot(project, "project"));
        assertEquals(project, DataLocator.of(roots, project).downloadFolder().orElseThrow(), "created on demand");
        assertEquals(writable, DataLocator.of(roots, null).downloadFolder().orElseThrow(), "first existing folder");
        assertTrue(DataLocator.of(roots.subList(0, 1), null).downloadFolder().isEmpty());
    }

    @Test
    void theDlsScriptNamesTheProjectSoItWorksFromAnyFolder() throws IOException {
        Path script = DataLocator.findProjectRoot(Path.of("").toAbsolutePath()).orElseThrow().resolve("dls");
        String text = Files.readString(script);
        assertTrue(text.contains("root=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\""), "root from the script's path");
        assertTrue(text.contains("-D" + DataLocator.PROJECT_PROPERTY + "=\"$root\""), "passes -Ddls.project");
    }

    /** A project folder as {@code DataLocator} recognises one: {@code dls4j/datasets/catalog.tsv}. */
    private static Path project(Path work) throws IOException {
        Path project = work.resolve("dls4j");
        Files.createDirectories(project.resolve("datasets"));
        Files.writeString(project.resolve("datasets/catalog.tsv"), "");
        return project;
    }
}
