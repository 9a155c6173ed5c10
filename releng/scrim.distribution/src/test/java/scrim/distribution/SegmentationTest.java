package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped models through the distribution: quality, flicker, runs, masks, model files. */
class SegmentationTest {

    private static final Path PORTRAITS = Path.of(System.getProperty("scrim.testdata", "../../../shared/testdata")).resolve("portraits");
    private static final Path MODELS = Path.of(System.getProperty("scrim.models", "../../models/scrim.model.selfie/model"));
    /** The plain landscape model (whole photo stretched, bilinear, threshold 0.5) on these photos. */
    private static final double PLAIN_LANDSCAPE_IOU = 0.814;

    @TempDir
    Path home;

    private static double figure(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([0-9.]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    private static String lastLine(Scrim s) {
        String[] lines = s.stdout().strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void theDefaultSettingsBeatThePlainModelOnThePortraits() throws Exception {
        Scrim s = Scrim.run(home, 300, "eval", "--images", PORTRAITS.resolve("images").toString(), "--masks",
                PORTRAITS.resolve("masks").toString());
        assertEquals(0, s.exitValue(), s.stderr());
        String json = lastLine(s);
        assertTrue(json.contains("\"model\":\"landscape\""), "landscape is the default: " + json);
        assertEquals(29, (int) figure(json, "images"));
        double iou = figure(json, "mean_iou");
        assertTrue(iou > PLAIN_LANDSCAPE_IOU, "mean IoU " + iou + " must beat the plain model's " + PLAIN_LANDSCAPE_IOU);
    }

    @Test
    void smoothingAtLeastHalvesFlickerOnAStillScene() throws Exception {
        Scrim s = Scrim.run(home, 300, "eval", "--video", PORTRAITS.resolve("images/100.jpg").toString(), "--frames", "60", "--noise", "3");
        assertEquals(0, s.exitValue(), s.stderr());
        String json = lastLine(s);
        double smoothed = figure(json, "flicker");
        double raw = figure(json, "flicker_unsmoothed");
        assertTrue(raw > 0, "camera noise makes the unsmoothed mask flicker: " + json);
        assertTrue(smoothed * 2 <= raw, "smoothing must at least halve flicker: " + json);
    }

    @Test
    void aPictureRunsThroughTheLandscapeModel() throws Exception {
        Path out = home.resolve("out.y4m");
        Scrim s = Scrim.run(home, 120, "run", "--input", PORTRAITS.resolve("images/100.jpg").toString(), "--model", "landscape",
                "--output", out.toString(), "--frames", "30");
        assertEquals(0, s.exitValue(), s.stderr());
        assertEquals("1280,1055,30", CommandsTest.ffprobe(out, "stream=width,height,nb_read_frames"));
        assertTrue(!s.stderr().contains("pass through"), "the model was used: " + s.stderr());
    }

    @Test
    void aModelFileGivenByPathRuns() throws Exception {
        Path copy = Files.copy(MODELS.resolve("selfie_segmentation_landscape.tflite"), home.resolve("copy.tflite"));
        Path out = home.resolve("out.y4m");
        Scrim s = Scrim.run(home, 120, "run", "--input", "pattern", "--size", "320x180", "--model", copy.toString(), "--output",
                out.toString(), "--frames", "30");
        assertEquals(0, s.exitValue(), s.stderr());
        assertEquals("30", CommandsTest.ffprobe(out, "stream=nb_read_frames"));
        assertTrue(!s.stderr().contains("pass through"), "the file model was used: " + s.stderr());
    }

    @Test
    void segmentWritesOneMaskPerPictureAtItsSize() throws Exception {
        Path dir = home.resolve("masks");
        Path a = PORTRAITS.resolve("images/100.jpg");
        Path b = PORTRAITS.resolve("images/10.jpg");
        Scrim s = Scrim.run(home, 120, "segment", a.toString(), b.toString(), "--out", dir.toString());
        assertEquals(0, s.exitValue(), s.stderr());
        for (Path picture : new Path[] {a, b}) {
            String base = picture.getFileName().toString().replace(".jpg", "");
            BufferedImage mask = ImageIO.read(dir.resolve(base + ".png").toFile());
            BufferedImage photo = ImageIO.read(picture.toFile());
            assertEquals(photo.getWidth(), mask.getWidth(), base);
            assertEquals(photo.getHeight(), mask.getHeight(), base);
            Raster r = mask.getRaster();
            int white = 0;
            int black = 0;
            for (int y = 0; y < mask.getHeight(); y++) {
                for (int x = 0; x < mask.getWidth(); x++) {
                    int v = r.getSample(x, y, 0);
                    white += v == 255 ? 1 : 0;
                    black += v == 0 ? 1 : 0;
                }
            }
            int all = mask.getWidth() * mask.getHeight();
            assertTrue(white > all / 10 && black > all / 10, base + ": person and background both found (" + white + "/" + black + ")");
        }
    }

    @Test
    void badModelFilesGetAClearError() throws Exception {
        Path garbage = Files.writeString(home.resolve("garbage.tflite"), "this is not a model");
        Scrim s = Scrim.run(home, 60, "run", "--input", "pattern", "--model", garbage.toString(), "--output", home.resolve("x.y4m").toString());
        assertEquals(1, s.exitValue(), s.stderr());
        assertTrue(s.stderr().contains("is not a TensorFlow Lite model, or it is damaged"), s.stderr());
        s = Scrim.run(home, 60, "eval", "--model", "/no/such.tflite", "--images", "x", "--masks", "y");
        assertEquals(1, s.exitValue(), s.stderr());
        assertTrue(s.stderr().contains("does not exist"), s.stderr());
        s = Scrim.run(home, 60, "run", "--input", "pattern", "--model", garbage + ":colour=red", "--output", home.resolve("x.y4m").toString());
        assertTrue(s.stderr().contains("model option 'colour' is unknown"), s.stderr());
        assertTrue(!Files.exists(home.resolve("x.y4m")));
    }
}
