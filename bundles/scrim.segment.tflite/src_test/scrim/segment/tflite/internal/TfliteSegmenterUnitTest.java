package scrim.segment.tflite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import scrim.api.Frame;
import scrim.api.VideoFormat;

/**
 * The segmenter on the real landscape model and a real photo, frame after frame as the
 * engine's model thread runs it: once warmed up a frame allocates no Java heap and no
 * JavaCPP-tracked native memory, resident memory stays, and closing it (or loading new
 * settings) gives back every native object it made.
 */
class TfliteSegmenterUnitTest {

    private static final Path MODEL = Path.of(System.getProperty("scrim.models", "../../models/scrim.model.selfie/model"))
            .resolve("selfie_segmentation_landscape.tflite");
    private static final Path PHOTO = Path.of(System.getProperty("scrim.testdata", "../../../shared/testdata"), "portraits/images/100.jpg");
    private static final int W = 640;
    private static final int H = 360;
    private static final int WARM_UP = 10;
    private static final int FRAMES = 200;
    /** Average heap bytes per frame allowed: the counter reads around the loop spread over the frames; one object per frame is above. */
    private static final double HEAP_BYTES_PER_FRAME = 8;
    /**
     * Without XNNPACK, TFLite calls the Java kernel of the custom op through JavaCPP, which wraps
     * the call's two native arguments in new Java objects (96 bytes measured) that only a native
     * kernel could avoid. Anything the kernel itself allocated per call (a pointer per tensor,
     * its arrays) is above this.
     */
    private static final double HEAP_BYTES_PER_FRAME_JAVA_KERNEL = 128;
    /** Resident memory may grow this much over all frames (JIT code, page noise). */
    private static final long RESIDENT_GROWTH = 8L << 20;

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long heap() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
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

    private static TfliteSettings settings(boolean xnnpack, boolean flip) {
        return new TfliteSettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return TfliteSettings.class;
            }

            @Override
            public boolean xnnpack() {
                return xnnpack;
            }

            @Override
            public int threads() {
                return 1;
            }

