package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input ends the run with a non-zero status, one clear line, and no output file. */
class BadInputTest {

    @TempDir
    Path home;

    private void fails(int status, String expected, String... args) throws Exception {
        Scrim s = Scrim.run(home, 60, args);
        assertEquals(status, s.exitValue(), "exit status; stderr: " + s.stderr());
        assertTrue(s.stderr().contains(expected), "expected '" + expected + "' in: " + s.stderr());
        try (Stream<Path> files = Files.list(home)) {
            List<Path> left = new ArrayList<>(files.filter(p -> p.toString().endsWith(".y4m") || p.toString().endsWith(".part")).toList());
            assertTrue(left.isEmpty(), "left behind: " + left);
        }
    }

    private String out() {
        return home.resolve("out.y4m").toString();
    }

    @Test
    void aDisplayThatCannotBeOpenedEndsScrimWithTheFix() throws Exception {
        // no X server on :93: the window command says so and ends, rather than living on without a window
        try (Scrim s = Scrim.start(home, Map.of("DISPLAY", ":93", "GDK_BACKEND", "x11"), "--input", "pattern")) {
            assertEquals(1, s.waitFor(60), "exit status; stderr: " + s.stderr());
            assertTrue(s.stderr().contains("cannot open the window on display ':93'"), "stderr: " + s.stderr());
        }
    }

    @Test
    void unknownInputPath() throws Exception {
        fails(2, "input '/no/such/file.png' does not exist", "run", "--input", "/no/such/file.png", "--output", out());
    }

    @Test
    void corruptImage() throws Exception {
        Path bad = home.resolve("broken.jpg");
        Files.write(bad, new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3, 4, 5});
        fails(1, "is not a PNG or JPEG picture, or it is damaged", "run", "--input", bad.toString(), "--output", out());
    }

    @Test
    void picturesCutShortAreDamagedNotGrey() throws Exception {
        BufferedImage picture = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                picture.setRGB(x, y, (x * 255 / 640) << 16 | (y * 255 / 480) << 8 | 90);
            }
        }
        for (String format : List.of("jpg", "png")) {
            Path whole = home.resolve("whole." + format);
            ImageIO.write(picture, format, whole.toFile());
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = Files.write(home.resolve("cut." + format), Arrays.copyOf(bytes, bytes.length * 3 / 4));
            fails(1, "image " + cut + " is damaged: the file ends before the picture does", "run", "--input", cut.toString(), "--output", out());
        }
    }

    @Test
    void aMotionJpegVideoCutShortIsDamagedNotAnotherFormat() throws Exception {
        Path clip = home.resolve("clip.avi");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-t", "2",
                "-c:v", "mjpeg", clip.toString()).inheritIO().start();
        assertEquals(0, ffmpeg.waitFor(), "ffmpeg failed (is it installed?)");
        byte[] bytes = Files.readAllBytes(clip);
        Path cut = Files.write(home.resolve("cut.avi"), Arrays.copyOf(bytes, bytes.length / 2));
        fails(1, "video " + cut + " is damaged: the file ends early", "run", "--input", cut.toString(), "--output", out());
    }

    @Test
    void unsupportedVideo() throws Exception {
        Path bad = home.resolve("clip.mp4");
        Files.writeString(bad, "not really a video");
        fails(1, "convert it with: ffmpeg", "run", "--input", bad.toString(), "--output", out());
    }

    @Test
    void unknownEffectListsTheInstalledOnes() throws Exception {
        fails(2, "effect 'sparkles' is not installed: installed effects are", "run", "--input", "pattern", "--effect", "sparkles",
                "--output", out());
    }

    @Test
    void badEffectSettingsNameWhatIsValid() throws Exception {
        fails(2, "--effect blur: setting strength=5 is not valid: it takes 0 to 1", "run", "--input", "pattern", "--effect", "blur:strength=5",
                "--output", out());
        fails(2, "unknown setting 'radius': valid settings are strength", "run", "--input", "pattern", "--effect", "blur:radius=3",
                "--output", out());
        fails(2, "setting fit=zoom is not valid: it takes cover, contain, stretch", "run", "--input", "pattern", "--effect", "image:fit=zoom",
                "--output", out());
        fails(2, "there is no file", "run", "--input", "pattern", "--effect", "image:file=/no/such/beach.jpg", "--output", out());
        fails(2, "'banana' is not a colour", "run", "--input", "pattern", "--effect", "color:color=banana", "--output", out());
        fails(2, "setting size=2 is not valid: it takes 4 to 160", "run", "--input", "pattern", "--effect", "pixelate:size=2", "--output", out());
    }

    @Test
    void unknownModelListsTheInstalledOnes() throws Exception {
        fails(2, "model 'huge' is not installed: installed models are general, landscape, scene", "run", "--input", "pattern", "--model", "huge",
                "--output", out());
    }

    @Test
    void malformedSizeAndFps() throws Exception {
        fails(2, "size '1280by720' is not WIDTHxHEIGHT", "run", "--input", "pattern", "--size", "1280by720", "--output", out());
        fails(2, "width 641 is odd", "run", "--input", "pattern", "--size", "641x480", "--output", out());
        fails(2, "frame rate 'fast' is not a number", "run", "--input", "pattern", "--fps", "fast", "--output", out());
        fails(2, "frame rate '0' is out of range", "run", "--input", "pattern", "--fps", "0", "--output", out());
    }

    @Test
    void unwritableOutput() throws Exception {
        fails(2, "output folder /no/such/folder does not exist", "run", "--input", "pattern", "--output", "/no/such/folder/a.y4m");
        fails(2, "is not a .y4m file", "run", "--input", "pattern", "--output", home.resolve("a.mp4").toString());
        Path blocked = Files.createDirectory(home.resolve("blocked"));
        // a file where the .part file must go: the open fails whoever runs the test, root included
        Files.createDirectory(blocked.resolve("a.y4m.part"));
        Scrim s = Scrim.run(home, 60, "run", "--input", "pattern", "--frames", "5", "--output", blocked.resolve("a.y4m").toString());
        assertNotEquals(0, s.exitValue(), s.stderr());
        assertTrue(s.stderr().contains("cannot open output"), s.stderr());
        assertFalse(Files.exists(blocked.resolve("a.y4m")), "no output file that looks whole");
    }

    @Test
    void badOptions() throws Exception {
        fails(2, "has no option --colour", "run", "--colour", "red");
        fails(2, "no output given", "run", "--input", "pattern");
        fails(2, "--frames 'ten' is not a positive whole number", "run", "--input", "pattern", "--frames", "ten", "--output", out());
    }
}
