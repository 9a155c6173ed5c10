package scrim.engine.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import scrim.api.BackgroundEffect;
import scrim.api.CaptureStream;
import scrim.api.Frame;
import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.FrameTap;
import scrim.api.PipelineStatus;
import scrim.api.Problem;
import scrim.api.Segmenter;
import scrim.api.VideoFormat;

/**
 * Small real implementations of the plugin contracts, whose output is known exactly, to
 * drive the engine in unit tests: the engine is the part under test.
 */
final class TestParts {

    private TestParts() {
    }

    /** An engine configuration as DS would build it from ConfigAdmin properties. */
    static EngineConfig config(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return (EngineConfig) Proxy.newProxyInstance(EngineConfig.class.getClassLoader(), new Class<?>[] {EngineConfig.class},
                (proxy, method, args) -> {
                    Object v = values.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }

    static Map<String, Object> props(String key, Object value) {
        Map<String, Object> p = new HashMap<>();
        p.put(key, value);
        return p;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    static boolean hasProblem(PipelineStatus s, String text) {
        return s.problems().stream().map(Problem::message).anyMatch(m -> m.contains(text));
    }

    /** Frames whose luma is 100 + the sequence number modulo 100, chroma 128. Can be told to fail, like an unplugged camera. */
    static final class CountingSource implements FrameSource {
        volatile boolean unplugged;
        /** Thrown by the next read, as a source bundle that was updated underneath might (a LinkageError). */
        volatile Error readError;

        @Override
        public List<VideoFormat> formats() {
            return List.of(VideoFormat.yuyv(64, 48, 30));
        }

        @Override
        public CaptureStream open(VideoFormat requested) throws java.io.IOException {
            if (unplugged) {
                throw new java.io.IOException("camera unplugged");
            }
            return new CaptureStream() {
                long sequence;
                final Scalar value = new Scalar();

                @Override
                public VideoFormat format() {
                    return requested;
                }

                @Override
                public boolean read(Frame into) throws java.io.IOException {
                    if (unplugged) {
                        throw new java.io.IOException("camera unplugged");
                    }
                    if (readError != null) {
                        throw readError;
                    }
                    value.put(0, 100 + sequence % 100).put(1, 128).put(2, 100 + sequence % 100).put(3, 128);
                    into.pairs().put(value);
                    into.stamp(sequence++, System.nanoTime());
                    return true;
                }

                @Override
                public void close() {
                    value.close();
                }
            };
        }
    }

    /** The left half of every frame is the person. Optionally slow, optionally failing. */
    static final class LeftHalfSegmenter implements Segmenter {
        volatile long sleepMillis;
        volatile boolean fail;
        volatile int calls;

        @Override
        public void segment(Frame frame, Mat probability) throws Exception {
            calls++;
            if (fail) {
                throw new IllegalStateException("model crashed");
            }
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            int w = frame.format().width();
            int h = frame.format().height();
            probability.create(h, w, org.bytedeco.opencv.global.opencv_core.CV_32FC1);
            probability.put(Scalar.ZERO);
            try (Mat left = probability.colRange(0, w / 2)) {
                left.put(Scalar.ONE);
            }
        }
    }

    /** How {@link ContractBreakingSegmenter} breaks the segmenter contract. */
    enum Breach {
        /** Leaves the probability matrix empty. */
        EMPTY,
        /** Writes an 8-bit 3-channel matrix instead of CV_32FC1. */
        WRONG_TYPE,
        /** Throws a LinkageError, as a model bundle updated underneath might. */
        LINKAGE
    }

    /** A segmenter that returns without an exception but breaks its contract (or throws an Error). */
    static final class ContractBreakingSegmenter implements Segmenter {
        final Breach breach;
        volatile int calls;

        ContractBreakingSegmenter(Breach breach) {
            this.breach = breach;
        }

        @Override
        public void segment(Frame frame, Mat probability) {
            calls++;
            switch (breach) {
                case EMPTY -> probability.release();
                case WRONG_TYPE -> probability.create(frame.format().height(), frame.format().width(), opencv_core.CV_8UC3);
                case LINKAGE -> throw new NoClassDefFoundError("scrim/segment/Interpreter");
            }
        }
    }

    /**
     * A model whose calls after the first few cannot be interrupted (as a native inference):
     * they block until the test opens the gate.
     */
    static final class GatedSegmenter implements Segmenter {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        private int freeCalls;

        GatedSegmenter(int freeCalls) {
            this.freeCalls = freeCalls;
        }

        @Override
        public void segment(Frame frame, Mat probability) {
            if (freeCalls-- <= 0) {
                entered.countDown();
                awaitUninterruptibly(gate);
            }
            probability.create(frame.format().height(), frame.format().width(), opencv_core.CV_32FC1);
            probability.put(Scalar.ONE);
        }

        private static void awaitUninterruptibly(CountDownLatch latch) {
            boolean interrupted = false;
            while (latch.getCount() > 0) {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An effect that leaves the canvas as it is (the camera picture): exercises the canvas pool without per-pixel cost. */
    static final class KeepEffect implements BackgroundEffect {
        @Override
        public void apply(Frame camera, Mat mask, Frame canvas) {
        }
    }

    /** A preview that breaks its contract: keeps a reference to every output frame until told to let go. */
    static final class HoardingTap implements FrameTap {
        private final List<Frame> held = new ArrayList<>();

        @Override
        public boolean wants() {
            return true;
        }

        @Override
        public synchronized void offer(Frame camera, Mat mask, Frame output) {
            held.add(output.retain());
        }

        synchronized void letGo() {
            held.forEach(Frame::close);
            held.clear();
        }
    }

    /** Sets every background pixel's luma to a fixed value; can be told to throw. */
    static final class LumaEffect implements BackgroundEffect {
        final int luma;
        volatile boolean fail;

        LumaEffect(int luma) {
            this.luma = luma;
        }

        @Override
        public void apply(Frame camera, Mat mask, Frame canvas) {
            if (fail) {
                throw new IllegalArgumentException("effect bug");
            }
            Mat px = canvas.mat();
            for (int y = 0; y < px.rows(); y++) {
                for (int x = 0; x < px.cols(); x++) {
                    if ((mask.ptr(y, x).get() & 0xff) < 128) {
                        px.ptr(y, x).put((byte) luma);
                    }
                }
            }
        }
    }

    /** Records, per frame, its sequence and the luma at the left and right edge of row 0. Always in use, like a file. */
    static class RecordingSink implements FrameSink {
        final List<long[]> frames = new ArrayList<>();
        int opened;
        int closed;
        /** Calls after the test said the engine is gone: none may come. */
        int callsAfterGone;
        boolean gone;

        @Override
        public synchronized void open(VideoFormat format) {
            opened++;
            callsAfterGone += gone ? 1 : 0;
        }

        @Override
        public synchronized void write(Frame frame) {
            callsAfterGone += gone ? 1 : 0;
            Mat m = frame.mat();
            frames.add(new long[] {frame.sequence(), m.ptr(0, 0).get() & 0xff, m.ptr(0, m.cols() - 1).get() & 0xff});
        }

        @Override
        public synchronized void close() {
            closed++;
            callsAfterGone += gone ? 1 : 0;
        }

        synchronized void gone() {
            gone = true;
        }

        synchronized List<long[]> snapshot() {
            return new ArrayList<>(frames);
        }
    }

    /** A virtual camera as the engine sees it: records frames, and as many apps read it as the test says. */
    static final class DeviceSink extends RecordingSink {
        private volatile int readers;
        private volatile Runnable listener;

        @Override
        public int consumers() {
            return readers;
        }

        @Override
        public void watchConsumers(Runnable changed) {
            listener = changed;
        }

        /** Apps open or close the device: the count changes and the engine is told, as a real device's watcher does. */
        void readers(int n) {
            readers = n;
            Runnable l = listener;
            if (l != null) {
                l.run();
            }
        }

        int readers() {
            return readers;
        }
    }
}
