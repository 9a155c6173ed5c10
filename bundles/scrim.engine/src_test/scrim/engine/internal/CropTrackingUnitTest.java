package scrim.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scrim.engine.internal.TestParts.await;
import static scrim.engine.internal.TestParts.config;
import static scrim.engine.internal.TestParts.hasProblem;
import static scrim.engine.internal.TestParts.props;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import scrim.api.CaptureStream;
import scrim.api.Frame;
import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.FrameTap;
import scrim.api.PipelineState;
import scrim.api.Segmenter;
import scrim.api.VideoFormat;
import scrim.pixels.CropPass;
import scrim.engine.internal.TestParts.RecordingSink;

/**
 * The engine runs the model on the crop around the person found in the previous frames: a
 * person walking across the frame is followed with no trail, one entering later is found by
 * the periodic whole-frame look, and a segmenter that must see whole frames gets them.
 * The model is a real segmenter of pixels (bright is person, answered at 64x36 like a small
 * model); the people are bright rectangles on a dark room.
 */
class CropTrackingUnitTest {

    private static final int W = 320;
    private static final int H = 180;
    private static final int FRAMES = 120;
    /** The second person enters in this frame. */
    private static final int ENTERS = 50;

    private final PipelineComponent engine = new PipelineComponent();

    @AfterEach
    void stop() {
        engine.deactivate();
    }

    /** The people in frame {@code n}: {x0, y0, x1, y1}, the first walking right 1.5 pixels a frame. */
    private static List<int[]> people(long n) {
        List<int[]> p = new ArrayList<>();
        int x = 20 + (int) (1.5 * n);
        p.add(new int[] {x, 50, x + 50, H});
        if (n >= ENTERS) {
            p.add(new int[] {260, 70, 300, H});
        }
        return p;
    }

    private static void draw(Mat yuyv, long n, Scalar person) {
        for (int[] r : people(n)) {
            try (Point a = new Point(r[0], r[1]); Point b = new Point(r[2] - 1, r[3] - 1)) {
                opencv_imgproc.rectangle(yuyv, a, b, person, opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
            }
        }
    }

    /** The people, walking. */
    private static final class WalkSource implements FrameSource {
        @Override
        public List<VideoFormat> formats() {
            return List.of(VideoFormat.yuyv(W, H, 30));
        }

        @Override
        public CaptureStream open(VideoFormat requested) {
            return new CaptureStream() {
                long sequence;
                final Scalar room = new Scalar(16, 128, 0, 0);
                final Scalar person = new Scalar(235, 128, 0, 0);

                @Override
                public VideoFormat format() {
                    return requested;
                }

                @Override
                public boolean read(Frame into) {
                    into.mat().put(room);
                    draw(into.mat(), sequence, person);
                    into.stamp(sequence++, System.nanoTime());
                    return true;
                }

                @Override
                public void close() {
                    room.close();
                    person.close();
                }
            };
        }
    }

    /** Bright pixels are the person, answered at 64x36; records the width of every frame it is given. */
    private static final class BrightSegmenter implements Segmenter {
        final List<Integer> widths = new ArrayList<>();
        private final Mat luma = new Mat();
        private final Mat small = new Mat();
        private final Size size = new Size(64, 36);

        @Override
        public synchronized void segment(Frame frame, Mat probability) {
            widths.add(frame.format().width());
            opencv_core.extractChannel(frame.mat(), luma, 0);
            opencv_imgproc.resize(luma, small, size, 0, 0, opencv_imgproc.INTER_AREA);
            small.convertTo(probability, opencv_core.CV_32F, 1 / 219.0, -16 / 219.0);
        }

        synchronized List<Integer> widths() {
            return new ArrayList<>(widths);
        }
    }

    /**
     * For every frame: the share of the people the mask misses, and the mask's pixels more than
     * 6 pixels off them. The mask composed with a frame is the newest one, which may be a few
     * frames ahead of it (the model thread is not held back by compositing), so "the people"
     * are those of the frame and of the next {@link #AHEAD}: missed counts what all of them
     * share, off what none of them covers (a trail behind the walker shows either way).
     */
    private static final class MaskCheck implements FrameTap {
        static final int AHEAD = Handoff.QUEUE + 2;
        final List<double[]> frames = new ArrayList<>();
        private final Mat one = new Mat();
        private final Mat all = new Mat();
        private final Mat any = new Mat();
        private final Mat mine = new Mat();
        private final Mat diff = new Mat();
        private final Scalar white = new Scalar(255.0);
        private final Scalar black = new Scalar(0.0);
        private final Mat grow = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_RECT, new Size(13, 13));

        @Override
        public boolean wants() {
            return true;
        }

        @Override
        public synchronized void offer(Frame camera, Mat mask, Frame output) {
            if (mask == null) {
                return;
            }
            long n = camera.sequence();
            all.create(H, W, opencv_core.CV_8UC1);
            all.put(white);
            any.create(H, W, opencv_core.CV_8UC1);
            any.put(black);
            one.create(H, W, opencv_core.CV_8UC1);
            for (long k = n; k <= Math.min(n + AHEAD, FRAMES - 1); k++) {
                one.put(black);
                draw(one, k, white);
                opencv_core.bitwise_and(all, one, all);
                opencv_core.bitwise_or(any, one, any);
            }
            opencv_imgproc.threshold(mask, mine, 127, 255, opencv_imgproc.THRESH_BINARY);
            opencv_core.subtract(all, mine, diff);
            double missed = (double) opencv_core.countNonZero(diff) / Math.max(1, opencv_core.countNonZero(all));
            opencv_imgproc.dilate(any, any, grow);
            opencv_core.subtract(mine, any, diff);
            frames.add(new double[] {n, missed, opencv_core.countNonZero(diff)});
        }

        synchronized List<double[]> snapshot() {
            return new ArrayList<>(frames);
        }
    }

