package org.dls4j.shared.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionChecksTest {

    @Test
    void messagesNameTheOptionAndTheRule() {
        assertEquals("--iterations must be at least 1, not 0",
                assertThrows(OptionException.class, () -> OptionChecks.atLeast("--iterations", 0, 1)).getMessage());
        assertEquals("--learning-rate must be a finite number greater than 0, not NaN", assertThrows(
                OptionException.class, () -> OptionChecks.positive("--learning-rate", Double.NaN)).getMessage());
        assertThrows(OptionException.class, () -> OptionChecks.positive("--learning-rate", Double.POSITIVE_INFINITY));
        assertThrows(OptionException.class, () -> OptionChecks.nonNegative("--lambd", -0.1));
        assertDoesNotThrow(() -> OptionChecks.nonNegative("--lambd", 0));
        assertThrows(OptionException.class, () -> OptionChecks.between("--keep-prob", 0, 1e-9, 1));
        assertThrows(OptionException.class, () -> OptionChecks.notEmpty("--runs", List.of(), "a, b"));
    }

    @Test
    void imagesAreCheckedByTheirContentNotTheirName(@TempDir Path folder) throws IOException {
        Path text = Files.writeString(folder.resolve("x.jpg"), "not an image");
        String message = assertThrows(OptionException.class, () -> OptionChecks.readableImage("--image", text))
                .getMessage();
        assertTrue(message.startsWith("--image: ") && message.contains(text.toString())
                && message.contains("is not an image"), message);
        assertThrows(OptionException.class, () -> OptionChecks.readableImage("--image", folder.resolve("none.png")));
        Path png = folder.resolve("ok.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        assertDoesNotThrow(() -> OptionChecks.readableImage("--image", png));
    }

    @Test
    void numpySeedsLeaveRoomForTheSeedsARunDerives() {
        assertDoesNotThrow(() -> OptionChecks.numpySeed("--seed", 4294967295L, 0));
        OptionException e = assertThrows(OptionException.class,
                () -> OptionChecks.numpySeed("--seed", 4294967294L, 10));
        assertEquals("--seed must be between 0 and 4294967285 (numpy seeds go up to 2**32 - 1 and this run seeds"
                + " seed + 10 at the end), not 4294967294", e.getMessage());
        assertThrows(OptionException.class, () -> OptionChecks.numpySeed("--seed", -1, 0));
    }
}
