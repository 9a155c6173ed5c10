package scrim.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import scrim.api.Frame;
import scrim.api.Segmenter;
import scrim.api.VideoFormat;

/**
 * The crop pass with a segmenter that sees only pixels (bright is person) and answers at a
 * small fixed size, as a model does: the crop maps back to the right place, follows a moving person and finds a second one entering.
 */
class CropPassUnitTest {

    private static final int W = 1280;
    private static final int H = 720;

    /** Bright pixels are the person, answered at 64x36 like a small model; counts its calls. */
    private static final class BrightSegmenter implements Segmenter, AutoCloseable {
        final Mat luma = new Mat();
        final Mat small = new Mat();
        final Size size = new Size(64, 36);
        int calls;
        /** The width of the last picture it was given. */
        int width;

        @Override
        public void segment(Frame frame, Mat probability) {
            calls++;
            width = frame.format().width();
            opencv_core.extractChannel(frame.mat(), luma, 0);
            opencv_imgproc.resize(luma, small, size, 0, 0, opencv_imgproc.INTER_AREA);
            small.convertTo(probability, opencv_core.CV_32F, 1 / 255.0, 0);
        }

        @Override
        public void close() {
            luma.close();
            small.close();
            size.close();
        }
    }

    /** A black frame with white rectangles {x0, y0, x1, y1}. */
    private static void draw(Frame f, int[]... people) {
        f.mat().put(new Scalar(0, 128, 0, 0));
        for (int[] p : people) {
            try (Point a = new Point(p[0], p[1]); Point b = new Point(p[2] - 1, p[3] - 1); Scalar white = new Scalar(255, 128, 0, 0)) {
                opencv_imgproc.rectangle(f.mat(), a, b, white, opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
            }
        }
    }

    /** The largest distance between a box found in {@code out} and the true one, in frame pixels. */
    private static double error(CropPass pass, Mat out, int[] truth) {
        try (CropPass.Profiles profiles = new CropPass.Profiles()) {
            assertTrue(pass.find(profiles, out, 0, 0, W, H), "somebody found");
        }
        double[] box = pass.box();
        double d = 0;
        for (int i = 0; i < 4; i++) {
            d = Math.max(d, Math.abs(box[i] - truth[i]));
        }
        return d;
    }

    private static double at(Mat out, int frameX, int frameY) {
        return new FloatPointer(out.ptr(frameY / CropPass.DIVISOR, frameX / CropPass.DIVISOR)).get();
    }

    @Test
    void theCropsAnswerLandsInItsPlaceAndNowhereElse() throws Exception {
        int[] person = {417, 233, 653, 703};
        try (FramePool pool = new FramePool(VideoFormat.yuyv(W, H, 30), 1); BrightSegmenter model = new BrightSegmenter();
             CropPass pass = new CropPass(); Mat out = new Mat(); Frame f = pool.acquire(1, TimeUnit.SECONDS)) {
            draw(f, person);
            pass.tracker().configure(0.2, 15);
            pass.segment(model, model, f, out);
            assertEquals(2, model.calls, "a still: one whole-frame pass finds the person, one pass on the crop");
            double crop = error(pass, out, person);
            assertEquals(CropPass.scaled(W), out.cols());
            assertEquals(CropPass.scaled(H), out.rows());
            // a model pixel of the crop is 4.4 x 16 frame pixels: a mapping off by half of one would show
            assertTrue(crop <= 3, "the person's edges where they are in the frame, within " + crop + " frame pixels");
            assertEquals(1.0, at(out, 530, 450), 0.01, "the middle of the person");
            assertEquals(0.0, at(out, 100, 100), 1e-6, "nothing outside the crop");
            assertEquals(0.0, at(out, 1200, 650), 1e-6, "nothing outside the crop");
        }
    }

    @Test
    void theCropGoesToItsOwnModelAndTheWholeFrameToTheOther() throws Exception {
        int[] person = {417, 233, 653, 703};
        try (FramePool pool = new FramePool(VideoFormat.yuyv(W, H, 30), 1); BrightSegmenter whole = new BrightSegmenter();
             BrightSegmenter crop = new BrightSegmenter(); CropPass pass = new CropPass(); Mat out = new Mat()) {
            pass.tracker().configure(0.2, 15);
            for (int i = 0; i < 30; i++) {
                try (Frame f = pool.acquire(1, TimeUnit.SECONDS)) {
                    draw(f, person);
                    pass.segment(whole, crop, f, out);
                }
                if (i == 0) {
                    assertEquals(W, whole.width, "the whole frame went to the whole frame's model");
                    assertEquals(CropPass.SAMPLE_WIDTH, crop.width, "the crop went to the crop's model");
                }
            }
            assertEquals(2, whole.calls, "the whole frame's model only on the first frame and the scheduled look (frame 15)");
            assertEquals(30, crop.calls, "the crop's model on every frame");
            assertTrue(error(pass, out, person) <= 3, "the crop's model's answer is the mask");
            assertTrue(pass.lastModel() == crop, "the crop's model ran last");
        }
    }

    @Test
    void theCropFollowsAMovingPersonWithoutASecondModelRunPerFrame() throws Exception {
        try (FramePool pool = new FramePool(VideoFormat.yuyv(W, H, 30), 1); BrightSegmenter model = new BrightSegmenter();
             CropPass pass = new CropPass(); Mat out = new Mat()) {
            pass.tracker().configure(0.2, 15);
            int frames = 120;
            double worst = 0;
            for (int i = 0; i < frames; i++) {
                int x = 100 + 8 * i; // 8 pixels a frame, 960 across the frame in 4 s at 30 fps
                int[] person = {x, 250, x + 200, 720};
                try (Frame f = pool.acquire(1, TimeUnit.SECONDS)) {
                    draw(f, person);
                    pass.segment(model, model, f, out);
                }
                worst = Math.max(worst, error(pass, out, person));
                assertEquals(0.0, at(out, Math.max(0, x - 60), 400), 0.02, "no trail behind the person in frame " + i);
            }
            assertTrue(worst <= 12, "every frame's person within " + worst + " frame pixels of the truth");
            assertTrue(model.calls <= frames + frames / 15 + 1, model.calls + " model runs for " + frames
                    + " frames: one a frame and a second only on the scheduled whole-frame looks");
        }
    }

    @Test
    void aModelThatLosesThePersonInEveryCropCostsOneRunAFrameNotTwo() throws Exception {
        try (FramePool pool = new FramePool(VideoFormat.yuyv(W, H, 30), 1); BrightSegmenter bright = new BrightSegmenter();
             CropPass pass = new CropPass(); Mat out = new Mat()) {
            int[] calls = {0};
            // sees the person in whole frames only (as a model may be unsure of a zoomed-in view)
            Segmenter unsure = (frame, probability) -> {
                calls[0]++;
                bright.segment(frame, probability);
                if (frame.format().width() == CropPass.SAMPLE_WIDTH) {
                    probability.put(Scalar.ZERO);
                }
            };
            pass.tracker().configure(0.2, 15);
            int frames = 60;
            for (int i = 0; i < frames; i++) {
                try (Frame f = pool.acquire(1, TimeUnit.SECONDS)) {
                    draw(f, new int[] {400, 250, 600, 720});
                    pass.segment(unsure, unsure, f, out);
                }
            }
            assertTrue(calls[0] <= frames + frames / 15 + 2, calls[0] + " model runs for " + frames + " frames: a forced whole-frame"
                    + " look (the person lost) uses its own answer instead of running the model on the crop as well");
        }
    }

    @Test
    void aSecondPersonEnteringIsFoundByTheNextWholeFrameLook() throws Exception {
        try (FramePool pool = new FramePool(VideoFormat.yuyv(W, H, 30), 1); BrightSegmenter model = new BrightSegmenter();
             CropPass pass = new CropPass(); Mat out = new Mat()) {
            int interval = 10;
            pass.tracker().configure(0.2, interval);
            int[] first = {200, 250, 400, 720};
            int[] second = {900, 300, 1100, 720};
            int foundAt = -1;
            for (int i = 0; i < 40 && foundAt < 0; i++) {
                try (Frame f = pool.acquire(1, TimeUnit.SECONDS)) {
                    if (i < 5) {
                        draw(f, first);
                    } else {
                        draw(f, first, second); // enters in frame 5, far from the crop
                    }
                    pass.segment(model, model, f, out);
                }
                if (i >= 5 && at(out, 1000, 500) > 0.5) {
                    foundAt = i;
                }
            }
            assertTrue(foundAt >= 5 && foundAt <= 5 + interval, "the second person found in frame " + foundAt);
            assertTrue(at(out, 300, 500) > 0.5, "the first one still there");
        }
    }
}
