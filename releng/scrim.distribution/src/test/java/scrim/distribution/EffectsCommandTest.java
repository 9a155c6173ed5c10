package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The effects as a user drives them from the command line: listed, chained, timed and checked. */
class EffectsCommandTest {

    @TempDir
    Path home;

    private Path redPicture() throws Exception {
        BufferedImage red = new BufferedImage(400, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < red.getHeight(); y++) {
            for (int x = 0; x < red.getWidth(); x++) {
                red.setRGB(x, y, 0xff0000);
            }
        }
        Path file = home.resolve("red.png");
        ImageIO.write(red, "png", file.toFile());
        return file;
    }

    @Test
    void listShowsEveryEffectWithItsSettingsAndRanges() throws Exception {
        Scrim s = Scrim.run(home, 60, "list");
        assertEquals(0, s.exitValue(), s.stderr());
        String out = s.stdout();
        for (String effect : new String[] {"blur", "image", "color", "video", "lightwrap", "dim", "pixelate"}) {
            assertTrue(out.matches("(?s).*\\n  " + effect + " +\\S.*"), effect + " missing in:\n" + out);
        }
        assertTrue(out.matches("(?s).*strength +0 to 1 \\(default 0\\.5\\).*"), out);
        assertTrue(out.matches("(?s).*fit +cover, contain, stretch \\(default cover\\).*"), out);
        assertTrue(out.matches("(?s).*size +4 to 160 \\(default 32\\).*"), out);
    }

    @Test
    void aChainWithSettingsPaintsThePictureBehindThePerson() throws Exception {
        Path out = home.resolve("chain.y4m");
        Scrim s = Scrim.run(home, 120, "run", "--input", "pattern", "--size", "320x240", "--frames", "30", "--model", "scene",
                "--effect", "image:file=" + redPicture() + ",fit=cover", "--effect", "lightwrap:strength=0.4", "--output", out.toString());
        assertEquals(0, s.exitValue(), s.stderr());
        Y4m video = new Y4m(out);
        assertEquals(30, video.frames.size());
        byte[] last = video.frames.get(29);
        // a corner far from the figure: the picture's red (BT.601 limited: Y 82, U 90, V 240), untouched by the light wrap
        assertEquals(82, video.y(last, 316, 3), 2);
        assertEquals(90, video.u(last, 316, 3), 2);
        assertEquals(240, video.v(last, 316, 3), 2);
    }

    @Test
    void aDamagedPictureIsReportedAndTheRunGoesOn() throws Exception {
        Path broken = home.resolve("broken.jpg");
        Files.write(broken, new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        Path out = home.resolve("broken.y4m");
        Scrim s = Scrim.run(home, 120, "run", "--input", "pattern", "--size", "320x240", "--frames", "30", "--model", "scene",
                "--effect", "image:file=" + broken + ",color=#0000ff", "--output", out.toString());
        assertEquals(0, s.exitValue(), s.stderr());
        assertTrue(s.stderr().contains("is not a PNG or JPEG picture, or it is damaged"), s.stderr());
        // meanwhile the background is the bar colour (blue: Y 41, U 240), never the room behind the person
        Y4m video = new Y4m(out);
        byte[] last = video.frames.get(29);
        assertEquals(41, video.y(last, 316, 3), 2);
        assertEquals(240, video.u(last, 316, 3), 2);
    }

    /**
     * The bench times every stage and each effect of a chain with an output, and every figure it
     * reports is a real measurement: a stage or effect that did not run, or a figure that was
     * never filled in, shows as zero and fails.
     */
    @Test
    void benchTimesEachEffect() throws Exception {
        Path out = home.resolve("bench.y4m");
        // enough frames that the first mark's garbage collection and pause (about 50 ms, some 40 frames
        // of this small scene at 800 fps) leave most of them to measure
        int frames = 300;
        Scrim s = Scrim.run(home, 180, "bench", "--input", "pattern", "--size", "640x360", "--frames", String.valueOf(frames), "--model", "scene",
                "--effect", "blur", "--effect", "color", "--output", out.toString());
        assertEquals(0, s.exitValue(), s.stderr());
        String[] lines = s.stdout().strip().split("\n");
        String json = lines[lines.length - 1];
        assertTrue(json.matches(".*\"effect_ms\":\\{\"blur\":[0-9.]+,\"color\":[0-9.]+\\}.*"), json);
        assertTrue(s.stdout().matches("(?s).*\\n +blur +[0-9.]+ ms\\n +color +[0-9.]+ ms\\n.*"), s.stdout());
        Map<String, Double> stages = figures(json, "ms");
        assertTrue(stages.keySet().containsAll(List.of("capture", "segment", "refine", "compose", "sink")), json);
        stages.forEach((stage, ms) -> assertTrue(ms > 0, "stage " + stage + " timed: " + json));
        figures(json, "effect_ms").forEach((effect, ms) -> assertTrue(ms > 0, "effect " + effect + " timed: " + json));
        for (String key : new String[] {"frames", "fps", "cpu_ms_per_frame", "peak_rss_mb"}) {
            assertTrue(figure(json, key) > 0, key + " measured: " + json);
        }
        // the measured frames lie between a warm-up (plus one garbage collection, during which a fast run
        // goes on) and a margin before the end, where the run frees its buffers; all of the run's frames are written
        assertTrue(figure(json, "frames") >= frames / 3 && figure(json, "frames") <= frames, json);
        int[] written = {0};
        new Y4m(out, frame -> written[0]++);
        assertEquals(frames, written[0], "frames written");
    }

    /** A number in the bench's JSON line. */
    private static double figure(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([0-9.]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    /** The numbers of a flat JSON object in the bench's line, by name and in order. */
    private static Map<String, Double> figures(String json, String key) {
        Matcher object = Pattern.compile("\"" + key + "\":\\{([^}]*)\\}").matcher(json);
        assertTrue(object.find(), key + " in " + json);
        Map<String, Double> figures = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("\"([^\"]+)\":([0-9.]+)").matcher(object.group(1));
        while (entry.find()) {
            figures.put(entry.group(1), Double.parseDouble(entry.group(2)));
        }
        assertTrue(!figures.isEmpty(), key + " has figures: " + json);
        return figures;
    }
}
