package org.dls4j.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

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
        assertTrue(message.contains(text + " is not an image ImageIO can read"), message);
        message = assertThrows(DataException.class, () -> Images.requireReadable(text)).getMessage();
        assertTrue(message.contains(text + " is not an image ImageIO can read"), message);
        message = assertThrows(DataException.class, () -> Images.requireReadable(folder.resolve("nope.png")))
                .getMessage();
        assertTrue(message.contains("nope.png does not exist"), message);
    }

    @Test
    void aHugeImageIsCheckedFromItsHeaderAndReadSubsampled(@TempDir Path folder) throws IOException {
        Path huge = folder.resolve("huge.png");
        writeBlankGreyPng(huge, 8000, 8000);
        String err = StandardErr.capture(() -> {
            Images.ImageInfo info = Images.requireReadable(huge);
            assertEquals(8000, info.width());
            assertEquals(8000, info.height());
            assertEquals(2, info.subsampling());
            assertEquals(4000, info.readWidth());
        });
        assertTrue(err.contains(huge + " is 8000x8000 pixels") && err.contains("4000x4000"), err);
        INDArray pixels = Images.read(huge);
        assertArrayEquals(new long[] {4000, 4000, 3}, pixels.shape());
        assertEquals(0.0, pixels.maxNumber().doubleValue());
    }

    @Test
    void aTinyImageIsReadWithAWarning(@TempDir Path folder) throws IOException {
        Path tiny = folder.resolve("tiny.png");
        Images.writePng(Nd4j.ones(4, 5, 3).muli(200), tiny);
        String err = StandardErr.capture(() -> assertArrayEquals(new long[] {4, 5, 3}, Images.read(tiny).shape()));
        assertTrue(err.contains(tiny + " is only 5x4 pixels"), err);
    }

    @Test
    void aTruncatedImageIsReadWithAWarning(@TempDir Path folder) throws IOException {
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noise.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        for (String format : List.of("png", "jpg")) {
            Path whole = folder.resolve("whole." + format);
            ImageIO.write(noise, format, whole.toFile());
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = Files.write(folder.resolve("cut." + format), java.util.Arrays.copyOf(bytes, bytes.length / 2));
            String err = StandardErr.capture(() -> assertArrayEquals(new long[] {64, 64, 3}, Images.read(cut).shape()));
            assertTrue(err.contains(cut + " is truncated or damaged") || err.contains(cut + " is damaged or truncated"),
                    format + ": " + err);
        }
    }

    /** An 8-bit grey PNG of zeros, written chunk by chunk (a few hundred kB on disk, 64 Mpixels when decoded). */
    private static void writeBlankGreyPng(Path file, int width, int height) throws IOException {
        java.io.ByteArrayOutputStream pixels = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream deflate = new java.util.zip.DeflaterOutputStream(pixels,
                new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION))) {
            byte[] row = new byte[width + 1]; // filter byte 0, then the row
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        }
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(Files.newOutputStream(file))) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            chunk(out, "IHDR", header.array());
            chunk(out, "IDAT", pixels.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
    }

    private static void chunk(java.io.DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
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
        assertEquals(25, metheny.trackNames().size());
        assertEquals(11, metheny.trackNamed("Guitar"));
        assertEquals(1330, metheny.track(11).size());
        System.out.println("Metheny notes: " + metheny.notes().size() + ", first " + metheny.notes().get(0));
    }

    /** Two tracks written and read back: the same notes, names and resolution. */
    @Test
    void writtenNotesReadBack(@TempDir Path dir) {
        List<MidiNotes.Note> notes = List.of(new MidiNotes.Note(0, 0, 48, 90, 0, 192),
                new MidiNotes.Note(1, 5, 67, 100, 24, 48), new MidiNotes.Note(1, 5, 69, 100, 48, 96));
        MidiNotes written = new MidiNotes(96, List.of("Piano", "Guitar"), notes);
        MidiNotes read = MidiNotes.read(written.write(dir.resolve("two.mid"), Map.of(0, 0, 5, 26)));
        assertEquals(written, read);
        assertThrows(DataException.class, () -> read.trackNamed("Drums"));
    }
}
