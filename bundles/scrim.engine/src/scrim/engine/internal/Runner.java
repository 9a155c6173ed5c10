package scrim.engine.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import scrim.api.BackgroundEffect;
import scrim.api.FrameTap;
import scrim.api.CaptureStream;
import scrim.api.Frame;
import scrim.api.FrameSource;
import scrim.api.Segmenter;
import scrim.api.StageTimes;
import scrim.api.VideoFormat;
import scrim.pixels.FramePool;
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

        /** Counts the frames of every pool a run makes, so the status can show none is lost. */
        FramePool.Ledger frames();

        void effectFailed(BackgroundEffect effect, Throwable e);

        void segmenterFailed(Segmenter segmenter, Throwable e);

        void sourceFailed(String sourceId, String message);

        /** A problem of the engine itself (not of a plugin) for the status, or null when it is over. */
        void engineProblem(String stage, String message);

        /** The run ended by itself (frame limit or end of the source). */
        void finished(Runner runner);

        /** The run wrote its first processed frame (with its mask, or without a model when none is selected). */
        void firstProcessedFrame(Runner runner);
    }

    private static final int CAMERA_FRAMES = Handoff.QUEUE + 5;
    /** How long stop waits for the capture and compose threads, which it wakes. */
    private static final long STOP_MILLIS = 5000;
    /** How long stop waits for a model call in progress, which cannot be interrupted (see stop). */
    private static final long MODEL_STOP_MILLIS = 200;

    private final Host host;
    private final FrameSource source;
    private final String sourceId;
    private final boolean live;
    final VideoFormat requested;
    final boolean mirror;
    final boolean realtime;
    final long frameLimit;

    private final Handoff handoff;
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

    private final LatestMask latestMask = new LatestMask();

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
        this.handoff = new Handoff(realtime);
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

    /**
     * Stops the run: wakes the capture and compose threads and waits for them, so no frame is
     * written after this returns, then returns the frames held between the threads to their
     * pools. A model call in progress cannot be interrupted (it is native inference) and is
     * not waited for long: the model thread touches nothing shared after the run stopped and
     * frees what it holds when the call returns. Sinks stay open (the caller decides).
     */
    void stop() {
        stopping = true;
        latestMask.stop();
        // Not the compose thread: an interrupt would close a sink's file channel mid-write. It is woken above.
        captureThread.interrupt();
        segmentThread.interrupt();
        join(captureThread, STOP_MILLIS);
        join(composeThread, STOP_MILLIS);
        join(segmentThread, MODEL_STOP_MILLIS);
        handoff.close();
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's own stop: the frames are still returned
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
        try (CaptureStream stream = source.open(requested)) {
            format = stream.format();
            try (FramePool pool = new FramePool(format, CAMERA_FRAMES, host.frames()); Yuyv yuyv = new Yuyv()) {
                capture(stream, pool, yuyv);
            }
        } catch (InterruptedException e) {
            // stopping
        } catch (Exception | Error e) {
            // Whatever goes wrong with the source or its frames ends this run with the reason; a camera is retried.
            if (!stopping) {
                failed = true;
                host.sourceFailed(sourceId, message(e));
            }
        }
    }

    private void capture(CaptureStream stream, FramePool pool, Yuyv yuyv) throws Exception {
        long interval = format.frameIntervalNanos();
        long due = System.nanoTime();
        // Without real time nothing is dropped, so the limit can stop capture too.
        while (!stopping && (realtime || frameLimit == 0 || captured < frameLimit)) {
            Frame f = pool.acquire(200, TimeUnit.MILLISECONDS);
            if (f == null) {
                continue;
            }
            boolean given = false;
            try {
                if (!live && realtime) {
                    // A file or pattern has no clock of its own: pace it like a camera.
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    due = Math.max(due + interval, System.nanoTime() - interval);
                }
                long t0 = System.nanoTime();
                boolean more = stream.read(f);
                capture.add(System.nanoTime() - t0);
                if (!more) {
                    captureEnded = true; // the end of a file: compositing drains and the run ends
                    return;
                }
                if (mirror) {
                    yuyv.mirror(f);
                }
                captured++;
                boolean toModel = host.selection().segmenter() != null;
                if (!toModel) {
                    latestMask.skip(f.sequence()); // compositing must not wait for a mask of this frame
                }
                given = true;
                dropped += handoff.give(f, toModel);
                heap.mark(0);
            } finally {
                if (!given) {
                    f.close();
                }
            }
        }
        if (frameLimit > 0 && captured >= frameLimit) {
            captureEnded = true;
        }
    }

    // ---------------------------------------------------------------- model

    private void segmentLoop() {
        try (latestMask; ModelStep step = new ModelStep(host, latestMask, segment, segmenterClocks, () -> stopping)) {
            while (!stopping) {
                Frame f = handoff.forModel(200, TimeUnit.MILLISECONDS);
                if (f != null) {
                    try (f) {
                        step.run(f);
                    }
                    heap.mark(1);
                }
            }
        } catch (InterruptedException e) {
            // stopping
        } catch (RuntimeException | Error e) {
            threadFailed("model", e); // a model's own failures are caught in ModelStep: this is the engine's
        } finally {
            handoff.closeModelSide();
        }
    }

    // ---------------------------------------------------------------- compose

    private void composeLoop() {
        try (ComposeStep step = new ComposeStep(host, this, latestMask, () -> stopping)) {
            long windowStart = System.nanoTime();
            long windowFrames = 0;
            while (!stopping) {
                Frame camera = handoff.forCompose(200, TimeUnit.MILLISECONDS);
                if (camera == null) {
                    if (captureEnded && handoff.nothingToCompose()) {
                        end();
                        return;
                    }
                    continue;
                }
                long sequence = camera.sequence();
                boolean done;
                try (camera) {
                    done = step.run(camera);
                } catch (RuntimeException | LinkageError e) {
                    // Not a plugin's failure (those are caught where plugins are called): this frame is lost, the run goes on.
                    done = false;
                    step.problem("frame " + sequence + " could not be composed and was dropped: " + message(e));
                }
                if (stopping) {
                    break;
                }
                if (!done) {
                    dropped++;
                    continue;
                }
                step.succeeded();
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
        } catch (RuntimeException | Error e) {
            threadFailed("compose", e);
        } finally {
            handoff.close();
        }
    }

    /** The clock of one effect, by name. */
    StageClock effectClock(String name) {
        return effectClocks.computeIfAbsent(name, n -> new StageClock());
    }

    private void end() {
        stopping = true;
        latestMask.stop();
        captureThread.interrupt();
        segmentThread.interrupt();
        host.finished(this);
        ended = true;
    }

    /** An engine thread cannot go on: the run fails with the reason rather than stay RUNNING with a frozen picture. */
    private void threadFailed(String stage, Throwable e) {
        if (!stopping) {
            failed = true;
            host.engineProblem(stage, "the " + stage + " thread stopped: " + message(e) + " (change the setup to start a new run)");
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m;
    }
}
