package scrim.engine.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.bytedeco.opencv.opencv_core.Mat;

import scrim.api.BackgroundEffect;
import scrim.api.FrameTap;
import scrim.api.CaptureStream;
import scrim.api.Frame;
import scrim.api.FrameSource;
import scrim.api.Segmenter;
import scrim.api.StageTimes;
import scrim.api.VideoFormat;
import scrim.pixels.FramePool;
import scrim.pixels.MaskUpscaler;
import scrim.pixels.TemporalSmoother;
import scrim.pixels.Yuyv;

/**
 * One run of the pipeline for one source and format: a capture thread, a model thread and a
 * compose thread (DESIGN.md, engine rules). The camera is never throttled by the model: in
 * real time the model takes the newest frame and compositing waits for a frame's own mask at
 * most one frame interval before reusing the last one.
 */
final class Runner {

    /** What a run needs from the pipeline component. */
    interface Host {
        Selection selection();

        /** Held while a frame is composed and written; unbinding effects and sinks takes it. */
        Object composeLock();

        /** Held while a model runs; unbinding a segmenter takes it. */
        Object segmentLock();

        SinkSet openSinks();

        /** Previews watching the frames. */
        List<FrameTap> taps();

        /** The mask refinement settings for the next frame. */
        EngineConfig refinement();

        void effectFailed(BackgroundEffect effect, Exception e);

        void segmenterFailed(Segmenter segmenter, Exception e);

        void sourceFailed(String sourceId, String message);

        /** The run ended by itself (frame limit or end of the source). */
        void finished(Runner runner);
    }

    /** Capture queue length: frames waiting for compositing before the oldest is dropped. */
    private static final int QUEUE = 3;
    private static final int CAMERA_FRAMES = QUEUE + 5;
    private static final int CANVAS_FRAMES = 2;

    private final Host host;
    private final FrameSource source;
    private final String sourceId;
    private final boolean live;
    final VideoFormat requested;
    final boolean mirror;
    final boolean realtime;
    final long frameLimit;

    private final ArrayBlockingQueue<Frame> queue = new ArrayBlockingQueue<>(QUEUE);
    private final FrameSlot slot = new FrameSlot();
    private final Thread captureThread;
    private final Thread segmentThread;
    private final Thread composeThread;
    private volatile boolean stopping;
    private volatile boolean captureEnded;
    private volatile VideoFormat format;

    final StageClock capture = new StageClock();
    final StageClock segment = new StageClock();
    final StageClock refine = new StageClock();
    final StageClock compose = new StageClock();
    final StageClock sink = new StageClock();
    /** Time in each effect, by name, so a benchmark can say what every effect costs. */
    private final Map<String, StageClock> effectClocks = new ConcurrentHashMap<>();
    /** Time in each model, by name: the segment clock mixes models when they are switched. */
    private final Map<String, StageClock> segmenterClocks = new ConcurrentHashMap<>();
    /** Capture to the end of each output's write, per output. */
    final SinkLatencies latency = new SinkLatencies();
    /** Heap allocated by the capture (0), model (1) and compose (2) threads. */
    final HeapCounter heap = new HeapCounter(3);
    volatile long captured;
    volatile long written;
    volatile long dropped;
    volatile double fps;
    volatile boolean failed;
    volatile boolean ended;

    // The newest person probability (smoothed), at the model's size, published by the model thread.
    private final Object maskLock = new Object();
    private final Mat modelMask = new Mat();
    private long maskSequence = -1;
    private boolean maskValid;

    Runner(Host host, FrameSource source, String sourceId, boolean live, VideoFormat requested, boolean mirror,
            boolean realtime, long frameLimit) {
        this.host = host;
        this.source = source;
        this.sourceId = sourceId;
        this.live = live;
        this.requested = requested;
        this.mirror = mirror;
        this.realtime = realtime;
        this.frameLimit = frameLimit;
        captureThread = new Thread(this::captureLoop, "scrim-capture");
        segmentThread = new Thread(this::segmentLoop, "scrim-segment");
        composeThread = new Thread(this::composeLoop, "scrim-compose");
    }

    boolean sameAs(FrameSource s, VideoFormat f, boolean m, boolean rt, long limit) {
        return source == s && requested.equals(f) && mirror == m && realtime == rt && frameLimit == limit;
    }

    VideoFormat format() {
        return format;
    }

    String sourceId() {
        return sourceId;
    }

    void start() {
        captureThread.setDaemon(true);
        segmentThread.setDaemon(true);
        composeThread.setDaemon(true);
        captureThread.start();
        segmentThread.start();
        composeThread.start();
    }

