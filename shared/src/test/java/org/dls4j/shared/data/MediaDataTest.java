package org.dls4j.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dls4j.shared.data.audio.MidiNotes;
import org.dls4j.shared.data.audio.WavAudio;
import org.dls4j.shared.data.images.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MediaDataTest {

    @Test
    void readsAJpegAsHeightWidthRgb() {
        INDArray louvre = Images.dataSetImage("nst/images/louvre_small.jpg");
        assertEquals(DataType.DOUBLE, louvre.dataType());
        assertArrayEquals(new long[] {300, 400, 3}, louvre.shape());
        assertTrue(louvre.maxNumber().doubleValue() <= 255 && louvre.minNumber().doubleValue() >= 0);
    }

    @Test
    void anRgbaPngLosesItsAlphaChannel() {
        INDArray danielle = Images.dataSetImage("facenet/images/danielle.png");
        assertArrayEquals(new long[] {96, 96, 3}, danielle.shape());
    }

    @Test
    void pngRoundTripIsExactAndResizeChangesTheShape(@TempDir Path folder) {
        double[] values = new double[4 * 5 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 37) % 256;
        }
        INDArray image = Nd4j.create(values, new long[] {4, 5, 3}, 'c');
        Path png = folder.resolve("out/tiny.png");
        Images.writePng(image, png);
        assertEquals(image, Images.read(png));
        assertEquals(List.of("tiny.png"), List.of(png.getParent().toFile().list()));
        assertArrayEquals(new long[] {8, 10, 3}, Images.resize(image, 8, 10).shape());
    }

    @Test
    void aFileThatIsNotAnImageSaysSo(@TempDir Path folder) throws IOException {
        Path text = Files.writeString(folder.resolve("fake.jpg"), "not a picture");
        String message = assertThrows(DataException.class, () -> Images.read(text)).getMessage();
        assertTrue(message.contains("fake.jpg") && message.contains("image"), message);
    }

    @Test
    void triggerClipsAre44100HzSixteenBit() {
        List<WavAudio> activates = WavAudio.triggerClips("activates");
        assertEquals(10, activates.size());
        WavAudio clip = activates.stream().filter(a -> a.name().equals("3_act2.wav")).findFirst().orElseThrow();
        assertEquals(44100, clip.sampleRate());
        assertEquals(1, clip.channels());
        assertEquals(40395, clip.frames());
        assertEquals(916, clip.durationMillis());
        List<WavAudio> backgrounds = WavAudio.triggerClips("backgrounds");
        assertEquals(2, backgrounds.get(0).channels());
        assertEquals(441000, backgrounds.get(0).frames());
        assertEquals(10000, backgrounds.get(0).durationMillis());
    }

    @Test
    void methenyMidiHasNotesAt96TicksPerQuarter() {
        MidiNotes metheny = MidiNotes.metheny();
        assertEquals(96, metheny.ticksPerQuarter());
        assertEquals(12962, metheny.notes().size());
        for (MidiNotes.Note note : metheny.notes()) {
            assertTrue(note.endTick() >= note.startTick() && note.key() >= 0 && note.key() < 128);
        }
        System.out.println("Metheny notes: " + metheny.notes().size() + ", first " + metheny.notes().get(0));
    }
}
