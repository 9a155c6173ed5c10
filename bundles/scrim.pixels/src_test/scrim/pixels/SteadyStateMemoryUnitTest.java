package scrim.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import scrim.api.Frame;
import scrim.api.VideoFormat;

/**
 * Every per-frame pixel operation, run over many frames of one size as the engine and the
 * effects run them: once warmed up, a frame allocates no Java heap on the calling thread and
 * no JavaCPP-tracked native memory, resident memory does not grow, and closing everything
 * gives back every native object that was made.
 */
class SteadyStateMemoryUnitTest {

    private static final int W = 320;
    private static final int H = 180;
    private static final int WARM_UP = 20;
    private static final int FRAMES = 300;
    /**
     * Heap bytes a frame may allocate on average: the two counter reads around the loop,
     * spread over the frames, stay far below this; one Java object per frame is above it.
     */
    private static final double HEAP_BYTES_PER_FRAME = 8;
    /** Resident memory may grow this much over all frames (JIT code, page noise); a leak of one small picture per frame is far above. */
    private static final long RESIDENT_GROWTH = 8L << 20;

    private static final Fit.Mode[] MODES = Fit.Mode.values();
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static Mat filled(int rows, int cols, int type, double value) {
        try (Scalar s = Scalar.all(value)) {
            return new Mat(rows, cols, type, s);
        }
    }

    /** Native objects the garbage collector would free some time, freed now, so counts show only what a test makes. */
    private static void collectGarbage() throws InterruptedException {
        long before;
        do {
            before = Pointer.totalCount();
            System.gc();
            Thread.sleep(20); // the collector hands dead pointers over on its own thread
            Pointer.deallocateReferences();
        } while (Pointer.totalCount() != before);
    }

    /** Heap bytes allocated so far by the calling thread. */
    private static long heap() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** A background effect that shows one of a few pictures in turn, as the video effect shows its decoded pictures. */
    private static final class Rotating extends Backdrop {
        private final Mat[] pictures = new Mat[4];
        private int next;

        Rotating() {
            for (int i = 0; i < pictures.length; i++) {
                pictures[i] = filled(H, W / 2, opencv_core.CV_8UC4, 40 * i);
            }
        }

        @Override
        protected Mat paint(Frame camera, Mat mask, Frame canvas) {
            next = (next + 1) % pictures.length;
            return pictures[next];
        }

        @Override
        protected synchronized void close() {
            super.close();
            for (Mat m : pictures) {
                m.close();
            }
        }
    }

    /** Everything a frame goes through, with its scratch. */
    private static final class Operations implements AutoCloseable {
        final FramePool pool = new FramePool(VideoFormat.yuyv(W, H, 30), 2);
        final Frame camera;
        final Frame canvas;
        final Mat bgr = new Mat(H, W, opencv_core.CV_8UC3);
        final Mat picture = filled(H * 2 + 10, W * 2 + 30, opencv_core.CV_8UC3, 90);
        final Mat fitted = new Mat();
        final Mat mask = filled(H, W, opencv_core.CV_8UC1, 0);
        final Mat probability = filled(36, 64, opencv_core.CV_32FC1, 0.2);
        final Mat alpha = new Mat();
        final Mat background = new Mat();
        final Mat small = new Mat();
        final Mat luma = new Mat(H, W / 2, opencv_core.CV_8UC2);
        final Mat u = new Mat(H, W / 2, opencv_core.CV_8UC1);
        final Mat v = new Mat(H, W / 2, opencv_core.CV_8UC1);
        final Scalar bars = new Scalar(0, 0, 0, 0);
        final Yuyv yuyv = new Yuyv();
        final Compositor compositor = new Compositor();
        final BackgroundSampler sampler = new BackgroundSampler();
        final MaskUpscaler upscaler = new MaskUpscaler();
        final TemporalSmoother smoother = new TemporalSmoother();
        final Shrinker shrinker = new Shrinker();
        final PlaneSplitter splitter = new PlaneSplitter();
        /** One per mode: a video keeps its mode. */
        final Fit[] fits = {new Fit(), new Fit(), new Fit()};
        final Rotating backdrop = new Rotating();