            @Override
            public boolean flip() {
                return flip;
            }
        };
    }

    private static TfliteSegmenter segmenter(boolean xnnpack, boolean flip) throws IOException {
        return new TfliteSegmenter(MODEL, ModelDescriptor.forFile(MODEL.toString(), Map.of()), settings(xnnpack, flip));
    }

    /** A camera frame holding the photo (its luma, neutral colour), as a YUYV source delivers it. */
    private static final class PhotoFrame implements Frame {
        private final VideoFormat format = VideoFormat.yuyv(W, H, 30);
        private final BytePointer memory = new BytePointer(format.frameBytes());
        private final Mat mat = new Mat(H, W, opencv_core.CV_8UC2, memory);
        private final Mat pairs = new Mat(H, W / 2, opencv_core.CV_8UC4, memory);

        PhotoFrame() {
            try (Mat bgr = opencv_imgcodecs.imread(PHOTO.toString()); Mat small = new Mat(); Mat grey = new Mat(); Scalar neutral = Scalar.all(128);
                 Mat chroma = new Mat(H, W, opencv_core.CV_8UC1, neutral); MatVector planes = new MatVector(2); Size size = new Size(W, H)) {
                assertTrue(!bgr.empty(), "test photo " + PHOTO);
                opencv_imgproc.resize(bgr, small, size);
                opencv_imgproc.cvtColor(small, grey, opencv_imgproc.COLOR_BGR2GRAY);
                planes.put(0, grey);
                planes.put(1, chroma);
                opencv_core.merge(planes, mat);
            }
        }

        @Override
        public VideoFormat format() {
            return format;
        }

        @Override
        public Mat mat() {
            return mat;
        }

        @Override
        public Mat pairs() {
            return pairs;
        }

        @Override
        public ByteBuffer buffer() {
            return memory.asByteBuffer();
        }

        @Override
        public long sequence() {
            return 0;
        }

        @Override
        public long timestampNanos() {
            return 0;
        }

        @Override
        public void stamp(long sequence, long timestampNanos) {
        }

        @Override
        public Frame retain() {
            return this;
        }

        @Override
        public void close() {
            pairs.close();
            mat.close();
            memory.close();
        }
    }

    /** Runs frames through a segmenter and checks what they allocated. */
    private static void assertSteady(boolean xnnpack, boolean flip, double heapBound) throws IOException, InterruptedException {
        try (PhotoFrame frame = new PhotoFrame(); TfliteSegmenter s = segmenter(xnnpack, flip); Mat probability = new Mat()) {
            for (int n = 0; n < WARM_UP; n++) {
                s.segment(frame, probability);
            }
            collectGarbage();
            long count = Pointer.totalCount();
            long bytes = Pointer.totalBytes();
            long resident = Pointer.physicalBytes();
            long heap = heap();
            for (int n = 0; n < FRAMES; n++) {
                s.segment(frame, probability);
            }
            double heapPerFrame = (heap() - heap) / (double) FRAMES;
            long residentGrowth = Pointer.physicalBytes() - resident;
            String what = (xnnpack ? "XNNPACK" : "Java kernel") + (flip ? ", mirror averaging" : "");
            System.out.printf("segmenter (%s), %d frames at %dx%d: %.2f heap bytes per frame, %d native objects and %d native bytes held,"
                    + " resident %+d KB%n", what, FRAMES, W, H, heapPerFrame, Pointer.totalCount() - count, Pointer.totalBytes() - bytes,
                    residentGrowth >> 10);
            assertEquals(0, Pointer.totalCount() - count, what + ": JavaCPP native objects made and still held over " + FRAMES + " frames");
            assertEquals(0, Pointer.totalBytes() - bytes, what + ": JavaCPP native bytes held after " + FRAMES + " frames");
            assertTrue(heapPerFrame <= heapBound, what + ": Java heap allocated per frame: " + heapPerFrame + " bytes");
            assertTrue(residentGrowth < RESIDENT_GROWTH, what + ": resident memory grew by " + (residentGrowth >> 10) + " KB");
            assertFindsThePerson(s, probability);
        }
    }

    /** The mask is the model's answer on the photo: the right size, person and background both there. */
    private static void assertFindsThePerson(TfliteSegmenter s, Mat probability) {
        assertEquals(s.inputWidth(), probability.cols());
        assertEquals(s.inputHeight(), probability.rows());
        float[] p = new float[probability.rows() * probability.cols()];
        new FloatPointer(probability.data()).get(p);
        int person = 0;
        for (float v : p) {
            person += v > 0.5f ? 1 : 0;
        }
        assertTrue(person > p.length / 10 && person < p.length * 9 / 10, "person and background in the mask: " + person + " of " + p.length);
    }

    @Test
    void framesAllocateNothingOnceWarm() throws IOException, InterruptedException {
        assertSteady(true, true, HEAP_BYTES_PER_FRAME);
        assertSteady(true, false, HEAP_BYTES_PER_FRAME);
    }

    @Test
    void theJavaKernelPathAllocatesOnlyJavaCppCallbackArguments() throws IOException, InterruptedException {
        assertSteady(false, false, HEAP_BYTES_PER_FRAME_JAVA_KERNEL);
    }

    @Test
    void theModelLoadsWithTheFirstFrameNotBefore() throws IOException, InterruptedException {
        try (PhotoFrame frame = new PhotoFrame(); Mat probability = new Mat()) {
            collectGarbage();
            long count = Pointer.totalCount();
            try (TfliteSegmenter s = segmenter(true, true)) {
                assertEquals(256, s.inputWidth(), "the input size comes from the file");
                assertEquals(count, Pointer.totalCount(), "a segmenter made no native object (no interpreter) before its first frame");
                s.apply(settings(false, false));
                assertEquals(count, Pointer.totalCount(), "new settings load no model either");
                s.segment(frame, probability);
                assertTrue(Pointer.totalCount() > count, "the first frame built the interpreter");
                assertFindsThePerson(s, probability);
            }
        }
    }

    @Test
    void closeGivesBackEverythingItMade() throws IOException, InterruptedException {
        try (PhotoFrame frame = new PhotoFrame(); Mat probability = new Mat()) {
            collectGarbage();
            long count = Pointer.totalCount();
            long bytes = Pointer.totalBytes();
            TfliteSegmenter s = segmenter(true, true);
            for (int n = 0; n < WARM_UP; n++) {
                s.segment(frame, probability);
            }
            s.close();
            assertEquals(count, Pointer.totalCount(), "JavaCPP native objects left after close");
            assertEquals(bytes, Pointer.totalBytes(), "JavaCPP native bytes left after close");
            IOException e = assertThrows(IOException.class, () -> s.segment(frame, probability), "a closed segmenter refuses frames");
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void newSettingsReplaceTheModelWithoutLeavingTheOldOneBehind() throws IOException, InterruptedException {
        try (PhotoFrame frame = new PhotoFrame(); TfliteSegmenter s = segmenter(true, true); Mat probability = new Mat()) {
            s.segment(frame, probability);
            s.apply(settings(true, false));
            s.segment(frame, probability);
            collectGarbage();
            long count = Pointer.totalCount();
            long bytes = Pointer.totalBytes();
            for (int n = 0; n < 5; n++) {
                s.apply(settings(true, n % 2 == 0));
                s.segment(frame, probability);
            }
            s.apply(settings(true, false));
            s.segment(frame, probability);
            assertEquals(0, Pointer.totalCount() - count, "JavaCPP native objects left by six reloads");
            assertEquals(0, Pointer.totalBytes() - bytes, "JavaCPP native bytes left by six reloads");
            assertFindsThePerson(s, probability);
        }
    }
}
