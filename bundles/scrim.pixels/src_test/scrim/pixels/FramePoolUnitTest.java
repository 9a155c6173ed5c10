package scrim.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

import scrim.api.Frame;
import scrim.api.VideoFormat;

/** A pool accounts for every frame it made: frames out at close are counted, and freed when they come back. */
class FramePoolUnitTest {

    private static final VideoFormat HD = VideoFormat.yuyv(1280, 720, 30);

    @Test
    void framesOutAtCloseStayCountedAndAreFreedWhenTheyComeBack() throws Exception {
        long before = Pointer.totalBytes();
        FramePool.Ledger ledger = new FramePool.Ledger();
        FramePool pool = new FramePool(HD, 3, ledger);
        FramePool other = new FramePool(VideoFormat.yuyv(64, 48, 30), 1, ledger);
        Frame a = pool.acquire(0, TimeUnit.SECONDS);
        Frame b = pool.acquire(0, TimeUnit.SECONDS);
        Frame c = other.acquire(0, TimeUnit.SECONDS);
        pool.close();
        assertEquals(2, pool.inUse(), "two frames are still out");
        assertEquals(3, ledger.framesInUse(), "the ledger counts both pools' frames");
        assertEquals(2 * HD.frameBytes(), pool.nativeBytes());
        assertNear(2 * HD.frameBytes() + 64 * 48 * 2, Pointer.totalBytes() - before, "the idle frame is freed at close, the two out are not yet");
        a.close();
        assertEquals(1, pool.inUse());
        b.close();
        c.close();
        other.close();
        assertEquals(0, pool.inUse());
        assertEquals(0, ledger.framesInUse());
        assertEquals(0, ledger.nativeBytes());
        assertNear(0, Pointer.totalBytes() - before, "frames returned after close are freed");
    }

    @Test
    void framesReturnedWhileThePoolClosesAreAllFreed() throws Exception {
        VideoFormat small = VideoFormat.yuyv(64, 48, 30);
        long before = Pointer.totalBytes();
        CyclicBarrier start = new CyclicBarrier(2);
        for (int round = 0; round < 2000; round++) {
            FramePool pool = new FramePool(small, 4);
            List<Frame> out = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                out.add(pool.acquire(0, TimeUnit.SECONDS));
            }
            Thread returner = new Thread(() -> {
                await(start);
                out.forEach(Frame::close);
            });
            returner.start();
            await(start);
            pool.close();
            returner.join();
            assertEquals(0, pool.inUse(), "round " + round);
            assertEquals(0, pool.nativeBytes(), "round " + round);
        }
        assertNear(0, Pointer.totalBytes() - before, "no frame of 2000 pools is left allocated");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Within 4 KB: JavaCPP also counts small objects (matrix headers) that other code frees through the garbage collector. */
    private static void assertNear(long expected, long actual, String what) {
        assertTrue(Math.abs(expected - actual) < 4096, what + ": expected " + expected + " native bytes, found " + actual);
    }
}