        Operations() throws InterruptedException {
            camera = pool.acquire(0, TimeUnit.SECONDS);
            canvas = pool.acquire(0, TimeUnit.SECONDS);
            byte[] noise = new byte[W * H * 3];
            new Random(1).nextBytes(noise);
            bgr.data().put(noise);
            try (Point centre = new Point(W / 2, H / 2); Scalar person = Scalar.all(255)) {
                opencv_imgproc.circle(mask, centre, H / 3, person, opencv_imgproc.FILLED, opencv_imgproc.LINE_AA, 0);
            }
        }

        /** One frame as the engine and the effects process it. */
        void frame(int n) throws Exception {
            yuyv.fromBgr(bgr, camera);
            yuyv.mirror(camera);
            smoother.smooth(probability, TemporalSmoother.DEFAULT_STRENGTH);
            upscaler.upscale(probability, camera, alpha, n % 2 == 0, MaskUpscaler.DEFAULT_RADIUS, MaskUpscaler.DEFAULT_EPS,
                    MaskUpscaler.DEFAULT_THRESHOLD, MaskUpscaler.DEFAULT_FEATHER);
            camera.mat().copyTo(canvas.mat());
            sampler.background(canvas.mat(), mask, W / 8, H / 4, 3, opencv_imgproc.INTER_LINEAR, background);
            sampler.sample(canvas.mat(), mask, W / 16, H / 8, 0, small);
            backdrop.apply(camera, mask, canvas);
            compositor.compose(camera.mat(), canvas.mat(), mask, canvas.mat());
            shrinker.shrink(canvas.pairs(), W / 8, H / 4, small);
            splitter.split(canvas, luma, u, v);
            // a video's frames are fitted one by one on the decoder thread
            int m = n % MODES.length;
            fits[m].fit(picture, W, H, MODES[m], bars, fitted);
            yuyv.fromBgr(fitted, canvas);
        }

        @Override
        public void close() {
            camera.close();
            canvas.close();
            pool.close();
            for (AutoCloseable c : new AutoCloseable[] {bgr, picture, fitted, mask, probability, alpha, background, small, luma, u, v, bars,
                yuyv, compositor, sampler, upscaler, smoother, shrinker, splitter, fits[0], fits[1], fits[2]}) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            backdrop.close();
        }
    }

    @Test
    void aSteadyStreamAllocatesNothingPerFrame() throws Exception {
        try (Operations ops = new Operations()) {
            for (int n = 0; n < WARM_UP; n++) {
                ops.frame(n);
            }
            collectGarbage();
            long count = Pointer.totalCount();
            long bytes = Pointer.totalBytes();
            long resident = Pointer.physicalBytes();
            long heap = heap();
            for (int n = WARM_UP; n < WARM_UP + FRAMES; n++) {
                ops.frame(n);
            }
            double heapPerFrame = (heap() - heap) / (double) FRAMES;
            long residentGrowth = Pointer.physicalBytes() - resident;
            System.out.printf("pixels, %d frames at %dx%d: %.2f heap bytes per frame, %d native objects and %d native bytes held, resident +%d KB%n",
                    FRAMES, W, H, heapPerFrame, Pointer.totalCount() - count, Pointer.totalBytes() - bytes, residentGrowth >> 10);
            assertEquals(0, Pointer.totalCount() - count, "JavaCPP native objects made and still held over " + FRAMES + " frames");
            assertEquals(0, Pointer.totalBytes() - bytes, "JavaCPP native bytes held after " + FRAMES + " frames");
            assertTrue(heapPerFrame <= HEAP_BYTES_PER_FRAME, "Java heap allocated per frame: " + heapPerFrame + " bytes");
            assertTrue(residentGrowth < RESIDENT_GROWTH, "resident memory grew by " + (residentGrowth >> 10) + " KB over " + FRAMES + " frames");
        }
    }

    @Test
    void closingGivesBackEveryNativeObject() throws Exception {
        collectGarbage();
        long count = Pointer.totalCount();
        long bytes = Pointer.totalBytes();
        try (Operations ops = new Operations()) {
            for (int n = 0; n < WARM_UP; n++) {
                ops.frame(n);
            }
            assertTrue(Pointer.totalCount() > count, "the operations hold native objects while open");
        }
        assertEquals(count, Pointer.totalCount(), "JavaCPP native objects left after close");
        assertEquals(bytes, Pointer.totalBytes(), "JavaCPP native bytes left after close");
    }
}
