package scrim.engine.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.bytedeco.opencv.opencv_core.Mat;

import scrim.api.BackgroundEffect;
import scrim.api.Frame;
import scrim.api.FrameTap;
import scrim.api.VideoFormat;
import scrim.pixels.FramePool;
import scrim.pixels.MaskUpscaler;

/**
 * The compose thread's work on one frame: the frame's mask scaled and refined to the frame,
 * the effects applied on a canvas, the result written to the outputs and offered to the
 * previews. It owns the compose thread's buffers and canvases. An effect that throws is taken
 * out and reported; a problem of this stage itself is shown until a frame gets through again.
 */
final class ComposeStep implements AutoCloseable {

    private static final int CANVAS_FRAMES = 2;
    /** Outside real time, how long compositing waits for a frame's own mask. */
    private static final long MASK_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Runner.Host host;
    private final Runner run;
    private final LatestMask latestMask;
    private final BooleanSupplier stopping;
    private final Mat mask = new Mat();
    private final Mat probability = new Mat();
    private final MaskUpscaler upscaler = new MaskUpscaler();
    private FramePool canvases;
    /** A problem of this stage is shown. */
    private boolean trouble;
    /** The first processed frame was reported. */
    private boolean processedOne;

    /** @param stopping true once the run stops: from then on no output is touched */
    ComposeStep(Runner.Host host, Runner run, LatestMask latestMask, BooleanSupplier stopping) {
        this.host = host;
        this.run = run;
        this.latestMask = latestMask;
        this.stopping = stopping;
    }

    /** Composes one frame and writes it; false when it was dropped (or the run stops: then no output is touched). */
    boolean run(Frame camera) throws InterruptedException {
        Selection sel = host.selection();
        boolean haveMask = sel.segmenter() != null && refine(camera, sel);
        synchronized (host.composeLock()) {
            if (stopping.getAsBoolean()) {
                return false; // a stopped run never touches the outputs again
            }
            sel = host.selection();
            Frame out = null;
            try {
                if (haveMask && !sel.effects().isEmpty()) {
                    out = canvas(camera.format());
                    if (out == null) {
                        return false;
                    }
                    long t0 = System.nanoTime();
                    out.stamp(camera.sequence(), camera.timestampNanos());
                    camera.mat().copyTo(out.mat());
                    applyEffects(sel, camera, out);
                    run.compose.add(System.nanoTime() - t0);
                } else {
                    out = camera.retain();
                }
                long t0 = System.nanoTime();
                host.openSinks().follow(sel.sinks(), camera.format());
                host.openSinks().write(out, run.latency);
                run.sink.add(System.nanoTime() - t0);
                offer(host.taps(), camera, haveMask ? mask : null, out);
                if (!processedOne && (haveMask || sel.segmenter() == null)) {
                    processedOne = true;
                    host.firstProcessedFrame(run);
                }
            } finally {
                if (out != null) {
                    out.close();
                }
            }
        }
        return true;
    }

    /** Shows a problem of this stage until {@link #succeeded()}. */
    void problem(String message) {
        trouble = true;
        host.engineProblem("compose", message);
    }

    /** A frame was written: a problem of this stage is over. */
    void succeeded() {
        if (trouble) {
            trouble = false;
            host.engineProblem("compose", null);
        }
    }

    /**
     * Scales the newest mask to the frame, waiting for the frame's own mask (in real time at
     * most one frame interval, then the last mask is reused). False when there is no mask, or
     * when the model's mask cannot be scaled: that takes the model out.
     */
    private boolean refine(Frame camera, Selection sel) throws InterruptedException {
        long wait = run.realtime ? camera.format().frameIntervalNanos() : MASK_WAIT_NANOS;
        if (!latestMask.copyNewest(camera.sequence(), System.nanoTime() + wait, probability)) {
            return false;
        }
        long t0 = System.nanoTime();
        try {
            EngineConfig r = host.refinement();
            upscaler.upscale(probability, camera, mask, r.refine_guided(), r.refine_radius(), r.refine_eps(), r.refine_threshold(),
                    r.refine_feather());
        } catch (RuntimeException e) {
            host.segmenterFailed(sel.segmenter(), e);
            return false;
        }
        run.refine.add(System.nanoTime() - t0);
        return true;
    }

    /** A free output frame of this format, or null (reported) when none came back within a frame interval. */
    private Frame canvas(VideoFormat f) throws InterruptedException {
        if (canvases == null || !canvases.format().equals(f)) {
            if (canvases != null) {
                canvases.close();
            }
            canvases = new FramePool(f, CANVAS_FRAMES, host.frames());
        }
        Frame canvas = canvases.acquire(f.frameIntervalNanos(), TimeUnit.NANOSECONDS);
        if (canvas == null) {
            problem("no output frame came back within a frame interval (a preview, effect or output keeps them);"
                    + " frames are dropped until they do");
        }
        return canvas;
    }

    private static void offer(List<FrameTap> taps, Frame camera, Mat mask, Frame out) {
        for (int i = 0; i < taps.size(); i++) {
            FrameTap tap = taps.get(i);
            try {
                if (tap.wants()) {
                    tap.offer(camera, mask, out);
                }
            } catch (RuntimeException | LinkageError e) {
                // a broken preview must not cost the call its picture
            }
        }
    }

    private void applyEffects(Selection sel, Frame camera, Frame canvas) {
        List<BackgroundEffect> effects = sel.effects();
        for (int i = 0; i < effects.size(); i++) {
            BackgroundEffect e = effects.get(i);
            try {
                long t0 = System.nanoTime();
                e.apply(camera, mask, canvas);
                run.effectClock(sel.effectNames().get(i)).add(System.nanoTime() - t0);
            } catch (Exception | LinkageError ex) {
                host.effectFailed(e, ex);
            }
        }
    }

    @Override
    public void close() {
        if (canvases != null) {
            canvases.close();
        }
        upscaler.close();
        probability.close();
        mask.close();
    }
}
