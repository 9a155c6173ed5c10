package scrim.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scrim.engine.internal.TestParts.config;
import static scrim.engine.internal.TestParts.props;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.BooleanSupplier;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import scrim.api.BackgroundEffect;
import scrim.api.Frame;
import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.Latency;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.Segmenter;
import scrim.api.VideoFormat;
import scrim.engine.internal.TestParts.CountingSource;
import scrim.engine.internal.TestParts.LeftHalfSegmenter;
import scrim.engine.internal.TestParts.RecordingSink;

/** The figures the engine measures for benchmarks and the status: latency per output, heap allocated per frame. */
class MeasurementUnitTest {

    private final PipelineComponent engine = new PipelineComponent();

    @AfterEach
    void stop() {
        engine.deactivate();
    }

    /** An output whose write takes a fixed time, like a slow device. */
    static final class SlowSink implements FrameSink {
        private final long millis;

        SlowSink(long millis) {
            this.millis = millis;
        }

        @Override
        public void open(VideoFormat format) {
        }

        @Override
        public void write(Frame frame) throws IOException {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
        }

        @Override
        public void close() {
        }
    }

    /** Allocates a known amount on the heap per frame, as a careless effect would. */
    static final class AllocatingEffect implements BackgroundEffect {
        static final int BYTES = 100_000;
        volatile byte[] last;

        @Override
        public void apply(Frame camera, Mat mask, Frame canvas) {
            last = new byte[BYTES];
            // 100 frames take at least 200 ms, so the test sees the run under way even on a loaded
            // machine (unpaced it once ended before the first reading: 0 frames measured, NaN)
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void latencyIsMeasuredPerOutputToTheEndOfItsWrite() throws Exception {
        engine.bindSource(new CountingSource(), props(FrameSource.ID, "count"));
        engine.bindSink(new SlowSink(0), props(FrameSink.ID, "fast"));
        engine.bindSink(new SlowSink(15), props(FrameSink.ID, "slow"));
        engine.activate(config("source", "count", "sinks", new String[] {"fast", "slow"}, "width", 64, "height", 48, "fps", 30.0,
                "running", true, "realtime", true, "frames", 20L));
        await("finished", () -> engine.status().state() == PipelineState.FINISHED);
        PipelineStatus s = engine.status();
        Latency fast = s.latency().get("fast");
        Latency slow = s.latency().get("slow");
        assertEquals(20, fast.count(), s.latency().toString());
        assertEquals(20, slow.count(), s.latency().toString());
        assertTrue(fast.medianMillis() > 0, fast.toString());
        // written one after the other: the slow output's frames end 15 ms after the fast one's
        assertTrue(slow.medianMillis() >= fast.medianMillis() + 14, fast + " / " + slow);
        assertTrue(fast.medianMillis() < 1000 / 30.0 + 10, "paced at 30 fps with nothing slow before it: " + fast);
    }

    @Test
    void heapAllocatedByTheEngineThreadsIsCounted() throws Exception {
        engine.bindSource(new CountingSource(), props(FrameSource.ID, "count"));
        engine.bindSink(new RecordingSink(), props(FrameSink.ID, "rec"));
        engine.bindSegmenter(new LeftHalfSegmenter(), props(Segmenter.NAME, "half"));
        engine.bindEffect(new AllocatingEffect(), props(BackgroundEffect.NAME, "alloc"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "effects", new String[] {"alloc"}, "width", 64,
                "height", 48, "running", true, "realtime", false, "frames", 100L));
        await("10 frames", () -> engine.status().written() >= 10);
        PipelineStatus first = engine.status();
        await("finished", () -> engine.status().state() == PipelineState.FINISHED);
        PipelineStatus last = engine.status();
        long frames = last.written() - first.written();
        assertTrue(frames >= 50, "the run was read after " + first.written() + " of 100 frames: too late to measure");
        double perFrame = (double) (last.heapBytes() - first.heapBytes()) / frames;
        // status reads the frame count and the counters a moment apart: a frame more or less on either side
        assertTrue(perFrame >= 0.9 * AllocatingEffect.BYTES, perFrame + " bytes per frame, but the effect alone allocates "
                + AllocatingEffect.BYTES);
        assertTrue(perFrame < 1.5 * AllocatingEffect.BYTES, perFrame + " bytes per frame: more than the effect allocates");
    }
}
