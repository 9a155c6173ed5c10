package scrim.pixels;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

import scrim.api.Frame;
import scrim.api.PixelFormat;
import scrim.api.VideoFormat;

/**
 * A fixed set of YUYV frames of one format, allocated once. {@link #acquire} hands out a free
 * frame with one reference; closing the last reference puts it back. Nothing is allocated
 * per frame. Frames are freed when the pool is closed and all of them have come back.
 */
public final class FramePool implements AutoCloseable {

    private final VideoFormat format;
    private final BlockingQueue<PooledFrame> free;
    private final List<PooledFrame> all = new ArrayList<>();
    private volatile boolean closed;

    public FramePool(VideoFormat format, int size) {
        if (format.pixelFormat() != PixelFormat.YUYV) {
            throw new IllegalArgumentException("frame pools hold YUYV frames, not " + format.pixelFormat());
        }
        this.format = format;
        this.free = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            PooledFrame f = new PooledFrame(this);
            all.add(f);
            free.add(f);
        }
    }

    public VideoFormat format() {
        return format;
    }

    /** A free frame, or null if none came back within the timeout. */
    public Frame acquire(long timeout, TimeUnit unit) throws InterruptedException {
        PooledFrame f = free.poll(timeout, unit);
        if (f != null) {
            f.refs.set(1);
        }
        return f;
    }

    /** Frames currently handed out. */
    public int inUse() {
        return all.size() - free.size();
    }

    private void release(PooledFrame f) {
        if (closed) {
            f.free();
        } else {
            free.add(f);
        }
    }

    /** Frees every frame now idle; frames still out are freed as they come back. */
    @Override
    public void close() {
        closed = true;
        PooledFrame f;
        while ((f = free.poll()) != null) {
            f.free();
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
