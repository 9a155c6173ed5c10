package scrim.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scrim.engine.internal.TestParts.await;
import static scrim.engine.internal.TestParts.config;
import static scrim.engine.internal.TestParts.hasProblem;
import static scrim.engine.internal.TestParts.props;

import java.util.Map;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import scrim.api.BackgroundEffect;
import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.Segmenter;
import scrim.engine.internal.TestParts.Breach;
import scrim.engine.internal.TestParts.ContractBreakingSegmenter;
import scrim.engine.internal.TestParts.CountingSource;
import scrim.engine.internal.TestParts.GatedSegmenter;
import scrim.engine.internal.TestParts.HoardingTap;
import scrim.engine.internal.TestParts.KeepEffect;
import scrim.engine.internal.TestParts.LeftHalfSegmenter;
import scrim.engine.internal.TestParts.LumaEffect;
import scrim.engine.internal.TestParts.RecordingSink;

/**
 * How runs start, fail and stop: no frame or native buffer is lost across reconfigurations,
 * no engine thread dies unnoticed, and a stopped run never touches an output again.
 */
class RunLifecycleUnitTest {

    private final PipelineComponent engine = new PipelineComponent();
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void stop() {
        engine.deactivate();
    }

    private int written() {
        return sink.snapshot().size();
    }

    private void awaitFramesFlow(String what) throws InterruptedException {
        int before = written();
        await(what, () -> written() > before + 3);
    }

    /** Step i of a run of reconfigurations: size, mirror, source and real time all change. */
    private static EngineConfig step(int i) {
        boolean big = i % 3 != 1;
        return config("source", i % 2 == 0 ? "count" : "cam", "segmenter", "half", "effects", new String[] {"keep"},
                "sinks", new String[] {"rec"}, "width", big ? 320 : 256, "height", big ? 240 : 192, "mirror", i % 4 < 2,
                "realtime", i % 5 != 0, "running", true);
    }

    @Test
    void reconfiguringAgainAndAgainLeavesNoFrameOutOfItsPoolAndNoNativeMemory() throws Exception {
        CountingSource pattern = new CountingSource();
        CountingSource camera = new CountingSource();
        Map<String, Object> live = props(FrameSource.ID, "cam");
        live.put(FrameSource.LIVE, Boolean.TRUE);
        engine.bindSource(pattern, props(FrameSource.ID, "count"));
        engine.bindSource(camera, live);
        engine.bindSink(sink, props(FrameSink.ID, "rec"));
        LeftHalfSegmenter model = new LeftHalfSegmenter();
        model.sleepMillis = 5;
        engine.bindSegmenter(model, props(Segmenter.NAME, "half"));
        engine.bindEffect(new KeepEffect(), props(BackgroundEffect.NAME, "keep"));
        long baseline = Pointer.totalBytes();

        engine.activate(step(0));
        for (int i = 1; i <= 30; i++) {
            awaitFramesFlow("frames flow before change " + i);
            if (i == 15) {
                // a camera retry: the run fails, the engine shows a card and tries again every 2 s
                engine.modified(step(1));
                awaitFramesFlow("the camera delivers");
                camera.unplugged = true;
                await("the camera is reported", () -> hasProblem(engine.status(), "camera unplugged"));
                Thread.sleep(2500); // at least one retry while it is away
                camera.unplugged = false;
                await("the camera is back", () -> engine.status().state() == PipelineState.RUNNING && !hasProblem(engine.status(), "unplugged"));
            }
            engine.modified(step(i));
        }
        awaitFramesFlow("frames flow after the last change");
        assertTrue(engine.status().framesInUse() > 0, "frames in flight are counted while running");
        engine.modified(config("source", "count", "sinks", new String[] {"rec"}, "running", false));

        assertEquals(PipelineState.STOPPED, engine.status().state());
        assertEquals(0, engine.status().framesInUse(), "every frame is back in its pool");
        assertEquals(0, engine.frames().nativeBytes(), "every pool's frames are freed");
        long leaked = Pointer.totalBytes() - baseline;
        assertTrue(leaked < 32 * 1024, "native memory grew by " + leaked + " bytes over 30 reconfigurations (a frame is 98 to 154 KB)");
    }

    // ------------------------------------------------------------ defect 3: no thread dies unnoticed

    private void runWithModel(Segmenter model) {
        engine.bindSource(new CountingSource(), props(FrameSource.ID, "count"));
        engine.bindSink(sink, props(FrameSink.ID, "rec"));
        engine.bindSegmenter(model, props(Segmenter.NAME, "bad"));
        engine.bindEffect(new LumaEffect(0), props(BackgroundEffect.NAME, "dark"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "effects", new String[] {"dark"}, "width", 64,
                "height", 48, "running", true));
    }

