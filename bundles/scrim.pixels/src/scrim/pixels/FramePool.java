package scrim.pixels;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

import scrim.api.Frame;
import scrim.api.PixelFormat;
import scrim.api.VideoFormat;

/**
 * A fixed set of YUYV frames of one format, allocated once. {@link #acquire} hands out a free
 * frame with one reference; closing the last reference puts it back. Nothing is allocated
 * per frame. The pool accounts for every frame it made: closing it frees the idle frames at
 * once and each frame still out when it comes back, and a frame that never comes back stays
 * counted in {@link #inUse()} and in the pool's {@link Ledger}, so a leak shows.
 */
public final class FramePool implements AutoCloseable {

    /**
     * Counts the frames and native bytes of a group of pools (for example all of an engine's),
     * closed pools included: what a caller checks to know that nothing was lost.
     */
    public static final class Ledger {
        private final AtomicInteger framesInUse = new AtomicInteger();
        private final AtomicLong nativeBytes = new AtomicLong();

        /** Frames of these pools held outside their pool now; 0 when nothing is in flight. */
        public int framesInUse() {
            return framesInUse.get();
        }

        /** Native bytes of these pools' frames not yet freed (a closed pool's frames are freed as they come back). */
        public long nativeBytes() {
            return nativeBytes.get();
        }
    }

    private final VideoFormat format;
    private final Ledger ledger;
    private final BlockingQueue<PooledFrame> free;
    private final AtomicInteger out = new AtomicInteger();
    private int allocated; // frames not yet freed; under "this"
    private volatile boolean closed; // written under "this"

    /** A pool with a ledger of its own. */
    public FramePool(VideoFormat format, int size) {
        this(format, size, new Ledger());
    }

    /** A pool that also counts its frames in {@code ledger}, shared with other pools. */
    public FramePool(VideoFormat format, int size, Ledger ledger) {
        if (format.pixelFormat() != PixelFormat.YUYV) {
            throw new IllegalArgumentException("frame pools hold YUYV frames, not " + format.pixelFormat());
        }
        this.format = format;
        this.ledger = ledger;
        this.free = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                free.add(new PooledFrame(this));
                allocated++;
                ledger.nativeBytes.addAndGet(format.frameBytes());
            }
        } catch (RuntimeException | Error e) {
            close(); // out of memory part way: free what was made
            throw e;
        }
    }

    public VideoFormat format() {
        return format;
    }

    /** A free frame, or null if none came back within the timeout. */
    public Frame acquire(long timeout, TimeUnit unit) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the frame pool for " + format + " is closed");
        }
        PooledFrame f = free.poll(timeout, unit);
        if (f != null) {
            f.refs.set(1);
            out.incrementAndGet();
            ledger.framesInUse.incrementAndGet();
        }
        return f;
    }

    /** Frames handed out and not yet returned, also after close. */
    public int inUse() {
        return out.get();
    }

    /** Native bytes of this pool's frames not yet freed. */
    public synchronized long nativeBytes() {
        return allocated * format.frameBytes();
    }

    // Synchronized with close: a frame returned while the pool closes is either freed by close or here, never lost.
    private synchronized void release(PooledFrame f) {
        out.decrementAndGet();
        ledger.framesInUse.decrementAndGet();
        if (closed) {
            free(f);
        } else {
            free.add(f);
        }
    }

    private void free(PooledFrame f) {
        f.free();
        allocated--;
        ledger.nativeBytes.addAndGet(-format.frameBytes());
    }

    /** Frees every frame now idle; frames still out are freed as they come back. */
    @Override
    public synchronized void close() {
        closed = true;
        PooledFrame f;
        while ((f = free.poll()) != null) {
            free(f);
        }
    }

    private static final class PooledFrame implements Frame {
        private final FramePool pool;
        private final BytePointer memory;
        private final Mat mat;
        private final Mat pairs;
        private final ByteBuffer buffer;
        final AtomicInteger refs = new AtomicInteger();
        private long sequence;
        private long timestamp;

        PooledFrame(FramePool pool) {
            this.pool = pool;
            VideoFormat f = pool.format;
            long bytes = f.frameBytes();
            memory = new BytePointer(bytes);
            mat = new Mat(f.height(), f.width(), opencv_core.CV_8UC2, memory);
            pairs = new Mat(f.height(), f.width() / 2, opencv_core.CV_8UC4, memory);
            buffer = memory.capacity(bytes).asByteBuffer();
        }

        @Override
        public VideoFormat format() {
            return pool.format;
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
            return buffer.clear();
        }

        @Override
        public long sequence() {
            return sequence;
        }

        @Override
        public long timestampNanos() {
            return timestamp;
        }

        @Override
        public void stamp(long sequence, long timestampNanos) {
            this.sequence = sequence;
            this.timestamp = timestampNanos;
        }

        @Override
        public Frame retain() {
            if (refs.getAndIncrement() <= 0) {
                refs.decrementAndGet();
                throw new IllegalStateException("frame " + sequence + " was already returned to its pool");
            }
            return this;
        }

        @Override
        public void close() {
            int left = refs.decrementAndGet();
            if (left == 0) {
                pool.release(this);
            } else if (left < 0) {
                refs.incrementAndGet();
                throw new IllegalStateException("frame " + sequence + " closed more often than retained");
            }
        }

        void free() {
            pairs.close();
            mat.close();
            memory.close();
        }
    }
}
