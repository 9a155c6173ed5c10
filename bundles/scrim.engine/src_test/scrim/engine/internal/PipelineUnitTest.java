package scrim.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scrim.engine.internal.TestParts.await;
import static scrim.engine.internal.TestParts.config;
import static scrim.engine.internal.TestParts.hasProblem;
import static scrim.engine.internal.TestParts.props;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import scrim.api.BackgroundEffect;
import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.Segmenter;
import scrim.engine.internal.TestParts.CountingSource;
import scrim.engine.internal.TestParts.LeftHalfSegmenter;
import scrim.engine.internal.TestParts.LumaEffect;
import scrim.engine.internal.TestParts.RecordingSink;

/** The pipeline component driven directly, as DS would: bind services, give it configuration. */
class PipelineUnitTest {

    private final PipelineComponent engine = new PipelineComponent();
    private final RecordingSink sink = new RecordingSink();
    private final LeftHalfSegmenter model = new LeftHalfSegmenter();

    @AfterEach
    void stop() {
        engine.deactivate();
    }

    private void bindBasics() {
        engine.bindSource(new CountingSource(), props(FrameSource.ID, "count"));
        engine.bindSink(sink, props(FrameSink.ID, "rec"));
    }

    @Test
    void withoutAModelFramesPassThroughAndTheReasonIsShown() throws Exception {
        bindBasics();
        engine.bindEffect(new LumaEffect(0), props(BackgroundEffect.NAME, "dark"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "effects", new String[] {"dark"}, "width", 64,
                "height", 48, "running", true, "realtime", false, "frames", 10L));
        await("finished", () -> engine.status().state() == PipelineState.FINISHED);
        List<long[]> frames = sink.snapshot();
        assertEquals(10, frames.size());
        for (long[] f : frames) {
            assertEquals(100 + f[0], f[1], "unchanged left");
            assertEquals(100 + f[0], f[2], "unchanged right");
        }
        assertTrue(hasProblem(engine.status(), "no segmentation model is installed"), engine.status().problems().toString());
        assertEquals(1, sink.opened);
        assertEquals(1, sink.closed, "a finished run completes its outputs");
    }

    @Test
    void everyFrameGetsItsOwnMaskWhenNotInRealTime() throws Exception {
        bindBasics();
        engine.bindSegmenter(model, props(Segmenter.NAME, "half"));
        engine.bindEffect(new LumaEffect(0), props(BackgroundEffect.NAME, "dark"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "effects", new String[] {"dark"}, "width", 64,
                "height", 48, "running", true, "realtime", false, "frames", 50L));
        await("finished", () -> engine.status().state() == PipelineState.FINISHED);
        List<long[]> frames = sink.snapshot();
        assertEquals(50, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            long[] f = frames.get(i);
            assertEquals(i, f[0], "in order, none dropped");
            assertEquals(100 + i, f[1], "person side kept");
            assertEquals(0, f[2], "background side replaced");
        }
        assertEquals(50, engine.status().segment().count());
        assertEquals("half", engine.status().segmenter());
        assertEquals(List.of("dark"), engine.status().effects());
    }

    @Test
    void aThrowingEffectIsTakenOutAndReportedWhileTheRestRuns() throws Exception {
        bindBasics();
        LumaEffect broken = new LumaEffect(99);
        broken.fail = true;
        engine.bindSegmenter(model, props(Segmenter.NAME, "half"));
        engine.bindEffect(broken, props(BackgroundEffect.NAME, "broken"));
        engine.bindEffect(new LumaEffect(7), props(BackgroundEffect.NAME, "seven"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "effects", new String[] {"broken", "seven"}, "width", 64,
                "height", 48, "running", true, "realtime", false, "frames", 20L));
        await("finished", () -> engine.status().state() == PipelineState.FINISHED);
        assertEquals(20, sink.snapshot().size());
        for (long[] f : sink.snapshot()) {
            assertEquals(7, f[2], "the working effect applied to every frame");
        }
        PipelineStatus s = engine.status();
        assertTrue(hasProblem(s, "effect 'broken' failed and was taken out of the chain: effect bug"), s.problems().toString());
        assertEquals(List.of("seven"), s.effects());
    }