    private void assertModelTakenOutAndFramesFlow(ContractBreakingSegmenter model, String reason) throws InterruptedException {
        runWithModel(model);
        await("the model is reported", () -> hasProblem(engine.status(), "model 'bad' failed"));
        awaitFramesFlow("frames keep flowing without the model");
        awaitFramesFlow("and keep flowing");
        PipelineStatus s = engine.status();
        assertEquals(PipelineState.RUNNING, s.state());
        assertTrue(hasProblem(s, reason), s.problems().toString());
        assertEquals(null, s.segmenter(), "passthrough without the model");
        assertTrue(model.calls <= 2, "taken out after its failure, called " + model.calls + " times");
        assertTrue(s.problems().stream().noneMatch(p -> p.subject().equals("dark")), "the effect is not blamed: " + s.problems());
    }

    @Test
    void aModelThatLeavesNoMaskIsTakenOutAndTheRestRuns() throws Exception {
        assertModelTakenOutAndFramesFlow(new ContractBreakingSegmenter(Breach.EMPTY), "CV_32FC1");
    }

    @Test
    void aModelThatWritesTheWrongKindOfMaskIsTakenOutAndTheRestRuns() throws Exception {
        assertModelTakenOutAndFramesFlow(new ContractBreakingSegmenter(Breach.WRONG_TYPE), "CV_32FC1");
    }

    @Test
    void aModelThatThrowsAnErrorIsTakenOutAndTheRestRuns() throws Exception {
        assertModelTakenOutAndFramesFlow(new ContractBreakingSegmenter(Breach.LINKAGE), "scrim/segment/Interpreter");
    }

    @Test
    void aSourceThatThrowsAnErrorFailsTheRunWithTheReason() throws Exception {
        CountingSource source = new CountingSource();
        engine.bindSource(source, props(FrameSource.ID, "count"));
        engine.bindSink(sink, props(FrameSink.ID, "rec"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "width", 64, "height", 48, "running", true));
        awaitFramesFlow("frames flow");
        source.readError = new NoClassDefFoundError("scrim/v4l2/Ioctl");
        await("the run fails", () -> engine.status().state() == PipelineState.FAILED);
        assertTrue(hasProblem(engine.status(), "scrim/v4l2/Ioctl"), engine.status().problems().toString());
    }

    @Test
    void anOutputFrameThatDoesNotComeBackCostsFramesNotTheComposeThread() throws Exception {
        HoardingTap tap = new HoardingTap();
        engine.bindTap(tap);
        engine.bindSource(new CountingSource(), props(FrameSource.ID, "count"));
        engine.bindSink(sink, props(FrameSink.ID, "rec"));
        engine.bindSegmenter(new LeftHalfSegmenter(), props(Segmenter.NAME, "half"));
        engine.bindEffect(new KeepEffect(), props(BackgroundEffect.NAME, "keep"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "effects", new String[] {"keep"}, "width", 64,
                "height", 48, "running", true));
        await("every output frame is held by the preview", () -> hasProblem(engine.status(), "no output frame came back"));
        assertTrue(engine.status().dropped() > 0, "frames are dropped meanwhile");
        engine.unbindTap(tap);
        tap.letGo();
        awaitFramesFlow("frames flow again once the output frames are back");
        PipelineStatus s = engine.status();
        assertEquals(PipelineState.RUNNING, s.state());
        assertTrue(!hasProblem(s, "no output frame came back"), "the problem is over: " + s.problems());
    }

    // ------------------------------------------------------------ defect 4: stop wakes everything and touches nothing after

    @Test
    void stopReturnsPromptlyWhileAModelCallHangsAndNothingTouchesTheOutputsAfterwards() throws Exception {
        GatedSegmenter model = new GatedSegmenter(3);
        engine.bindSource(new CountingSource(), props(FrameSource.ID, "count"));
        engine.bindSink(sink, props(FrameSink.ID, "rec"));
        engine.bindSegmenter(model, props(Segmenter.NAME, "gated"));
        engine.activate(config("source", "count", "sinks", new String[] {"rec"}, "width", 64, "height", 48, "running", true,
                "realtime", false));
        model.entered.await();
        await("the frames before the hanging call are written", () -> written() == 3);
        Thread.sleep(100); // the compose thread now waits for the next frame's mask

        long t0 = System.nanoTime();
        engine.deactivate();
        long stopMillis = (System.nanoTime() - t0) / 1_000_000;
        sink.gone();
        model.gate.countDown(); // the model call returns after the engine is gone
        Thread.sleep(500);

        assertEquals(0, sink.callsAfterGone, "a stopped run touched the output");
        assertEquals(0, engine.status().framesInUse(), "the model's frame came back with its call");
        assertTrue(stopMillis < 1500, "stop took " + stopMillis + " ms");
        assertEquals(1, sink.opened);
        assertEquals(1, sink.closed);
    }
}