    /** Stops all three threads and waits for them; sinks stay open (the caller decides). */
    void stop() {
        stopping = true;
        // Not the compose thread: an interrupt would close a sink's file channel mid-write.
        captureThread.interrupt();
        segmentThread.interrupt();
        for (Thread t : new Thread[] {captureThread, segmentThread, composeThread}) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    Map<String, StageTimes> effectTimes() {
        return snapshot(effectClocks);
    }

    Map<String, StageTimes> segmenterTimes() {
        return snapshot(segmenterClocks);
    }

    private static Map<String, StageTimes> snapshot(Map<String, StageClock> clocks) {
        Map<String, StageTimes> times = new HashMap<>();
        clocks.forEach((name, clock) -> times.put(name, clock.snapshot()));
        return times;
    }

    StageTimes[] times() {
        return new StageTimes[] {capture.snapshot(), segment.snapshot(), refine.snapshot(), compose.snapshot(), sink.snapshot()};
    }

    // ---------------------------------------------------------------- capture

    private void captureLoop() {
        CaptureStream stream;
        try {
            stream = source.open(requested);
        } catch (Exception e) {
            failed = true;
            host.sourceFailed(sourceId, message(e));
            return;
        }
        format = stream.format();
        try (stream; FramePool pool = new FramePool(format, CAMERA_FRAMES); Yuyv yuyv = new Yuyv()) {
            long interval = format.frameIntervalNanos();
            long due = System.nanoTime();
            // Without real time nothing is dropped, so the limit can stop capture too.
            while (!stopping && (realtime || frameLimit == 0 || captured < frameLimit)) {
                Frame f = pool.acquire(200, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                if (!live && realtime) {
                    // A file or pattern has no clock of its own: pace it like a camera.
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    due = Math.max(due + interval, System.nanoTime() - interval);
                }
                long t0 = System.nanoTime();
                boolean more;
                try {
                    more = stream.read(f);
                } catch (Exception e) {
                    f.close();
                    if (!stopping) {
                        failed = true;
                        host.sourceFailed(sourceId, message(e));
                    }
                    break;
                }
                capture.add(System.nanoTime() - t0);
                if (!more) {
                    f.close();
                    captureEnded = true; // the end of a file: compositing drains and the run ends
                    break;
                }
                if (mirror) {
                    yuyv.mirror(f);
                }
                captured++;
                handOver(f);
                heap.mark(0);
            }
            if (frameLimit > 0 && captured >= frameLimit) {
                captureEnded = true;
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    private void handOver(Frame f) throws InterruptedException {
        if (host.selection().segmenter() != null) {
            if (realtime) {
                slot.offerNewest(f.retain());
            } else {
                slot.put(f.retain());
            }
        }
        if (realtime) {
            while (!queue.offer(f)) {
                Frame oldest = queue.poll();
                if (oldest != null) {
                    oldest.close();
                    dropped++;
                }
            }
        } else {
            queue.put(f);
        }
    }

    // ---------------------------------------------------------------- model

    private void segmentLoop() {
        Segmenter smoothed = null;
        try (Mat probability = new Mat(); TemporalSmoother smoother = new TemporalSmoother()) {
            while (!stopping) {
                Frame f = slot.take(200, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                try (f) {
                    synchronized (host.segmentLock()) {
                        Selection sel = host.selection();
                        Segmenter s = sel.segmenter();
                        if (s == null) {
                            continue;
                        }
                        long t0 = System.nanoTime();
                        try {
                            s.segment(f, probability);
                        } catch (Exception e) {
                            host.segmenterFailed(s, e);
                            synchronized (maskLock) {
                                maskSequence = f.sequence(); // nobody waits for a mask that will not come
                                maskLock.notifyAll();
                            }
                            continue;
                        }
                        if (s != smoothed) {
                            smoother.reset(); // another model's history means nothing
                            smoothed = s;
                        }
                        smoother.smooth(probability, host.refinement().refine_smoothing());
                        long took = System.nanoTime() - t0;
                        segment.add(took);
                        segmenterClocks.computeIfAbsent(sel.segmenterName(), name -> new StageClock()).add(took);
                        synchronized (maskLock) {
                            probability.copyTo(modelMask);
                            maskSequence = f.sequence();
                            maskValid = true;
                            maskLock.notifyAll();
                        }
                        heap.mark(1);
                    }
                }
            }
        } catch (InterruptedException e) {
            // stopping
        } finally {
            slot.clear();
        }
    }

    // ---------------------------------------------------------------- compose

    private void composeLoop() {
        FramePool canvases = null;
        try (Mat mask = new Mat(); Mat probability = new Mat(); MaskUpscaler upscaler = new MaskUpscaler()) {
            long windowStart = System.nanoTime();
            long windowFrames = 0;
            while (!stopping) {
                Frame camera = queue.poll(200, TimeUnit.MILLISECONDS);
                if (camera == null) {
                    if (captureEnded && queue.isEmpty()) {
                        end();
                        return;
                    }
                    continue;
                }
                try (camera) {
                    Selection sel = host.selection();
                    boolean haveMask = sel.segmenter() != null && awaitMask(camera, sel);
                    if (haveMask) {
                        long t0 = System.nanoTime();
                        synchronized (maskLock) {
                            modelMask.copyTo(probability);
                        }
                        EngineConfig r = host.refinement();
                        upscaler.upscale(probability, camera, mask, r.refine_guided(), r.refine_radius(), r.refine_eps(),
                                r.refine_threshold(), r.refine_feather());
                        refine.add(System.nanoTime() - t0);
                    }
                    synchronized (host.composeLock()) {
                        sel = host.selection();
                        Frame composed = null;
                        if (haveMask && !sel.effects().isEmpty()) {
                            if (canvases == null || !canvases.format().equals(camera.format())) {
                                if (canvases != null) {
                                    canvases.close();
                                }
                                canvases = new FramePool(camera.format(), CANVAS_FRAMES);
                            }
                            long t0 = System.nanoTime();
                            composed = canvases.acquire(1, TimeUnit.SECONDS);
                            composed.stamp(camera.sequence(), camera.timestampNanos());
                            camera.mat().copyTo(composed.mat());
                            applyEffects(sel, camera, mask, composed);
                            compose.add(System.nanoTime() - t0);
                        }
                        try (Frame out = composed != null ? composed : camera.retain()) {
                            long t0 = System.nanoTime();
                            host.openSinks().follow(sel.sinks(), camera.format());
                            host.openSinks().write(out, latency);
                            sink.add(System.nanoTime() - t0);
                            offer(host.taps(), camera, haveMask ? mask : null, out);
                        }
                    }
                }
                written++;
                windowFrames++;
                long now = System.nanoTime();
                if (now - windowStart >= 1_000_000_000L) {
                    fps = windowFrames * 1e9 / (now - windowStart);
                    windowStart = now;
                    windowFrames = 0;
                }
                heap.mark(2);
                if (frameLimit > 0 && written >= frameLimit) {
                    end();
                    return;
                }
            }
        } catch (InterruptedException e) {
            // stopping
        } finally {
            Frame f;
            while ((f = queue.poll()) != null) {
                f.close();
            }
            if (canvases != null) {
                canvases.close();
            }
        }
    }

    private static void offer(List<FrameTap> taps, Frame camera, Mat mask, Frame out) {
        for (int i = 0; i < taps.size(); i++) {
            FrameTap tap = taps.get(i);
            try {
                if (tap.wants()) {
                    tap.offer(camera, mask, out);
                }
            } catch (RuntimeException e) {
                // a broken preview must not cost the call its picture
            }
        }
    }

    private void applyEffects(Selection sel, Frame camera, Mat mask, Frame canvas) {
        List<BackgroundEffect> effects = sel.effects();
        for (int i = 0; i < effects.size(); i++) {
            BackgroundEffect e = effects.get(i);
            try {
                long t0 = System.nanoTime();
                e.apply(camera, mask, canvas);
                effectClocks.computeIfAbsent(sel.effectNames().get(i), name -> new StageClock()).add(System.nanoTime() - t0);
            } catch (Exception | LinkageError ex) {
                host.effectFailed(e, ex instanceof Exception x ? x : new RuntimeException(ex));
            }
        }
    }

    /**
     * Waits for the mask of this frame (or a newer one). In real time at most one frame
     * interval, then the last mask is reused; otherwise until the model has seen the frame.
     */
    private boolean awaitMask(Frame camera, Selection sel) throws InterruptedException {
        long deadline = System.nanoTime() + (realtime ? format.frameIntervalNanos() : TimeUnit.SECONDS.toNanos(30));
        synchronized (maskLock) {
            while (maskSequence < camera.sequence() && !stopping && host.selection().segmenter() == sel.segmenter()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(maskLock, left);
            }
            return maskValid;
        }
    }

    private void end() {
        stopping = true;
        captureThread.interrupt();
        segmentThread.interrupt();
        host.finished(this);
        ended = true;
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m;
    }
}
