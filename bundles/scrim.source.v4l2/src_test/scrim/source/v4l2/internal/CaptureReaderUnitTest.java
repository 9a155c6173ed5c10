package scrim.source.v4l2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import scrim.api.Frame;
import scrim.api.VideoFormat;
import scrim.pixels.FramePool;
import scrim.v4l2.V4l2;

/**
 * The capture reader on a scripted driver: buffers are filled only while they are queued, as
 * a real driver does, with Motion-JPEG frames made by OpenCV here (a bright and a dark grey
 * picture) and damaged ones (not a JPEG; a JPEG with no picture; a frame cut short).
 */
class CaptureReaderUnitTest {

    private static final int W = 64;
    private static final int H = 48;
    private static final VideoFormat FORMAT = VideoFormat.yuyv(W, H, 30);
    private static final byte[] BRIGHT = jpeg(220);
    private static final byte[] DARK = jpeg(40);
    private static final byte[] NOT_A_JPEG = noise(3000);
    private static final byte[] NO_PICTURE = noPicture();

    private final FramePool pool = new FramePool(FORMAT, 1);

    @AfterEach
    void close() {
        pool.close();
    }

    /** One frame as the driver hands it over: the bytes in the buffer, how many it says it filled, its error flag. */
    private record Delivery(byte[] bytes, int used, boolean flagged) {
        static Delivery of(byte[] bytes) {
            return new Delivery(bytes, bytes.length, false);
        }
    }

    /** Plays the driver: fills the oldest queued buffer with the next scripted frame; with none queued, none arrives. */
    private static final class ScriptedDriver implements CaptureQueue {
        final ByteBuffer[] buffers;
        final Deque<Integer> queued = new ArrayDeque<>();
        final Deque<Delivery> script = new ArrayDeque<>();
        Delivery last;

        ScriptedDriver(int granted, List<Delivery> frames) {
            buffers = new ByteBuffer[granted];
            for (int i = 0; i < granted; i++) {
                buffers[i] = ByteBuffer.allocateDirect(W * H * 2);
                queued.add(i);
            }
            script.addAll(frames);
        }

        @Override
        public int count() {
            return buffers.length;
        }

        @Override
        public int dequeue(int timeoutMillis) {
            if (queued.isEmpty() || script.isEmpty()) {
                return -1;
            }
            int index = queued.poll();
            last = script.poll();
            buffers[index].clear().put(last.bytes).clear();
            return index;
        }

        @Override
        public ByteBuffer bytes(int index) {
            return buffers[index].clear();
        }

        @Override
        public int bytesUsed() {
            return last.used;
        }

        @Override
        public boolean damaged() {
            return last.flagged;
        }

        @Override
        public void requeue(int index) {
            assertTrue(!queued.contains(index), "buffer " + index + " queued twice");
            queued.add(index);
        }
    }

    private static List<Delivery> frames(Object... parts) {
        List<Delivery> list = new ArrayList<>();
        for (Object p : parts) {
            list.add(p instanceof Delivery d ? d : Delivery.of((byte[]) p));
        }
        return list;
    }

    private static List<Delivery> times(int n, byte[] frame) {
        List<Delivery> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(Delivery.of(frame));
        }
        return list;
    }

    /** Reads one frame and returns its first luma. */
    private int readLuma(CaptureReader reader) throws Exception {
        try (Frame f = pool.acquire(1, TimeUnit.SECONDS)) {
            assertTrue(reader.read(f));
            return f.buffer().get(0) & 0xff;
        }
    }

    private static CaptureReader mjpeg(ScriptedDriver driver) {
        return new CaptureReader(Path.of("/dev/video7"), driver, FORMAT, V4l2.PIX_FMT_MJPEG, W, H, 0);
    }

    @Test
    void damagedFramesInARowAreSkippedAndTheirBuffersGivenBack() throws Exception {
        List<Delivery> script = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            script.add(Delivery.of(i % 2 == 0 ? NOT_A_JPEG : NO_PICTURE));
        }
        script.add(Delivery.of(BRIGHT));
        ScriptedDriver driver = new ScriptedDriver(4, script);
        try (CaptureReader reader = mjpeg(driver)) {
            assertTrue(readLuma(reader) > 180, "six damaged frames, more than the 4 buffers, then the bright picture");
            assertEquals(4, driver.queued.size(), "every buffer is back with the driver");
        }
    }

    @Test
    void aCameraSendingOnlyDamagedFramesIsToldApartFromABusyOne() throws Exception {
        ScriptedDriver driver = new ScriptedDriver(4, times(200, NOT_A_JPEG));
        try (CaptureReader reader = mjpeg(driver); Frame f = pool.acquire(1, TimeUnit.SECONDS)) {
            IOException e = assertThrows(IOException.class, () -> reader.read(f));
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
            assertTrue(driver.script.size() > 100, "it gives up after a bounded number of damaged frames, not " + (200 - driver.script.size()));
        }
    }

    @Test
    void onlyTheBytesTheDriverFilledAreDecoded() throws Exception {
        // the buffer still holds a whole bright picture from before, but the driver filled only its first half this time
        ScriptedDriver driver = new ScriptedDriver(4, frames(new Delivery(BRIGHT, BRIGHT.length / 2, false), DARK));
        try (CaptureReader reader = mjpeg(driver)) {
            assertTrue(readLuma(reader) < 80, "a frame cut short is skipped, not completed from stale memory");
        }
    }

    @Test
    void aFrameTheDriverFlagsAsDamagedIsSkipped() throws Exception {
        ScriptedDriver driver = new ScriptedDriver(4, frames(new Delivery(BRIGHT, BRIGHT.length, true), DARK));
        try (CaptureReader reader = mjpeg(driver)) {
            assertTrue(readLuma(reader) < 80);
        }
    }

    @Test
    void everyBufferTheDriverGrantsIsUsed() throws Exception {
        ScriptedDriver driver = new ScriptedDriver(12, times(24, DARK));
        try (CaptureReader reader = mjpeg(driver)) {
            for (int i = 0; i < 24; i++) {
                assertTrue(readLuma(reader) < 80, "frame " + i);
            }
        }
    }

    @Test
    void yuyvFramesAreCopiedAsTheyCame() throws Exception {
        byte[] yuyv = new byte[W * H * 2];
        Arrays.fill(yuyv, (byte) 123);
        ScriptedDriver driver = new ScriptedDriver(2, times(3, yuyv));
        try (CaptureReader reader = new CaptureReader(Path.of("/dev/video7"), driver, FORMAT, V4l2.PIX_FMT_YUYV, W, H, W * 2)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(123, readLuma(reader));
            }
        }
    }

    private static byte[] jpeg(int grey) {
        try (Mat picture = new Mat(H, W, opencv_core.CV_8UC3, new Scalar(grey, grey, grey, 0)); BytePointer out = new BytePointer()) {
            assertTrue(opencv_imgcodecs.imencode(".jpg", picture, out));
            byte[] b = new byte[(int) out.limit()];
            out.get(b);
            return b;
        }
    }

    private static byte[] noise(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        b[0] = 0x12;
        return b;
    }

    /** Start and end markers with nothing between: the decoder finds no picture. */
    private static byte[] noPicture() {
        byte[] b = new byte[104];
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xd8;
        b[102] = (byte) 0xff;
        b[103] = (byte) 0xd9;
        return b;
    }
}
