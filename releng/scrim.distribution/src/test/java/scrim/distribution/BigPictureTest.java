package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A picture larger than any frame is scaled to --size like any other picture: Scrim reads its
 * size from the header and decodes it reduced, instead of decoding 1.2 GB and refusing the size.
 */
class BigPictureTest {

    private static final int SIDE = 20000;
    /** The grey level the generated picture decodes to, and its luma in limited range. */
    private static final int GREY = 200;
    private static final int LUMA = 16 + GREY * 219 / 255;

    @TempDir
    Path home;

    @Test
    void aTwentyThousandPixelPhotoIsScaledToTheSize() throws Exception {
        Path big = home.resolve("big.jpg");
        writeGreyJpeg(big, SIDE, GREY);
        Path out = home.resolve("out.y4m");
        long t0 = System.nanoTime();
        Scrim s = Scrim.run(home, 120, "run", "--input", big.toString(), "--size", "640x360", "--frames", "3", "--output", out.toString());
        System.out.printf("big picture test: %dx%d JPEG (%d kB) run in %d ms%n", SIDE, SIDE, Files.size(big) / 1024,
                (System.nanoTime() - t0) / 1_000_000);
        assertEquals(0, s.exitValue(), s.stderr());
        Y4m video = new Y4m(out);
        assertEquals(640, video.width);
        assertEquals(360, video.height);
        assertEquals(3, video.frames.size());
        byte[] last = video.frames.get(2);
        for (int[] at : new int[][] {{0, 0}, {320, 180}, {639, 359}}) {
            int y = video.y(last, at[0], at[1]);
            assertTrue(Math.abs(y - LUMA) <= 3, "the picture's grey at " + at[0] + "," + at[1] + ": luma " + y + ", expected " + LUMA);
        }
    }

    /**
     * A baseline greyscale JPEG of one grey level, written directly: every 8x8 block is "same DC
     * as before, no AC", two bits each with a Huffman table of our own, so 20000x20000 takes
     * 1.5 MB and no time to make (an encoder would need the 400 MB picture first).
     */
    static void writeGreyJpeg(Path file, int side, int grey) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(new byte[] {(byte) 0xFF, (byte) 0xD8});
        segment(head, 0xDB, concat(new byte[] {0}, filled(64, 1))); // quantisation: all 1
        segment(head, 0xC0, new byte[] {8, (byte) (side >> 8), (byte) side, (byte) (side >> 8), (byte) side, 1, 1, 0x11, 0});
        // DC table: category 0 is "0", category 10 is "10"; AC table: end-of-block is "0"
        segment(head, 0xC4, concat(new byte[] {0x00, 1, 1}, new byte[14], new byte[] {0, 10}));
        segment(head, 0xC4, concat(new byte[] {0x10, 1}, new byte[15], new byte[] {0}));
        segment(head, 0xDA, new byte[] {1, 1, 0x00, 0, 63, 0});
        // first block: DC (grey - 128) * 8 in category 10, then end-of-block; every other block "00"
        int dc = (grey - 128) * 8;
        if (dc < 512 || dc > 1023) {
            throw new IllegalArgumentException("grey " + grey + " does not fit category 10");
        }
        long bits = 13 + 2L * ((long) (side / 8) * (side / 8) - 1);
        byte[] data = new byte[(int) ((bits + 7) / 8)];
        int first = 0b10 << 11 | dc << 1; // 13 bits: code, value, end-of-block
        data[0] = (byte) (first >> 5);
        data[1] = (byte) (first << 3);
        int spare = (int) (data.length * 8 - bits);
        data[data.length - 1] |= (byte) ((1 << spare) - 1); // pad with ones, as the standard asks
        try (OutputStream out = Files.newOutputStream(file)) {
            head.writeTo(out);
            out.write(data);
            out.write(new byte[] {(byte) 0xFF, (byte) 0xD9});
        }
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] body) {
        out.write(0xFF);
        out.write(marker);
        out.write((body.length + 2) >> 8);
        out.write(body.length + 2);
        out.writeBytes(body);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