    @Test
    void aFailingModelMeansPassthroughNotACrash() throws Exception {
        bindBasics();
        model.fail = true;
        engine.bindSegmenter(model, props(Segmenter.NAME, "half"));
        engine.bindEffect(new LumaEffect(0), props(BackgroundEffect.NAME, "dark"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "effects", new String[] {"dark"}, "width", 64,
                "height", 48, "running", true, "realtime", false, "frames", 10L));
        await("finished", () -> engine.status().state() == PipelineState.FINISHED);
        assertEquals(10, sink.snapshot().size());
        assertTrue(hasProblem(engine.status(), "model 'half' failed: model crashed"), engine.status().problems().toString());
    }

    @Test
    void effectsComeAndGoBetweenFramesWithoutARestart() throws Exception {
        bindBasics();
        engine.bindSegmenter(model, props(Segmenter.NAME, "half"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "effects", new String[] {"dark"}, "width", 64,
                "height", 48, "running", true, "realtime", true));
        await("frames flow", () -> sink.snapshot().size() > 5);
        assertTrue(hasProblem(engine.status(), "effect 'dark' is not installed"), engine.status().problems().toString());
        LumaEffect dark = new LumaEffect(0);
        engine.bindEffect(dark, props(BackgroundEffect.NAME, "dark"));
        int installedAt = sink.snapshot().size();
        await("the effect applies", () -> sink.snapshot().stream().skip(installedAt).anyMatch(f -> f[2] == 0));
        engine.unbindEffect(dark);
        int removedAt = sink.snapshot().size();
        await("more frames", () -> sink.snapshot().size() > removedAt + 5);
        List<long[]> after = sink.snapshot().subList(removedAt, sink.snapshot().size());
        assertTrue(after.stream().allMatch(f -> f[2] != 0), "passthrough again after the effect went away");
        assertEquals(1, sink.opened, "the output was never reopened");
        assertEquals(PipelineState.RUNNING, engine.status().state());
    }

    @Test
    void aSlowModelNeverSlowsTheCamera() throws Exception {
        bindBasics();
        model.sleepMillis = 150;
        engine.bindSegmenter(model, props(Segmenter.NAME, "half"));
        engine.bindEffect(new LumaEffect(0), props(BackgroundEffect.NAME, "dark"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "effects", new String[] {"dark"}, "width", 64,
                "height", 48, "running", true, "realtime", true));
        await("the first mask", () -> sink.snapshot().stream().anyMatch(f -> f[2] == 0));
        PipelineStatus before = engine.status();
        int callsBefore = model.calls;
        long t0 = System.nanoTime();
        Thread.sleep(2000);
        PipelineStatus after = engine.status();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double captureRate = (after.captured() - before.captured()) / seconds;
        double writeRate = (after.written() - before.written()) / seconds;
        // the camera runs at 30 fps while the model manages fewer than 7 frames a second
        assertTrue(model.calls - callsBefore <= 2 / 0.15 + 1, "model ran " + (model.calls - callsBefore) + " times in " + seconds + " s");
        assertTrue(captureRate > 24 && captureRate < 36, "capture at the camera's 30 fps, not the model's pace: " + captureRate);
        assertTrue(writeRate > 24, "every captured frame is composed and written: " + writeRate + " fps");
        assertTrue(sink.snapshot().stream().skip(sink.snapshot().size() - 30).allMatch(f -> f[2] == 0),
                "frames between masks reuse the last mask");
    }