    private void run(BrightSegmenter model, Map<String, Object> modelProps, MaskCheck check) throws Exception {
        engine.bindSegmenter(model, modelProps);
        run(check);
    }

    /** Runs the walk through the segmenters bound, with these settings added. */
    private void run(MaskCheck check, Object... settings) throws Exception {
        engine.bindSource(new WalkSource(), props(FrameSource.ID, "walk"));
        engine.bindSink(new RecordingSink(), props(FrameSink.ID, "rec"));
        engine.bindTap(check);
        List<Object> c = new ArrayList<>(List.of("source", "walk", "sinks", new String[] {"rec"}, "width", W, "height", H, "running", true,
                "realtime", false, "frames", (long) FRAMES, "refine_smoothing", 0.0));
        c.addAll(List.of(settings));
        engine.activate(config(c.toArray()));
        await("finished", () -> engine.status().state() == PipelineState.FINISHED);
    }

    /** The walk's masks: the people in every frame and nothing off them (looser than the first test: no second person checked). */
    private static void assertFollowed(MaskCheck check) {
        List<double[]> frames = check.snapshot();
        assertEquals(FRAMES, frames.size());
        for (double[] f : frames.subList(0, ENTERS)) {
            assertEquals(0, f[2], "frame " + (int) f[0] + ": no mask off the people");
            assertTrue(f[1] < 0.03, "frame " + (int) f[0] + ": the walking person is in the mask (missed " + f[1] + ")");
        }
    }

    @Test
    void theCropGoesToTheCropModelAndTheWholeFrameToTheChosenOne() throws Exception {
        BrightSegmenter chosen = new BrightSegmenter();
        BrightSegmenter crops = new BrightSegmenter();
        engine.bindSegmenter(chosen, props(Segmenter.NAME, "bright"));
        engine.bindSegmenter(crops, props(Segmenter.NAME, CropPass.DEFAULT_MODEL));
        MaskCheck check = new MaskCheck();
        run(check, "segmenter", "bright");
        assertTrue(chosen.widths().stream().allMatch(w -> w == W), "the chosen model sees whole frames only: " + chosen.widths());
        assertTrue(crops.widths().stream().noneMatch(w -> w == W), "the crop model sees crops only: " + crops.widths());
        assertTrue(crops.widths().size() >= FRAMES * 0.8, crops.widths().size() + " crop runs for " + FRAMES + " frames");
        assertTrue(chosen.widths().size() <= FRAMES / 15 + 10, chosen.widths().size() + " whole-frame runs");
        assertFollowed(check);
    }

