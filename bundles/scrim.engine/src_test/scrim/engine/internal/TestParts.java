package scrim.engine.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import scrim.api.BackgroundEffect;
import scrim.api.CaptureStream;
import scrim.api.Frame;
import scrim.api.FrameSink;
import scrim.api.FrameSource;
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

    /** Frames whose luma is 100 + the sequence number modulo 100, chroma 128. Can be told to fail, like an unplugged camera. */
    static final class CountingSource implements FrameSource {
        volatile boolean unplugged;

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

    /** Records, per frame, its sequence and the luma at the left and right edge of row 0. */
    static final class RecordingSink implements FrameSink {
        final List<long[]> frames = new ArrayList<>();
        int opened;
        int closed;

        @Override
        public synchronized void open(VideoFormat format) {
            opened++;
        }

        @Override
        public synchronized void write(Frame frame) {
            Mat m = frame.mat();
            frames.add(new long[] {frame.sequence(), m.ptr(0, 0).get() & 0xff, m.ptr(0, m.cols() - 1).get() & 0xff});
        }

        @Override
        public synchronized void close() {
            closed++;
        }

        synchronized List<long[]> snapshot() {
            return new ArrayList<>(frames);
        }
    }
}