    @Test
    void aMissingSourceIsWaitedForAndReported() throws Exception {
        engine.bindSink(sink, props(FrameSink.ID, "rec"));
        engine.activate(config("source", "camera", "sinks", new String[] {"rec"}, "width", 64, "height", 48, "running", true));
        assertEquals(PipelineState.WAITING, engine.status().state());
        assertTrue(hasProblem(engine.status(), "input 'camera' is not available"), engine.status().problems().toString());
        engine.bindSource(new CountingSource(), props(FrameSource.ID, "camera"));
        await("frames flow once it appears", () -> sink.snapshot().size() > 3);
        assertEquals(PipelineState.RUNNING, engine.status().state());
    }

    @Test
    void anInvalidSizeIsReportedNotThrown() throws Exception {
        bindBasics();
        engine.activate(config("source", "count", "width", 641, "height", 48, "running", true));
        assertEquals(PipelineState.FAILED, engine.status().state());
        assertTrue(hasProblem(engine.status(), "width 641 is odd"), engine.status().problems().toString());
    }

    @Test
    void shuttingDownCompletesTheOutputsOnceAndStartsNothing() throws Exception {
        CountingSource source = new CountingSource();
        engine.bindSource(source, props(FrameSource.ID, "count"));
        engine.bindSink(sink, props(FrameSink.ID, "rec"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "width", 64, "height", 48, "running", true));
        await("frames flow", () -> sink.snapshot().size() > 3);
        engine.deactivate();
        int written = sink.snapshot().size();
        // SCR unbinds the references after deactivation
        engine.unbindSink(sink);
        engine.unbindSource(source);
        engine.bindSource(source, props(FrameSource.ID, "count"));
        Thread.sleep(200);
        assertEquals(written, sink.snapshot().size(), "no frames after deactivation");
        assertEquals(1, sink.opened);
        assertEquals(1, sink.closed);
    }

    /** Luma of the placeholder card's dark background. */
    private static boolean card(long[] f) {
        return f[1] < 60 && f[2] < 60;
    }

    @Test
    void aCameraThatGoesAwayLeavesACardAndComesBack() throws Exception {
        CountingSource camera = new CountingSource();
        engine.bindSource(camera, props(FrameSource.ID, "cam"));
        engine.bindSink(sink, props(FrameSink.ID, "rec"));
        engine.activate(config("source", "cam", "sinks", new String[] {"rec"}, "width", 64, "height", 48, "running", true));
        await("frames flow", () -> sink.snapshot().size() > 5);
        engine.unbindSource(camera);
        int gone = sink.snapshot().size();
        await("placeholder frames keep the output fed", () -> sink.snapshot().size() > gone + 10);
        assertTrue(sink.snapshot().stream().skip(gone + 2).allMatch(PipelineUnitTest::card), "the card, not the last picture");
        assertEquals(PipelineState.WAITING, engine.status().state());
        engine.bindSource(camera, props(FrameSource.ID, "cam"));
        int back = sink.snapshot().size();
        await("the picture resumes", () -> sink.snapshot().stream().skip(back).anyMatch(f -> !card(f)));
        assertEquals(1, sink.opened, "the output stayed open throughout");
    }

    @Test
    void aFailingCameraIsRetriedWithACardMeanwhile() throws Exception {
        CountingSource camera = new CountingSource();
        java.util.Map<String, Object> p = props(FrameSource.ID, "cam");
        p.put(FrameSource.LIVE, Boolean.TRUE);
        engine.bindSource(camera, p);
        engine.bindSink(sink, props(FrameSink.ID, "rec"));
        engine.activate(config("source", "cam", "sinks", new String[] {"rec"}, "width", 64, "height", 48, "running", true));
        await("frames flow", () -> sink.snapshot().size() > 5);
        camera.unplugged = true;
        int failed = sink.snapshot().size();
        await("the card while the camera fails", () -> sink.snapshot().stream().skip(failed).filter(PipelineUnitTest::card).count() > 10);
        assertTrue(hasProblem(engine.status(), "camera unplugged"), engine.status().problems().toString());
        camera.unplugged = false;
        int fixed = sink.snapshot().size();
        await("the picture resumes by itself", () -> sink.snapshot().stream().skip(fixed).anyMatch(f -> !card(f)));
    }
}
