package scrim.test.uidriver;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;


import scrim.api.CaptureStream;
import scrim.api.FrameSource;
import scrim.api.VideoFormat;

/**
 * A test camera like a hung device: asking its formats blocks until the driver releases it
 * (at most {@link #HANG_SECONDS} s, or until the bundle stops), as a real camera's ioctl can
 * block when its driver or USB link is stuck. It delivers no frames: opening it fails, as a hung
 * device would. Only the driver's "hungcamera" step chooses it; the other steps name their input.
 * The window driver registers it for its own run only: in the others (the first run) no camera
 * may be there.
 */
public final class HangingCamera implements FrameSource {

    static final String ID = "hanging";
    /** Its service properties: a live camera. */
    static final Map<String, Object> PROPERTIES = Map.of(FrameSource.ID, ID, FrameSource.LABEL, "Test camera that hangs (scrim.test.uidriver)",
            FrameSource.KIND, "camera", FrameSource.LIVE, Boolean.TRUE);
    /** The longest a formats() call blocks if nobody releases it. */
    static final long HANG_SECONDS = 20;

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger blocked = new AtomicInteger();
    private volatile String lastCaller = "(nobody)";

    @Override
    public List<VideoFormat> formats() throws IOException {
        lastCaller = Thread.currentThread().getName();
        calls.incrementAndGet();
        blocked.incrementAndGet();
        try {
            if (!release.await(HANG_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("the test camera hung for " + HANG_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the test camera hung");
        } finally {
            blocked.decrementAndGet();
        }
        return List.of(VideoFormat.yuyv(640, 360, 30));
    }

    @Override
    public CaptureStream open(VideoFormat requested) throws IOException {
        throw new IOException("the test camera that hangs delivers no frames");
    }

    /** How many times formats() was called. */
    int calls() {
        return calls.get();
    }

    /** How many formats() calls are blocked now. */
    int blocked() {
        return blocked.get();
    }

    /** The thread of the last formats() call. */
    String lastCaller() {
        return lastCaller;
    }

    /** Ends the hang: blocked calls return, later ones return at once. */
    void release() {
        release.countDown();
    }
}
