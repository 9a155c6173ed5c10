package scrim.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import scrim.api.Frame;
import scrim.api.VideoFormat;

class RefineUnitTest {

    private static Mat constant(int rows, int cols, double value) {
        return new Mat(rows, cols, opencv_core.CV_32FC1, Scalar.all(value));
    }

    private static float at(Mat m, int y, int x) {
        return new FloatPointer(m.ptr(y, x)).get();
    }

    @Test
    void smoothingCalmsNoiseButFollowsMotionAtOnce() {
        Random random = new Random(1);
        try (TemporalSmoother smoother = new TemporalSmoother(); Mat p = constant(1, 1, 0.5)) {
            double rawChange = 0;
            double smoothChange = 0;
            float last = 0.5f;
            float lastRaw = 0.5f;
            for (int i = 0; i < 200; i++) {
                float raw = (float) (0.5 + 0.05 * random.nextGaussian());
                new FloatPointer(p.ptr(0, 0)).put(raw);
                smoother.smooth(p, TemporalSmoother.DEFAULT_STRENGTH);
                float smoothed = at(p, 0, 0);
                rawChange += Math.abs(raw - lastRaw);
                smoothChange += Math.abs(smoothed - last);
                lastRaw = raw;
                last = smoothed;
            }
            assertTrue(smoothChange < rawChange / 2, "noise at least halved: " + smoothChange + " vs " + rawChange);
            // the person steps out: the mask follows in the same frame, no ghost
            new FloatPointer(p.ptr(0, 0)).put(0f);
            smoother.smooth(p, TemporalSmoother.DEFAULT_STRENGTH);
            assertEquals(0f, at(p, 0, 0), 1e-6);
        }
    }

    @Test
    void offMeansUnchanged() {
        try (TemporalSmoother smoother = new TemporalSmoother(); Mat p = constant(2, 2, 0.3)) {
            smoother.smooth(p, 0);
            p.put(Scalar.all(0.35));
            smoother.smooth(p, 0);
            assertEquals(0.35f, at(p, 1, 1), 1e-6);
        }
    }

    /** Alpha of each probability in a row, upscaled (bilinear) to a frame of the same size, so every value maps alone. */
    private static int[] alphaOf(float[] probabilities, double threshold, double feather) throws Exception {
        int n = probabilities.length + probabilities.length % 2; // YUYV frames have an even width: repeat the last value
        float[] row = java.util.Arrays.copyOf(probabilities, n);
        row[n - 1] = probabilities[probabilities.length - 1];
        try (FramePool pool = new FramePool(VideoFormat.yuyv(n, 2, 30), 1); MaskUpscaler up = new MaskUpscaler(); Mat p = constant(2, n, 0);
             Mat alpha = new Mat()) {
            new FloatPointer(p.ptr(0, 0)).put(row);
            new FloatPointer(p.ptr(1, 0)).put(row);
            try (Frame frame = pool.acquire(0, TimeUnit.SECONDS)) {
                up.upscale(p, frame, alpha, false, 8, 0.001, threshold, feather);
            }
            assertEquals(n, alpha.cols());
            assertEquals(2, alpha.rows());
            int[] a = new int[probabilities.length];
            for (int x = 0; x < a.length; x++) {
                a[x] = alpha.ptr(0, x).get() & 0xff;
            }
            return a;
        }
    }

    @Test
    void thresholdIsWhereAlphaCrossesOneHalf() throws Exception {
        double[][] settings = {{0.4, 0.2}, {0.6, 0.1}, {0.5, 0.5}};
        for (double[] s : settings) {
            double threshold = s[0];
            double feather = s[1];
            String what = "threshold " + threshold + ", feather " + feather;
            // a fine ramp across the whole feather and beyond, and the points just around the threshold
            float[] ramp = new float[41];
            for (int i = 0; i < ramp.length; i++) {
                ramp[i] = (float) (threshold + (i - 20) * feather / 20 * 1.5);
            }
            int[] a = alphaOf(ramp, threshold, feather);
            for (int i = 0; i < ramp.length; i++) {
                double expected = Math.max(0, Math.min(255, ((ramp[i] - threshold) / feather + 0.5) * 255));
                assertEquals(expected, a[i], 1, what + ": alpha at p = " + ramp[i]);
                if (i > 0) {
                    assertTrue(a[i] >= a[i - 1], what + ": alpha rises with the probability at p = " + ramp[i]);
                }
            }
            int[] around = alphaOf(new float[] {(float) (threshold - 0.01), (float) threshold, (float) (threshold + 0.01)}, threshold, feather);
            assertTrue(around[0] < 128 && around[1] >= 127 && around[1] <= 128 && around[2] > 128,
                    what + ": alpha crosses one half at the threshold: " + java.util.Arrays.toString(around));
            // the soft edge is exactly the feather wide: background below it, person above it
            int[] edges = alphaOf(new float[] {(float) (threshold - feather / 2 - 0.01), (float) (threshold - feather / 2 + 0.02),
                (float) (threshold + feather / 2 - 0.02), (float) (threshold + feather / 2 + 0.01)}, threshold, feather);
            assertEquals(0, edges[0], what + ": background just below the feather");
            assertTrue(edges[1] > 0 && edges[2] < 255, what + ": soft inside the feather: " + java.util.Arrays.toString(edges));
            assertEquals(255, edges[3], what + ": person just above the feather");
        }
    }

    @Test
    void theGuidedFilterPutsTheEdgeWhereThePictureHasIt() throws Exception {
        // picture: dark left, bright right, edge at x = 100; model mask: the same edge, blurred and coarse
        int w = 200, h = 40;
        try (FramePool pool = new FramePool(VideoFormat.yuyv(w, h, 30), 1); MaskUpscaler up = new MaskUpscaler(); Mat p = constant(5, 25, 0);
             Mat guided = new Mat(); Mat plain = new Mat()) {
            Frame frame = pool.acquire(0, TimeUnit.SECONDS);
            try (Mat left = frame.mat().colRange(0, 100); Mat right = frame.mat().colRange(100, w)) {
                left.put(new Scalar(30, 128, 0, 0));
                right.put(new Scalar(220, 128, 0, 0));
            }
            float[] row = new float[25];
            for (int x = 0; x < 25; x++) {
                row[x] = (float) Math.min(1, Math.max(0, (x - 11.5) / 2)); // a ramp over 2 coarse pixels = 16 frame pixels
            }
            for (int y = 0; y < 5; y++) {
                new FloatPointer(p.ptr(y, 0)).put(row);
            }
            up.upscale(p, frame, plain, false, 8, 0.001, 0.5, 0.6);
            up.upscale(p, frame, guided, true, 24, 0.001, 0.5, 0.6);
            frame.close();
            int plainSoft = 0;
            int guidedSoft = 0;
            for (int x = 0; x < w; x++) {
                int a = plain.ptr(20, x).get() & 0xff;
                int g = guided.ptr(20, x).get() & 0xff;
                plainSoft += a > 10 && a < 245 ? 1 : 0;
                guidedSoft += g > 10 && g < 245 ? 1 : 0;
            }
            assertTrue(guidedSoft < plainSoft / 2, "guided edge " + guidedSoft + " px wide vs bilinear " + plainSoft);
            assertTrue((guided.ptr(20, 90).get() & 0xff) < 128 && (guided.ptr(20, 110).get() & 0xff) > 128, "edge at the picture's edge");
        }
    }
}