    @Test
    void aFailingCropModelLeavesTheCropToTheChosenOne() throws Exception {
        BrightSegmenter chosen = new BrightSegmenter();
        engine.bindSegmenter(chosen, props(Segmenter.NAME, "bright"));
        engine.bindSegmenter((frame, probability) -> {
            throw new IllegalStateException("crop model bug");
        }, props(Segmenter.NAME, "broken"));
        run(new MaskCheck(), "segmenter", "bright", "refine_crop_model", "broken");
        assertTrue(hasProblem(engine.status(), "model 'broken' failed: crop model bug"), engine.status().problems().toString());
        long crops = chosen.widths().stream().filter(w -> w != W).count();
        assertTrue(crops >= FRAMES * 0.8, "the chosen model took the crops over: " + chosen.widths());
    }

    @Test
    void aCropModelThatIsNotInstalledIsReportedAndTheChosenOneCrops() throws Exception {
        BrightSegmenter chosen = new BrightSegmenter();
        engine.bindSegmenter(chosen, props(Segmenter.NAME, "bright"));
        MaskCheck check = new MaskCheck();
        run(check, "refine_crop_model", "missing");
        assertTrue(hasProblem(engine.status(), "crop model 'missing' (refine.crop.model) is not installed"), engine.status().problems().toString());
        assertTrue(chosen.widths().stream().filter(w -> w != W).count() >= FRAMES * 0.8, "crops: " + chosen.widths());
        assertFollowed(check);
    }

    @Test
    void theCropFollowsAWalkingPersonAndTheWholeFrameLookFindsOneEntering() throws Exception {
        BrightSegmenter model = new BrightSegmenter();
        MaskCheck check = new MaskCheck();
        run(model, props(Segmenter.NAME, "bright"), check);
        List<Integer> widths = model.widths();
        long crops = widths.stream().filter(w -> w != W).count();
        assertTrue(crops >= FRAMES * 0.8, crops + " of " + widths.size() + " model runs were on the crop");
        assertTrue(widths.size() <= FRAMES + FRAMES / 15 + 2, widths.size() + " model runs for " + FRAMES + " frames");
        List<double[]> frames = check.snapshot();
        assertEquals(FRAMES, frames.size());
        int foundSecond = -1;
        for (double[] f : frames) {
            int n = (int) f[0];
            assertEquals(0, f[2], "frame " + n + ": no mask off the people (no trail)");
            if (n < ENTERS) {
                assertTrue(f[1] < 0.03, "frame " + n + ": the walking person is in the mask (missed " + f[1] + ")");
            } else if (foundSecond < 0 && n >= ENTERS + MaskCheck.AHEAD && f[1] < 0.03) {
                foundSecond = n;
            }
        }
        assertTrue(foundSecond >= ENTERS && foundSecond <= ENTERS + MaskCheck.AHEAD + 15,
                "the person entering in frame " + ENTERS + " is in the mask from frame " + foundSecond);
        for (double[] f : frames.subList(foundSecond, FRAMES - MaskCheck.AHEAD)) {
            assertTrue(f[1] < 0.03, "frame " + (int) f[0] + ": both people in the mask (missed " + f[1] + ")");
        }
    }

    @Test
    void aSegmenterThatMustSeeWholeFramesGetsThem() throws Exception {
        BrightSegmenter model = new BrightSegmenter();
        Map<String, Object> p = props(Segmenter.NAME, "whole");
        p.put(SelectionResolver.CROPPABLE, Boolean.FALSE);
        run(model, p, new MaskCheck());
        assertTrue(model.widths().stream().allMatch(w -> w == W), "only whole frames: " + model.widths());
    }
}
