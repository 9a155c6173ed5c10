package scrim.integration.tests;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_videoio.VideoWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.util.tracker.ServiceTracker;

import scrim.api.Settings;
import scrim.integration.tests.EffectRig.Picture;

/**
 * Every shipped background effect as its DS component in a real framework: found by
 * {@code effect.name}, configured through ConfigAdmin (or the Settings service) only, applied to
 * synthetic YUYV frames whose right answer is known. Also renders a real portrait and a drawn
 * scene through each effect (target/effect-renders, target/doc-pictures).
 */
public class EffectsServiceTest {

    private static final String[] EFFECTS = {"blur", "image", "color", "video", "lightwrap", "dim", "pixelate"};
    private static final int W = 320;
    private static final int H = 240;

    private static EffectRig rig;
    private static Path dir;

    @BeforeAll
    static void open() throws Exception {
        rig = new EffectRig();
        dir = Files.createTempDirectory("scrim-effects");
    }

    @AfterAll
    static void close() throws Exception {
        rig.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @AfterEach
    void defaults() throws Exception {
        rig.resetAll();
    }

    // ------------------------------------------------------------------ colour

    /** Colour: the background is exactly the colour's YUYV value, the person exactly the camera. */
    @Test
    public void colorPaintsTheExactColourAndKeepsThePersonExactly() throws Exception {
        Mat camera = noise(W, H, 1, 128, 120);
        Mat mask = personMask(W, H);
        IntPredicate background = where(mask, 0);
        IntPredicate person = where(mask, 255);
        Picture before = rig.camera(camera);

        rig.reset("color");
        Picture out = rig.run(camera, mask, "color");
        assertEquals(0, out.maxDifference(EffectRig.yuv(0, 255, 0), background), "green, the key colour, by default");
        assertEquals(0, out.differing(before, person), "person pixels unchanged");

        rig.configure("color", "color", "#3366cc");
        out = rig.run(camera, mask, "color");
        assertEquals(0, out.maxDifference(EffectRig.yuv(0xcc, 0x66, 0x33), background), "#3366cc");
        assertEquals(0, out.differing(before, person));
        assertNull(rig.effect("color").problem());

        // a bad colour that bypassed the Settings service: said plainly, the last good colour stays
        rig.configure("color", "color", "not-a-colour");
        String problem = rig.effect("color").problem();
        assertNotNull(problem, "a bad colour is reported");
        assertTrue(problem.contains("'not-a-colour' is not a colour"), problem);
        out = rig.run(camera, mask, "color");
        assertEquals(0, out.maxDifference(EffectRig.yuv(0xcc, 0x66, 0x33), background), "previous colour kept");

        rig.configure("color", "color", "blue");
        assertNull(rig.effect("color").problem(), "a good colour clears the problem");
        assertEquals(0, rig.run(camera, mask, "color").maxDifference(EffectRig.yuv(255, 0, 0), background), "named colour");
    }

    // ------------------------------------------------------------------ blur

    /** Blur: the background loses its detail (more with more strength), the person stays sharp. */
    @Test
    public void blurSmoothsTheBackgroundAndLeavesThePersonUntouched() throws Exception {
        Mat camera = noise(W, H, 2, 128, 110);
        stripes(camera, 12, 5, new Scalar(20, 60, 30, 0));
        Mat mask = personMask(W, H);
        noise(W, H, 3, 150, 100).copyTo(camera, mask);
        float[] outside = EffectRig.distance(mask, false);
        IntPredicate background = i -> outside[i] > 4;
        Picture before = rig.camera(camera);
        double detail = before.varianceY(background);

        rig.configure("blur", "strength", 0.5);
        Picture out = rig.run(camera, mask, "blur");
        assertTrue(out.varianceY(background) < detail / 20, "background variance " + out.varianceY(background) + " vs " + detail);
        assertEquals(0, out.differing(before, where(mask, 255)), "person pixels unchanged");

        rig.configure("blur", "strength", 0.0);
        double light = rig.run(camera, mask, "blur").varianceY(background);
        rig.configure("blur", "strength", 1.0);
        double strong = rig.run(camera, mask, "blur").varianceY(background);
        assertTrue(light < detail / 4, "even strength 0 softens: " + light + " vs " + detail);
        assertTrue(strong < light / 2, "strength 1 blurs more than 0: " + strong + " vs " + light);
    }

    /**
     * Blur: detail finer than a YUYV pair (one-pixel stripes) goes too. The effect works on pairs
     * of pixels, so this is the case where the pair's two lumas could survive as they came in.
     */
    @Test
    public void blurRemovesOnePixelStripes() throws Exception {
        Mat camera = bgr(W, H, 40, 40, 40);
        stripes(camera, 2, 1, new Scalar(220, 220, 220, 0));
        Mat mask = EffectRig.filled(W, H, opencv_core.CV_8UC1);
        IntPredicate all = i -> true;
        double detail = rig.camera(camera).varianceY(all);
        rig.configure("blur", "strength", 0.5);
        double blurred = rig.run(camera, mask, "blur").varianceY(all);
        assertTrue(blurred < detail / 100, "one-pixel stripes blurred away: variance " + blurred + " vs " + detail);
    }

    /**
     * Blur: a white person on a dark room leaves no bright halo in the background next to them,
     * where a plain blur of the whole frame would smear the person outwards.
     */
    @Test
    public void blurLeavesNoHaloAroundThePerson() throws Exception {
        int[] room = {30, 45, 70};
        Mat camera = new Mat();
        opencv_core.addWeighted(bgr(W, H, room[0], room[1], room[2]), 1, noise(W, H, 4, 6, 6), 1, -6, camera); // room +-6
        Mat mask = personMask(W, H);
        bgr(W, H, 235, 235, 235).copyTo(camera, mask);
        float[] outside = EffectRig.distance(mask, false);
        IntPredicate nearEdge = i -> outside[i] >= 2 && outside[i] <= 10;
        int[] dark = EffectRig.yuv(room[0], room[1], room[2]);

        rig.configure("blur", "strength", 1.0);
        Picture out = rig.run(camera, mask, "blur");
        int halo = out.maxDifference(dark, nearEdge);
        assertTrue(halo <= 8, "background 2-10 px from the person stays the room's colour; off by up to " + halo);

        // the same check on a naive blur of the whole frame (sigma of strength 1: 40 px) fails clearly
        Mat naive = new Mat();
        opencv_imgproc.GaussianBlur(camera, naive, new Size(0, 0), 40);
        int naiveHalo = rig.camera(naive).maxDifference(dark, nearEdge);
        assertTrue(naiveHalo > 40, "a naive blur would show a halo of " + naiveHalo);
    }

    // ------------------------------------------------------------------ pixelate

    /** Pixelate: uniform blocks of the configured size; the person untouched. */
    @Test
    public void pixelateMakesUniformBlocksOfTheConfiguredSize() throws Exception {
        // fine noise over colour ramps: blocks average the noise away but differ along the ramps
        Mat camera = new Mat();
        opencv_core.addWeighted(ramps(W, H), 1, noise(W, H, 5, 40, 40), 1, -40, camera);
        Mat mask = personMask(W, H);
        Picture before = rig.camera(camera);
        for (int size : new int[] {16, 40}) {
            rig.configure("pixelate", "size", size);
            Picture out = rig.run(camera, mask, "pixelate");
            assertEquals(0, out.differing(before, where(mask, 255)), "person pixels unchanged");
            byte[] m = EffectRig.bytes(mask);
            int blocks = 0;
            int differentFromRight = 0;
            for (int by = 0; by < H / size; by++) {
                for (int bx = 0; bx < W / size; bx++) {
                    if (!allBackground(m, bx * size, by * size, size)) {
                        continue;
                    }
                    blocks++;
                    // every pixel of a background block is the block's colour
                    int[] first = {out.y(bx * size, by * size), out.u(bx * size, by * size), out.v(bx * size, by * size)};
                    int x0 = bx * size;
                    int y0 = by * size;
                    int spread = out.maxDifference(first, i -> i % W >= x0 && i % W < x0 + size && i / W >= y0 && i / W < y0 + size);
                    assertEquals(0, spread, "block " + bx + "," + by + " of size " + size + " is uniform");
                    // and the next block is another one (so blocks are no bigger than the size)
                    if (bx + 1 < W / size && allBackground(m, (bx + 1) * size, by * size, size)
                            && out.y((bx + 1) * size, by * size) != first[0]) {
                        differentFromRight++;
                    }
                }
            }
            assertTrue(blocks >= 10, blocks + " background blocks checked at size " + size);
            assertTrue(differentFromRight >= blocks * 0.6, "neighbouring blocks differ: " + differentFromRight + " of " + blocks);
        }
    }

    /** Pixelate: blocks at the person's edge take the room's colour, not the person's. */
    @Test
    public void pixelateLeavesNoHaloAroundThePerson() throws Exception {
        int[] room = {30, 45, 70};
        Mat camera = bgr(W, H, room[0], room[1], room[2]);
        Mat mask = personMask(W, H);
        bgr(W, H, 235, 235, 235).copyTo(camera, mask);
        IntPredicate background = where(mask, 0);
        int[] dark = EffectRig.yuv(room[0], room[1], room[2]);

        rig.configure("pixelate", "size", 16);
        int halo = rig.run(camera, mask, "pixelate").maxDifference(dark, background);
        assertTrue(halo <= 6, "background of blocks cut by the person's edge stays the room's colour; off by up to " + halo);

        // plain block averages (what a naive pixelate does) put the person's white into those blocks
        Mat small = new Mat();
        Mat naive = new Mat();
        opencv_imgproc.resize(camera, small, new Size(W / 16, H / 16), 0, 0, opencv_imgproc.INTER_AREA);
        opencv_imgproc.resize(small, naive, new Size(W, H), 0, 0, opencv_imgproc.INTER_NEAREST);
        int naiveHalo = rig.camera(naive).maxDifference(dark, background);
        assertTrue(naiveHalo > 40, "a naive pixelate would show a halo of " + naiveHalo);
    }

    // ------------------------------------------------------------------ dim

    /** Dim: background luma scaled towards 16 by brightness, chroma towards 128 (exact within 1); person untouched. */
    @Test
    public void dimScalesTheBackgroundByTheFormula() throws Exception {
        Mat camera = noise(W, H, 6, 128, 120);
        Mat mask = personMask(W, H);
        IntPredicate background = where(mask, 0);
        Picture before = rig.camera(camera);

        double[][] settings = {{0.5, 0.4}, {0.8, 0}, {0, 1}};
        for (double[] s : settings) {
            double brightness = s[0];
            // darkening scales Y-16 and U,V-128 alike (that is RGB scaled); saturation greys the colour on top
            double chroma = brightness * s[1];
            rig.configure("dim", "brightness", brightness, "saturation", s[1]);
            Picture out = rig.run(camera, mask, "dim");
            int wrong = 0;
            String first = null;
            for (int i = 0; i < W * H; i++) {
                int x = i % W;
                int y = i / W;
                double luma = 16 + (before.y(x, y) - 16) * brightness;
                double colour = 128 + (before.c(x, y) - 128) * chroma;
                if (background.test(i) && (Math.abs(out.y(x, y) - luma) > 1 || Math.abs(out.c(x, y) - colour) > 1)) {
                    wrong++;
                    first = first != null ? first : "at " + x + "," + y + ": " + out.y(x, y) + "/" + out.c(x, y) + " for " + luma + "/" + colour;
                }
            }
            assertEquals(0, wrong, "background pixels off the formula at brightness " + brightness + ", saturation " + s[1] + ", first " + first);
            assertEquals(0, out.differing(before, where(mask, 255)), "person pixels unchanged");
        }
    }

    // ------------------------------------------------------------------ light wrap

    /**
     * Light wrap after a colour background: the person's edge takes on the background's colour,
     * the person's middle and the background itself do not change.
     */
    @Test
    public void lightwrapTintsOnlyThePersonsEdge() throws Exception {
        Mat camera = noise(W, H, 7, 128, 60);
        Mat mask = personMask(W, H);
        bgr(W, H, 60, 140, 220).copyTo(camera, mask);
        float[] inside = EffectRig.distance(mask, true);
        int[] blue = EffectRig.yuv(255, 0, 0);

        rig.configure("color", "color", "blue");
        rig.configure("lightwrap", "strength", 1.0, "width", 16);
        Picture plain = rig.run(camera, mask, "color");
        Picture wrapped = rig.run(camera, mask, "color", "lightwrap");

        int edge = 0;
        int nearer = 0;
        double moved = 0;
        for (int i = 0; i < W * H; i++) {
            if (inside[i] > 0 && inside[i] <= 2) {
                int x = i % W;
                int y = i / W;
                double d0 = distance(plain, x, y, blue);
                double d1 = distance(wrapped, x, y, blue);
                edge++;
                nearer += d1 < d0 ? 1 : 0;
                moved += d0 - d1;
            }
        }
        assertTrue(nearer >= edge * 0.95, nearer + " of " + edge + " edge pixels nearer the background colour");
        assertTrue(moved / edge > 15, "edge pixels moved towards blue by " + moved / edge + " on average");
        assertEquals(0, wrapped.differing(plain, i -> inside[i] > 40), "the person's middle unchanged");
        assertEquals(0, wrapped.differing(plain, where(mask, 0)), "the background unchanged");

        rig.configure("lightwrap", "strength", 0.0, "width", 16);
        assertEquals(0, rig.run(camera, mask, "color", "lightwrap").differing(plain, i -> true), "strength 0 changes nothing");
    }

    // ------------------------------------------------------------------ image

    /** Picture: cover crops, contain adds bars (top and bottom or sides), stretch fills; colours land where the fit puts them. */
    @Test
    public void imagePlacesThePictureAsTheFitSays() throws Exception {
        int w = 160;
        int h = 120;
        Path wide = halves(dir.resolve("wide.png"), 200, 100, true);
        Path tall = halves(dir.resolve("tall.png"), 100, 200, false);
        Mat camera = bgr(w, h, 128, 128, 128);
        Mat mask = EffectRig.filled(w, h, opencv_core.CV_8UC1);
        int[] red = EffectRig.yuv(0, 0, 255);
        int[] blue = EffectRig.yuv(255, 0, 0);
        int[] green = EffectRig.yuv(0, 255, 0);

        // wide picture (2:1) on a 4:3 frame
        rig.configure("image", "file", wide.toString(), "fit", "cover");
        Picture cover = rig.run(camera, mask, "image");
        assertColour(cover, 20, 60, red, "cover: left is red");
        assertColour(cover, 140, 60, blue, "cover: right is blue");
        assertColour(cover, 20, 2, red, "cover: no bar at the top");
        assertColour(cover, 140, 117, blue, "cover: no bar at the bottom");
        assertColour(cover, 70, 60, red, "cover: cut evenly, the halves meet in the middle");
        assertColour(cover, 90, 60, blue, "cover: cut evenly, the halves meet in the middle");

        rig.configure("image", "file", wide.toString(), "fit", "contain", "color", "#00ff00");
        Picture contain = rig.run(camera, mask, "image");
        assertColour(contain, 80, 5, green, "contain: bar at the top");
        assertColour(contain, 80, 114, green, "contain: bar at the bottom");
        assertColour(contain, 4, 60, red, "contain: the whole picture across");
        assertColour(contain, 155, 60, blue, "contain: the whole picture across");

        rig.configure("image", "file", wide.toString(), "fit", "stretch");
        Picture stretch = rig.run(camera, mask, "image");
        assertColour(stretch, 20, 2, red, "stretch: fills to the top");
        assertColour(stretch, 140, 117, blue, "stretch: fills to the bottom");
        assertColour(stretch, 70, 60, red, "stretch");
        assertColour(stretch, 90, 60, blue, "stretch");

        // tall picture (1:2): contain puts bars at the sides
        rig.configure("image", "file", tall.toString(), "fit", "contain", "color", "#00ff00");
        Picture sides = rig.run(camera, mask, "image");
        assertColour(sides, 10, 60, green, "contain: bar at the left");
        assertColour(sides, 150, 60, green, "contain: bar at the right");
        assertColour(sides, 80, 20, red, "contain: top half red");
        assertColour(sides, 80, 100, blue, "contain: bottom half blue");
    }

    /** Picture: a missing or damaged file is reported by name and the previous picture stays. */
    @Test
    public void aBadPictureFileKeepsThePreviousPicture() throws Exception {
        int w = 160;
        int h = 120;
        Path good = halves(dir.resolve("good.png"), 200, 100, true);
        Path missing = dir.resolve("missing.png");
        Path garbage = dir.resolve("x.jpg");
        byte[] junk = new byte[4096];
        new Random(9).nextBytes(junk);
        Files.write(garbage, junk);
        Mat camera = bgr(w, h, 128, 128, 128);
        Mat mask = personMask(w, h);
        IntPredicate background = where(mask, 0);
        int[] red = EffectRig.yuv(0, 0, 255);

        rig.configure("image", "file", good.toString(), "fit", "stretch");
        Picture shown = rig.run(camera, mask, "image");
        assertNull(rig.effect("image").problem());
        assertColour(shown, 10, 60, red, "the good picture");

        rig.configure("image", "file", missing.toString(), "fit", "stretch");
        String problem = rig.effect("image").problem();
        assertNotNull(problem, "a missing file is reported");
        assertTrue(problem.contains(missing.toString()) && problem.contains("does not exist"), problem);
        assertEquals(0, rig.run(camera, mask, "image").differing(shown, background), "the previous picture stays");

        rig.configure("image", "file", garbage.toString(), "fit", "stretch");
        problem = rig.effect("image").problem();
        assertNotNull(problem, "a damaged file is reported");
        assertTrue(problem.contains(garbage.toString()) && problem.contains("not a PNG or JPEG"), problem);
        assertEquals(0, rig.run(camera, mask, "image").differing(shown, background), "the previous picture stays");

        rig.configure("image", "file", good.toString(), "fit", "stretch");
        assertNull(rig.effect("image").problem(), "a good file clears the problem");
    }

    // ------------------------------------------------------------------ video

    /**
     * Video: a 10 fps video (frame k is flat grey 40 + 20k) behind 30 fps output advances one
     * video frame every three output frames, in order, and starts over after the last.
     */
    @Test
    public void videoPlaysAtItsOwnPaceAndLoops() throws Exception {
        int w = 160;
        int h = 120;
        Path avi = dir.resolve("count.avi");
        writeVideo(avi, w, h, 10, 10, k -> bgr(w, h, 40 + 20 * k, 40 + 20 * k, 40 + 20 * k));
        Mat camera = bgr(w, h, 0, 0, 0);
        Mat mask = EffectRig.filled(w, h, opencv_core.CV_8UC1);
        rig.configure("video", "file", avi.toString(), "fit", "cover");

        int outputs = 90; // 3 s of output: 30 video frames, three times round
        List<Integer> shown = new ArrayList<>();
        for (int n = 0; n < outputs; n++) {
            shown.add(videoFrameOf(rig.run(camera, mask, "video").meanY(i -> true)));
            Thread.sleep(10); // the decoder runs on its own thread; give it time as a real frame interval would
        }
        assertNull(rig.effect("video").problem());

        // start-up: black (-1) until the first pictures are decoded, then in step with the clock
        int start = 0;
        while (start < outputs && shown.get(start) != (start / 3) % 10) {
            assertTrue(shown.get(start) == -1 || start > 0 && shown.get(start - 1) != -1, "black only before the first picture: " + shown);
            start++;
        }
        assertTrue(start <= 10, "in step within 10 frames: " + shown);
        int exact = 0;
        int wraps = 0;
        for (int n = start; n < outputs; n++) {
            int due = (n / 3) % 10;
            int k = shown.get(n);
            assertTrue(k == due || k == (due + 9) % 10, "output " + n + " shows video frame " + k + ", due " + due + ": " + shown);
            exact += k == due ? 1 : 0;
            wraps += n > start && shown.get(n - 1) == 9 && k == 0 ? 1 : 0;
        }
        assertTrue(exact >= (outputs - start) * 0.9, "paced: " + exact + " of " + (outputs - start) + " exactly due: " + shown);
        assertTrue(wraps >= 2, "loops back to the first frame after the last: " + shown);
    }

    /** The video frame number a flat grey output shows, or -1 for black (nothing decoded yet). */
    private static int videoFrameOf(double meanY) {
        double grey = (meanY - 16) / 0.859;
        if (grey < 15) {
            return -1;
        }
        long k = Math.round((grey - 40) / 20);
        assertTrue(k >= 0 && k <= 9 && Math.abs(grey - (40 + 20 * k)) < 6, "a flat grey of the video: " + grey);
        return (int) k;
    }

    // ------------------------------------------------------------------ settings service

    /** Settings: values are checked against Metatype (range, names) and a refused update changes nothing. */
    @Test
    public void settingsRefuseBadValuesAndApplyGoodOnes() throws Exception {
        ServiceTracker<Settings, Settings> t = new ServiceTracker<>(rig.context(), Settings.class, null);
        t.open();
        try {
            Settings settings = t.waitForService(20_000);
            assertNotNull(settings, "the Settings service");
            String pid = "scrim.effect.blur";
            settings.update(pid, Map.of("strength", "0.25"));
            rig.awaitProperty("blur", "strength", 0.25);
            Dictionary<String, Object> before = rig.configuration("blur").getProperties();

            IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> settings.update(pid, Map.of("strength", "5")));
            assertTrue(range.getMessage().contains("strength") && range.getMessage().contains("0 to 1"), range.getMessage());
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> settings.update(pid, Map.of("radius", "3")));
            assertTrue(unknown.getMessage().contains("radius") && unknown.getMessage().contains("valid settings are strength"), unknown.getMessage());
            IllegalArgumentException colour = assertThrows(IllegalArgumentException.class,
                    () -> settings.update("scrim.effect.color", Map.of("color", "nope")));
            assertTrue(colour.getMessage().contains("not a colour"), colour.getMessage());

            Dictionary<String, Object> after = rig.configuration("blur").getProperties();
            assertEquals(0.25, after.get("strength"), "configuration unchanged");
            assertNull(after.get("radius"));
            assertEquals(before.size(), after.size());
            assertEquals(0.25, rig.reference("blur").getProperty("strength"), "the component kept its value");

            settings.update(pid, Map.of("strength", "0.75"));
            assertEquals(0.75, rig.configuration("blur").getProperties().get("strength"));
            rig.awaitProperty("blur", "strength", 0.75);
        } finally {
            t.close();
        }
    }

    // ------------------------------------------------------------------ pictures

    /**
     * Renders real portraits (with their true masks) through each effect, for a person to look
     * at: a park behind a small picture of odd width (cropped to even), and a larger one with
     * blossom behind (whose true mask has holes in the hair: those show the background).
     */
    @Test
    public void rendersPortraitsThroughEachEffect() throws Exception {
        Path portraits = Path.of(System.getProperty("scrim.testdata", "/nonexistent"), "portraits");
        assumeTrue(Files.isDirectory(portraits), "portrait test data at " + portraits);
        Path out = Path.of(System.getProperty("scrim.renders", "target"), "effect-renders");
        for (String id : new String[] {"60", "80"}) {
            Mat image = opencv_imgcodecs.imread(portraits.resolve("images/" + id + ".jpg").toString(), opencv_imgcodecs.IMREAD_COLOR);
            Mat trueMask = opencv_imgcodecs.imread(portraits.resolve("masks/" + id + ".png").toString(), opencv_imgcodecs.IMREAD_GRAYSCALE);
            assertTrue(!image.empty() && !trueMask.empty(), "portrait " + id + " and its mask");
            // masks may be stored smaller than their photo
            Mat mask = new Mat();
            opencv_imgproc.resize(trueMask, mask, image.size(), 0, 0, opencv_imgproc.INTER_LINEAR);
            Rect even = new Rect(0, 0, image.cols() & ~1, image.rows());
            renderAll(image.apply(even).clone(), mask.apply(even).clone(), id.equals("60") ? out : out.resolve("portrait-" + id));
        }
    }

    /** Renders a drawn room with a person through each effect at 640x360: the README's pictures. */
    @Test
    public void rendersTheDocumentationPictures() throws Exception {
        Mat mask = new Mat();
        Mat camera = scene(640, 360, mask);
        renderAll(camera, mask, Path.of(System.getProperty("scrim.renders", "target"), "doc-pictures"));
    }

    /**
     * original.png and one PNG per effect; lightwrap is shown on top of the picture background.
     * Each render is checked for what its effect must do on this picture and mask: the person
     * (mask 255) exactly the camera's, the background (mask 0) what the effect paints there.
     */
    private void renderAll(Mat camera, Mat mask, Path out) throws Exception {
        int w = camera.cols();
        int h = camera.rows();
        Mat backdropPicture = landscape(w, h, false, 0);
        Path backdrop = dir.resolve("backdrop-" + w + "x" + h + ".png");
        opencv_imgcodecs.imwrite(backdrop.toString(), backdropPicture);
        Path video = dir.resolve("backdrop-" + w + "x" + h + ".avi");
        int videoFrames = 10;
        writeVideo(video, w, h, videoFrames, 10, k -> landscape(w, h, true, k));

        Picture original = rig.camera(camera);
        rig.save(original, out.resolve("original.png"));
        rig.configure("blur", "strength", 0.6);
        rig.configure("image", "file", backdrop.toString(), "fit", "cover");
        rig.configure("color", "color", "green");
        rig.configure("video", "file", video.toString(), "fit", "cover");
        rig.configure("lightwrap", "strength", 0.7, "width", 20);
        rig.configure("dim", "brightness", 0.5, "saturation", 0.3);
        rig.configure("pixelate", "size", Math.max(16, w / 28));

        IntPredicate person = where(mask, 255);
        IntPredicate background = where(mask, 0);
        float[] inside = EffectRig.distance(mask, true);
        float[] outside = EffectRig.distance(mask, false);
        IntPredicate farBackground = i -> outside[i] > 4;
        Picture picture = rig.camera(backdropPicture);
        List<Picture> videoPictures = new ArrayList<>();
        for (int k = 0; k < videoFrames; k++) {
            videoPictures.add(rig.camera(landscape(w, h, true, k)));
        }
        String size = " (" + w + "x" + h + ")";
        for (String effect : EFFECTS) {
            String[] chain = effect.equals("lightwrap") ? new String[] {"image", "lightwrap"} : new String[] {effect};
            Picture render = rig.run(camera, mask, chain);
            // the video is decoded on its own thread: play until its pictures show, and then five video frames (half a second)
            for (int n = 0; effect.equals("video") && (n < 15 || nearestFrame(render, videoPictures, background) > 8) && n < 300; n++) {
                Thread.sleep(10);
                render = rig.run(camera, mask, chain);
            }
            rig.save(render, out.resolve(effect + ".png"));
            String what = effect + size;
            if (!effect.equals("lightwrap")) {
                assertEquals(0, render.differing(original, person), what + ": person pixels are the camera's");
            }
            switch (effect) {
                case "blur" -> {
                    double before = original.detail(farBackground);
                    double after = render.detail(farBackground);
                    assertTrue(after < before / 3, what + ": background detail " + after + " against the camera's " + before);
                    assertEquals(original.meanY(farBackground), render.meanY(farBackground), 10, what + ": the blurred room keeps its light");
                }
                case "image" -> assertTrue(render.maxDifference(picture, background) <= 2,
                        what + ": background is the picture, off by " + render.maxDifference(picture, background));
                case "color" -> assertEquals(0, render.maxDifference(EffectRig.yuv(0, 255, 0), background), what + ": background green");
                case "video" -> {
                    double nearest = nearestFrame(render, videoPictures, background);
                    assertTrue(nearest <= 8, what + ": background is a frame of the video, mean luma off by " + nearest);
                    assertTrue(render.meanLumaDifference(original, background) > Math.max(10, 4 * nearest), what + ": not the room");
                }
                case "lightwrap" -> {
                    Picture unwrapped = rig.run(camera, mask, "image");
                    IntPredicate middle = i -> inside[i] > 40;
                    IntPredicate edge = i -> inside[i] > 0 && inside[i] <= 2;
                    assertEquals(0, render.differing(unwrapped, background), what + ": background stays the picture");
                    assertEquals(0, render.differing(original, middle), what + ": person's middle is the camera's");
                    assertTrue(count(w * h, edge) > 50 && render.differing(unwrapped, edge) > count(w * h, edge) / 2,
                            what + ": the person's edge takes the picture's light: " + render.differing(unwrapped, edge) + " of " + count(w * h, edge));
                }
                case "dim" -> {
                    int wrong = 0;
                    for (int i = 0; i < w * h; i++) {
                        int x = i % w;
                        int y = i / w;
                        if (background.test(i) && (Math.abs(render.y(x, y) - (16 + (original.y(x, y) - 16) * 0.5)) > 1
                                || Math.abs(render.c(x, y) - (128 + (original.c(x, y) - 128) * 0.5 * 0.3)) > 1)) {
                            wrong++;
                        }
                    }
                    assertEquals(0, wrong, what + ": background pixels off the dim formula");
                }
                case "pixelate" -> {
                    int block = Math.max(16, w / 28);
                    double uniform = uniformBlocks(render, block, background);
                    double cameras = uniformBlocks(original, block, background);
                    assertTrue(uniform >= 0.95 && cameras < 0.5, what + ": " + uniform + " of background blocks are one luma (the camera's: " + cameras + ")");
                }
                default -> throw new AssertionError("no check for effect " + effect);
            }
        }
    }

    /** Mean luma difference over the selected pixels to the nearest of the video's pictures. */
    private static double nearestFrame(Picture render, List<Picture> frames, IntPredicate selected) {
        double nearest = Double.MAX_VALUE;
        for (Picture f : frames) {
            nearest = Math.min(nearest, render.meanLumaDifference(f, selected));
        }
        return nearest;
    }

    /**
     * The share of pixelate's blocks (as it lays them out for this block size) in which every
     * selected pixel has the same luma; pixels next to a block boundary are left out, so the
     * rounding of the block layout does not matter. Blocks with few selected pixels are not counted.
     */
    private static double uniformBlocks(Picture p, int block, IntPredicate selected) {
        int pairs = p.width() / 2;
        int cols = Math.max(1, Math.round(pairs * 2f / block));
        int rows = Math.max(1, Math.round(p.height() / (float) block));
        int[] min = new int[cols * rows];
        int[] max = new int[cols * rows];
        int[] seen = new int[cols * rows];
        java.util.Arrays.fill(min, 255);
        for (int y = 1; y < p.height() - 1; y++) {
            int by = y * rows / p.height();
            if ((y - 1) * rows / p.height() != by || (y + 1) * rows / p.height() != by) {
                continue;
            }
            for (int x = 2; x < p.width() - 2; x++) {
                int pair = x / 2;
                int bx = pair * cols / pairs;
                if ((pair - 1) * cols / pairs != bx || (pair + 1) * cols / pairs != bx || !selected.test(y * p.width() + x)) {
                    continue;
                }
                int b = by * cols + bx;
                min[b] = Math.min(min[b], p.y(x, y));
                max[b] = Math.max(max[b], p.y(x, y));
                seen[b]++;
            }
        }
        int blocks = 0;
        int uniform = 0;
        for (int b = 0; b < seen.length; b++) {
            if (seen[b] >= 16) {
                blocks++;
                uniform += min[b] == max[b] ? 1 : 0;
            }
        }
        assertTrue(blocks >= 10, blocks + " blocks of background to check");
        return uniform / (double) blocks;
    }

    private static int count(int pixels, IntPredicate selected) {
        int n = 0;
        for (int i = 0; i < pixels; i++) {
            n += selected.test(i) ? 1 : 0;
        }
        return n;
    }

    // ------------------------------------------------------------------ synthetic scenes

    /** True for pixels whose mask is exactly this value. */
    private static IntPredicate where(Mat mask, int value) {
        byte[] m = EffectRig.bytes(mask);
        return i -> (m[i] & 0xff) == value;
    }

    private static boolean allBackground(byte[] mask, int x0, int y0, int size) {
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                if (mask[y * W + x] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Euclidean distance of a pixel's Y, U, V from a colour. */
    private static double distance(Picture p, int x, int y, int[] yuv) {
        double dy = p.y(x, y) - yuv[0];
        double du = p.u(x, y) - yuv[1];
        double dv = p.v(x, y) - yuv[2];
        return Math.sqrt(dy * dy + du * du + dv * dv);
    }

    /** Checks a 5x5 patch around (x, y) is the colour, within 3. */
    private static void assertColour(Picture p, int x, int y, int[] yuv, String what) {
        int worst = p.maxDifference(yuv, i -> Math.abs(i % p.width() - x) <= 2 && Math.abs(i / p.width() - y) <= 2);
        assertTrue(worst <= 3, what + ": at " + x + "," + y + " off by " + worst);
    }

    private static Mat bgr(int w, int h, int blue, int green, int red) {
        return EffectRig.bgr(w, h, blue, green, red);
    }

    /** Independent random BGR values around a mean, seeded. */
    private static Mat noise(int w, int h, long seed, int mean, int spread) {
        Random r = new Random(seed);
        byte[] b = new byte[w * h * 3];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Math.max(0, Math.min(255, mean + r.nextInt(2 * spread + 1) - spread));
        }
        Mat m = new Mat(h, w, opencv_core.CV_8UC3);
        m.data().put(b);
        return m;
    }

    /** Blue rising to the right, green rising downwards, red falling to the right. */
    private static Mat ramps(int w, int h) {
        byte[] b = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                b[i] = (byte) (40 + 180 * x / w);
                b[i + 1] = (byte) (40 + 180 * y / h);
                b[i + 2] = (byte) (220 - 180 * x / w);
            }
        }
        Mat m = new Mat(h, w, opencv_core.CV_8UC3);
        m.data().put(b);
        return m;
    }

    /** Vertical stripes {@code width} wide every {@code period} pixels. */
    private static void stripes(Mat m, int period, int width, Scalar colour) {
        for (int x = 0; x < m.cols(); x += period) {
            opencv_imgproc.rectangle(m, new Point(x, 0), new Point(x + width - 1, m.rows() - 1), colour, FILLED, LINE_8, 0);
        }
    }

    /** Head, neck and shoulders, centred, for a frame of height h. */
    private static void silhouette(Mat m, Scalar colour, int lineType) {
        int w = m.cols();
        int h = m.rows();
        int cx = w / 2;
        opencv_imgproc.circle(m, new Point(cx, (int) (h * 0.36)), (int) (h * 0.14), colour, FILLED, lineType, 0);
        opencv_imgproc.rectangle(m, new Point(cx - (int) (h * 0.06), (int) (h * 0.40)), new Point(cx + (int) (h * 0.06), (int) (h * 0.62)),
                colour, FILLED, lineType, 0);
        opencv_imgproc.ellipse(m, new Point(cx, (int) (h * 1.0)), new Size((int) (h * 0.46), (int) (h * 0.42)), 0, 0, 360, colour,
                FILLED, lineType, 0);
    }

    /** A hard person mask (0 or 255), as the tests need exact regions. */
    private static Mat personMask(int w, int h) {
        Mat mask = EffectRig.filled(w, h, opencv_core.CV_8UC1);
        silhouette(mask, new Scalar(255), LINE_8);
        return mask;
    }

    /** A picture of two halves: red and blue side by side, or red above blue. */
    private static Path halves(Path file, int w, int h, boolean sideBySide) {
        Mat m = bgr(w, h, 255, 0, 0);
        Rect first = sideBySide ? new Rect(0, 0, w / 2, h) : new Rect(0, 0, w, h / 2);
        m.apply(first).put(new Scalar(0, 0, 255, 0));
        assertTrue(opencv_imgcodecs.imwrite(file.toString(), m));
        return file;
    }

    /** A Motion-JPEG AVI, written by OpenCV's own encoder. */
    private static void writeVideo(Path file, int w, int h, int frames, double fps, IntFunction<Mat> frame) {
        try (Size size = new Size(w, h);
                VideoWriter writer = new VideoWriter(file.toString(), VideoWriter.fourcc((byte) 'M', (byte) 'J', (byte) 'P', (byte) 'G'), fps, size,
                        true)) {
            assertTrue(writer.isOpened(), "a Motion-JPEG writer for " + file);
            for (int k = 0; k < frames; k++) {
                writer.write(frame.apply(k));
            }
            writer.release();
        }
    }

    private static Scalar colour(int b, int g, int r) {
        return new Scalar(b, g, r, 0);
    }

    private static void box(Mat m, int x0, int y0, int x1, int y1, Scalar c) {
        opencv_imgproc.rectangle(m, new Point(x0, y0), new Point(x1, y1), c, FILLED, LINE_AA, 0);
    }

    /** A vertical gradient between two BGR colours over the rows y0..y1 of m. */
    private static void gradient(Mat m, int y0, int y1, int[] top, int[] bottom) {
        for (int y = y0; y < y1; y++) {
            double t = (y - y0) / (double) Math.max(1, y1 - y0 - 1);
            opencv_imgproc.line(m, new Point(0, y), new Point(m.cols() - 1, y), colour((int) (top[0] + (bottom[0] - top[0]) * t),
                    (int) (top[1] + (bottom[1] - top[1]) * t), (int) (top[2] + (bottom[2] - top[2]) * t)), 1, LINE_8, 0);
        }
    }

    /**
     * A lived-in room (window, clock, poster, plant, bookshelf) with a person in front (head,
     * shoulders, a face), at any size; the person's soft-edged mask goes into {@code mask}. Nothing
     * dark stands right behind the person's edge, where the camera's soft edge would show it.
     */
    static Mat scene(int w, int h, Mat mask) {
        double s = h / 360.0;
        int cx = w / 2;
        Mat room = new Mat(h, w, opencv_core.CV_8UC3);
        gradient(room, 0, h, new int[] {196, 214, 228}, new int[] {150, 176, 200});
        int floor = (int) (h * 0.84);
        gradient(room.apply(new Rect(0, floor, w, h - floor)), 0, h - floor, new int[] {60, 100, 150}, new int[] {35, 70, 115});
        for (int x = -(int) (40 * s); x < w; x += (int) (70 * s)) {
            opencv_imgproc.line(room, new Point(x, floor), new Point(x - (int) (30 * s), h), colour(30, 60, 100), 2, LINE_AA, 0);
        }
        // window with sky, clouds and hills
        int wx0 = (int) (30 * s), wy0 = (int) (40 * s), wx1 = (int) (190 * s), wy1 = (int) (220 * s);
        box(room, wx0 - (int) (8 * s), wy0 - (int) (8 * s), wx1 + (int) (8 * s), wy1 + (int) (8 * s), colour(245, 245, 245));
        Mat sky = room.apply(new Rect(wx0, wy0, wx1 - wx0, wy1 - wy0));
        gradient(sky, 0, sky.rows(), new int[] {235, 170, 90}, new int[] {245, 220, 180});
        opencv_imgproc.ellipse(sky, new Point(sky.cols() / 3, sky.rows() * 4 / 10), new Size((int) (36 * s), (int) (13 * s)), 0, 0, 360,
                colour(255, 255, 255), FILLED, LINE_AA, 0);
        opencv_imgproc.ellipse(sky, new Point(sky.cols() / 2, sky.rows() / 3), new Size((int) (26 * s), (int) (15 * s)), 0, 0, 360,
                colour(255, 255, 255), FILLED, LINE_AA, 0);
        opencv_imgproc.ellipse(sky, new Point(sky.cols() * 3 / 4, sky.rows()), new Size(sky.cols() * 2 / 3, (int) (60 * s)), 0, 0, 360,
                colour(80, 160, 90), FILLED, LINE_AA, 0);
        opencv_imgproc.ellipse(sky, new Point(0, sky.rows()), new Size(sky.cols() / 2, (int) (40 * s)), 0, 0, 360, colour(60, 130, 70),
                FILLED, LINE_AA, 0);
        box(room, (wx0 + wx1) / 2 - (int) (4 * s), wy0, (wx0 + wx1) / 2 + (int) (4 * s), wy1, colour(245, 245, 245));
        box(room, wx0, (wy0 + wy1) / 2 - (int) (4 * s), wx1, (wy0 + wy1) / 2 + (int) (4 * s), colour(245, 245, 245));
        // bookshelf with books
        int bx0 = (int) (w - 165 * s), by0 = (int) (50 * s), bx1 = (int) (w - 24 * s), by1 = floor + (int) (10 * s);
        box(room, bx0, by0, bx1, by1, colour(40, 70, 110));
        int[][] bookColours = {{60, 60, 200}, {160, 110, 40}, {70, 170, 230}, {90, 140, 60}, {150, 80, 140}, {200, 200, 210}, {40, 110, 220},
            {120, 60, 40}, {80, 200, 200}};
        Random r = new Random(11);
        int shelves = 4;
        int shelfH = (by1 - by0) / shelves;
        for (int i = 0; i < shelves; i++) {
            int top = by0 + i * shelfH;
            int bottom = top + shelfH - (int) (6 * s);
            box(room, bx0 + (int) (8 * s), top + (int) (6 * s), bx1 - (int) (8 * s), bottom, colour(25, 45, 75));
            int x = bx0 + (int) (10 * s);
            while (x < bx1 - (int) (24 * s)) {
                int bw = (int) ((10 + r.nextInt(10)) * s);
                int bh = (int) (shelfH * (0.55 + r.nextDouble() * 0.3));
                int[] c = bookColours[r.nextInt(bookColours.length)];
                box(room, x, bottom - bh, x + bw - 2, bottom - 1, colour(c[0], c[1], c[2]));
                opencv_imgproc.line(room, new Point(x + 2, bottom - bh + (int) (8 * s)), new Point(x + bw - 4, bottom - bh + (int) (8 * s)),
                        colour(230, 230, 230), 1, LINE_AA, 0);
                x += bw + (r.nextInt(4) == 0 ? (int) (8 * s) : 0);
            }
        }
        // a poster above the person's head, a clock and a plant
        int px0 = cx - (int) (62 * s), py0 = (int) (6 * s), px1 = cx + (int) (62 * s), py1 = (int) (60 * s);
        box(room, px0, py0, px1, py1, colour(60, 50, 45));
        box(room, px0 + (int) (5 * s), py0 + (int) (5 * s), px1 - (int) (5 * s), py1 - (int) (5 * s), colour(90, 200, 250));
        opencv_imgproc.putText(room, "SCRIM", new Point(px0 + (int) (16 * s), py1 - (int) (16 * s)), opencv_imgproc.FONT_HERSHEY_DUPLEX, 1.0 * s,
                colour(60, 40, 30), Math.max(1, (int) (2 * s)), LINE_AA, false);
        Point clock = new Point((int) (w * 0.355), (int) (52 * s));
        opencv_imgproc.circle(room, clock, (int) (20 * s), colour(240, 240, 240), FILLED, LINE_AA, 0);
        opencv_imgproc.circle(room, clock, (int) (20 * s), colour(50, 50, 50), Math.max(1, (int) (3 * s)), LINE_AA, 0);
        opencv_imgproc.line(room, clock, new Point(clock.x(), clock.y() - (int) (13 * s)), colour(40, 40, 40), Math.max(1, (int) (2 * s)), LINE_AA, 0);
        opencv_imgproc.line(room, clock, new Point(clock.x() + (int) (10 * s), clock.y() + (int) (4 * s)), colour(40, 40, 40),
                Math.max(1, (int) (2 * s)), LINE_AA, 0);
        int plantX = (int) (110 * s), plantY = floor;
        for (int i = 0; i < 7; i++) {
            double angle = Math.toRadians(-150 + i * 20);
            Point tip = new Point(plantX + (int) (Math.cos(angle) * 60 * s), plantY - (int) (55 * s) + (int) (Math.sin(angle) * 55 * s));
            opencv_imgproc.ellipse(room, new Point((plantX + tip.x()) / 2, (plantY - (int) (55 * s) + tip.y()) / 2),
                    new Size((int) (32 * s), (int) (9 * s)), Math.toDegrees(angle), 0, 360, colour(50 + 10 * i, 150 - 5 * i, 40), FILLED, LINE_AA, 0);
        }
        Mat pot = new Mat(4, 1, opencv_core.CV_32SC2);
        new IntPointer(pot.data()).put(plantX - (int) (30 * s), plantY - (int) (50 * s), plantX + (int) (30 * s), plantY - (int) (50 * s),
                plantX + (int) (22 * s), plantY + (int) (8 * s), plantX - (int) (22 * s), plantY + (int) (8 * s));
        try (MatVector polys = new MatVector(pot)) {
            opencv_imgproc.fillPoly(room, polys, colour(60, 90, 190));
        }

        // the person: jumper, neck, face and hair, drawn on their own layer
        Mat person = new Mat(h, w, opencv_core.CV_8UC3, colour(70, 80, 180));
        int headY = (int) (h * 0.36);
        int headR = (int) (h * 0.14);
        Scalar skin = colour(135, 175, 228);
        Scalar shade = colour(115, 155, 210);
        box(person, cx - (int) (h * 0.06), (int) (h * 0.40), cx + (int) (h * 0.06), (int) (h * 0.62), shade);
        opencv_imgproc.ellipse(person, new Point(cx, (int) (h * 0.60)), new Size((int) (h * 0.07), (int) (h * 0.05)), 0, 0, 180, shade, FILLED,
                LINE_AA, 0);
        for (int side = -1; side <= 1; side += 2) {
            opencv_imgproc.circle(person, new Point(cx + side * headR, headY + headR / 8), headR / 5, shade, FILLED, LINE_AA, 0);
        }
        opencv_imgproc.circle(person, new Point(cx, headY), headR, skin, FILLED, LINE_AA, 0);
        Point hair = new Point(cx, headY - headR / 5);
        Size hairSize = new Size(headR + (int) (3 * s), headR);
        opencv_imgproc.ellipse(person, hair, hairSize, 0, 180, 360, colour(30, 45, 70), FILLED, LINE_AA, 0);
        for (int side = -1; side <= 1; side += 2) {
            opencv_imgproc.circle(person, new Point(cx + side * headR * 2 / 5, headY + headR / 6), Math.max(2, headR / 10), colour(50, 40, 40),
                    FILLED, LINE_AA, 0);
        }
        opencv_imgproc.ellipse(person, new Point(cx, headY + headR / 2), new Size(headR / 3, headR / 6), 0, 20, 160, colour(70, 70, 160),
                Math.max(1, (int) (2 * s)), LINE_AA, 0);
        // the mask: the silhouette, ears and hair included, with a feathered edge like a segmentation model's
        Mat hard = EffectRig.filled(w, h, opencv_core.CV_8UC1);
        silhouette(hard, new Scalar(255), LINE_AA);
        opencv_imgproc.ellipse(hard, hair, hairSize, 0, 180, 360, new Scalar(255), FILLED, LINE_AA, 0);
        for (int side = -1; side <= 1; side += 2) {
            opencv_imgproc.circle(hard, new Point(cx + side * headR, headY + headR / 8), headR / 5, new Scalar(255), FILLED, LINE_AA, 0);
        }
        opencv_imgproc.GaussianBlur(hard, mask, new Size(0, 0), 1.5 * s);
        // the camera sees the person over the room, blended along the same soft edge
        Mat alpha = new Mat();
        Mat inverse = new Mat();
        opencv_imgproc.cvtColor(mask, alpha, opencv_imgproc.COLOR_GRAY2BGR);
        opencv_core.bitwise_not(alpha, inverse);
        opencv_core.multiply(person, alpha, person, 1 / 255.0, -1);
        opencv_core.multiply(room, inverse, room, 1 / 255.0, -1);
        Mat camera = new Mat();
        opencv_core.add(person, room, camera);
        return camera;
    }

    /**
     * A coast (sky, sun, hills, sea, a boat) as a background picture; with {@code evening}, the
     * same coast at sunset, the sun, waves and boat moving with frame {@code t} (video frames).
     */
    static Mat landscape(int w, int h, boolean evening, int t) {
        Mat m = new Mat(h, w, opencv_core.CV_8UC3);
        int horizon = (int) (h * 0.58);
        if (evening) {
            gradient(m, 0, horizon, new int[] {120, 60, 70}, new int[] {90, 170, 250});
            gradient(m.apply(new Rect(0, horizon, w, h - horizon)), 0, h - horizon, new int[] {110, 90, 120}, new int[] {70, 40, 50});
        } else {
            gradient(m, 0, horizon, new int[] {210, 140, 60}, new int[] {240, 215, 170});
            gradient(m.apply(new Rect(0, horizon, w, h - horizon)), 0, h - horizon, new int[] {170, 130, 40}, new int[] {120, 90, 20});
        }
        Point sun = evening ? new Point((int) (w * 0.72), (int) (h * (0.50 + 0.004 * t))) : new Point((int) (w * 0.68), (int) (h * 0.22));
        opencv_imgproc.circle(m, sun, (int) (h * (evening ? 0.11 : 0.08)), evening ? colour(120, 200, 255) : colour(170, 240, 255), FILLED, LINE_AA,
                0);
        if (evening) {
            // the sun sets behind the sea
            gradient(m.apply(new Rect(0, horizon, w, h - horizon)), 0, h - horizon, new int[] {110, 90, 120}, new int[] {70, 40, 50});
        }
        opencv_imgproc.ellipse(m, new Point((int) (w * 0.15), horizon + 2), new Size((int) (w * 0.30), (int) (h * 0.20)), 0, 180, 360,
                evening ? colour(70, 60, 70) : colour(90, 130, 80), FILLED, LINE_AA, 0);
        opencv_imgproc.ellipse(m, new Point((int) (w * 0.42), horizon + 2), new Size((int) (w * 0.22), (int) (h * 0.12)), 0, 180, 360,
                evening ? colour(90, 80, 90) : colour(110, 150, 95), FILLED, LINE_AA, 0);
        Scalar wave = evening ? colour(120, 180, 240) : colour(230, 210, 180);
        for (int i = 0; i < 6; i++) {
            int y = horizon + (int) ((h - horizon) * (0.15 + 0.14 * i));
            int x = (int) (w * ((0.1 + 0.17 * i + 0.01 * t) % 1.0));
            opencv_imgproc.line(m, new Point(x, y), new Point(x + (int) (w * 0.08), y), wave, Math.max(1, h / 200), LINE_AA, 0);
        }
        int boat = (int) (w * (0.75 - 0.012 * t));
        int by = horizon + (int) ((h - horizon) * 0.35);
        opencv_imgproc.ellipse(m, new Point(boat, by), new Size((int) (w * 0.04), (int) (h * 0.015)), 0, 0, 180, colour(40, 40, 60), FILLED,
                LINE_AA, 0);
        opencv_imgproc.line(m, new Point(boat, by), new Point(boat, by - (int) (h * 0.09)), colour(40, 40, 60), Math.max(1, h / 240), LINE_AA, 0);
        opencv_imgproc.ellipse(m, new Point(boat + 2, by - (int) (h * 0.045)), new Size((int) (w * 0.02), (int) (h * 0.04)), 0, -90, 90,
                colour(245, 245, 245), FILLED, LINE_AA, 0);
        return m;
    }
}
