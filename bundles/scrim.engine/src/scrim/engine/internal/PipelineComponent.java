package scrim.engine.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Pointer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import scrim.api.BackgroundEffect;
import scrim.api.FrameTap;
import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.Pipeline;
import scrim.api.Part;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.Segmenter;
import scrim.api.StageTimes;
import scrim.api.VideoFormat;
import scrim.pixels.FramePool;

/**
 * The pipeline: follows its configuration and the services that come and go, and keeps one
 * {@link Runner} going for the configured source. Effects, models and sinks change between
 * two frames; a new source or format starts a new run, keeping the outputs open when the
 * format stays the same. On demand ({@link Demand}) stops the run while nobody watches: the
 * outputs stay open and show a still card, and the next consumer starts a run again.
 */
@Component(service = Pipeline.class, configurationPid = Pipeline.PID, immediate = true)
@Designate(ocd = EngineConfig.class)
public final class PipelineComponent implements Pipeline, Runner.Host {

    private final Registry<FrameSource> sources = new Registry<>(FrameSource.ID);
    private final Registry<Segmenter> segmenters = new Registry<>(Segmenter.NAME);
    private final Registry<BackgroundEffect> effects = new Registry<>(BackgroundEffect.NAME);
    private final List<FrameTap> taps = new CopyOnWriteArrayList<>();
    private final Registry<FrameSink> sinks = new Registry<>(FrameSink.ID);

    private final Object composeLock = new Object();
    private final Object segmentLock = new Object();
    private final Object selectLock = new Object();
    private final SinkSet openSinks = new SinkSet(this::sinkFailed);
    /** Every frame pool of every run and placeholder: frames in use show in the status, 0 when none is in flight. */
    private final FramePool.Ledger frames = new FramePool.Ledger();

    private final RunProblems problems = new RunProblems();

    private volatile EngineConfig config;
    /** The refinement settings in use: the last valid ones (they outlive deactivation for a frame in flight). */
    private volatile EngineConfig refinement;
    private volatile Selection selection = Selection.EMPTY;
    private volatile Runner runner; // changed only under "this"
    private volatile Runner lastRunner;
    /** True while on demand has stopped the run and the ready card shows; changed only under "this". */
    private volatile boolean idle;
    /** When the run, card or stop last changed (epoch ms), for the status's since. */
    private volatile long changedAt = System.currentTimeMillis();
    /** Camera retries, the on-demand grace timer and its evaluations: one thread, in order. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scrim-timer");
        t.setDaemon(true);
        return t;
    });
    private final Placeholder placeholder = new Placeholder(openSinks, () -> selection.sinks(), composeLock, frames);
    private final Demand demand = new Demand(this::schedule, System::currentTimeMillis, this::reconcile);

    @Activate
    void activate(EngineConfig c) {
        config = c;
        takeRefinement(c);
        takeOnDemand(c);
        reconcile();
    }

    @Modified
    void modified(EngineConfig c) {
        EngineConfig before = config;
        if (c.running() && (before == null || !before.running())) {
            demand.restart();
        }
        config = c;
        problems.clear();
        takeRefinement(c);
        takeOnDemand(c);
        reconcile();
    }

    @Deactivate
    synchronized void deactivate() {
        config = null; // SCR unbinds the services after this: nothing may start again
        timer.shutdownNow();
        idle = false;
        placeholder.stop();
        stopRunner();
        synchronized (composeLock) {
            openSinks.closeAll();
        }
    }

    // ------------------------------------------------------------ services

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(FrameSource s, Map<String, Object> props) {
        sources.add(s, props);
        reconcile();
    }

    void unbindSource(FrameSource s) {
        sources.remove(s);
        reconcile();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindSegmenter(Segmenter s, Map<String, Object> props) {
        segmenters.add(s, props);
        problems.remove("segmenter", props.get(Segmenter.NAME));
        reselect();
    }

    void unbindSegmenter(Segmenter s) {
        synchronized (segmentLock) {
            segmenters.remove(s);
            reselect();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindEffect(BackgroundEffect e, Map<String, Object> props) {
        effects.add(e, props);
        problems.remove("effect", props.get(BackgroundEffect.NAME));
        reselect();
    }

    void unbindEffect(BackgroundEffect e) {
        synchronized (composeLock) {
            effects.remove(e);
            reselect();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindSink(FrameSink s, Map<String, Object> props) {
        sinks.add(s, props);
        problems.remove("sink", props.get(FrameSink.ID));
        watchConsumers(s, props.get(FrameSink.ID), demand::check);
        reselect();
    }

    /** A sink's properties changed (the PipeWire camera found or lost its daemon): the catalogue shows them. */
    void updatedSink(FrameSink s, Map<String, Object> props) {
        sinks.add(s, props);
    }

    void unbindSink(FrameSink s) {
        watchConsumers(s, sinks.nameOf(s), null);
        synchronized (composeLock) {
            openSinks.remove(s);
            sinks.remove(s);
            reselect();
        }
    }

    /** A sink that cannot be watched counts as always in use (its consumers() says so, or it is treated so). */
    private void watchConsumers(FrameSink s, Object id, Runnable listener) {
        try {
            s.watchConsumers(listener);
        } catch (RuntimeException | LinkageError e) {
            problems.put("sink", id, "output '" + id + "' cannot say when apps open it: " + Runner.message(e)
                    + " (on demand may keep the camera on for it)");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindTap(FrameTap t) {
        taps.add(t);
        demand.taps(taps.size());
    }

    void unbindTap(FrameTap t) {
        synchronized (composeLock) {
            taps.remove(t);
        }
        demand.taps(taps.size());
    }

    @Override
    public List<FrameTap> taps() {
        return taps;
    }

    // ------------------------------------------------------------ selection and runs

    /** Starts, replaces or stops the run to match configuration and sources. */
    private synchronized void reconcile() {
        EngineConfig c = config;
        if (c == null) {
            return;
        }
        reselect();
        FrameSource source = c.running() ? sources.find(c.source()) : null;
        VideoFormat format;
        try {
            format = VideoFormat.yuyv(c.width(), c.height(), c.fps());
        } catch (IllegalArgumentException e) {
            problems.put("config", Pipeline.PID, e.getMessage());
            source = null;
            format = null;
        }
        boolean live = demand.live();
        Runner r = runner;
        if (r != null && source != null && r.sameAs(source, format, c.mirror(), c.realtime(), c.frames())
                && (live ? !r.failed : r.failed || r.ended)) {
            return; // runs on; or, idle, a run that failed or finished stays as it is, with its problem shown
        }
        if (r == null && idle && source != null && !live && placeholder.shows(Feeder.READY, idleFormat(format))) {
            return; // idle already, in this format
        }
        changedAt = System.currentTimeMillis();
        stopRunner(); // while idle stays true until another state is set, the status shows no gap
        if (source == null) {
            idle = false;
            if (!c.running()) {
                placeholder.stop();
                synchronized (composeLock) {
                    openSinks.closeAll();
                }
            } else {
                placeholder.showOnOpen(Placeholder.DISCONNECTED);
            }
            return;
        }
        if (!live) {
            goIdle(format);
            return;
        }
        placeholder.stop();
        Object liveSource = sources.property(source, FrameSource.LIVE);
        problems.remove("source", c.source());
        Runner next = new Runner(this, source, c.source(), Boolean.TRUE.equals(liveSource), format, c.mirror(), c.realtime(), c.frames());
        runner = next;
        lastRunner = next;
        idle = false;
        next.start();
    }

    /**
     * Nobody watches: the run is stopped (camera closed, model and effects idle, their threads
     * ended) and the outputs stay open, showing the ready card once a second, so a virtual camera
     * stays listed and a consumer that opens it sees a picture at once.
     */
    private void goIdle(VideoFormat configured) {
        placeholder.show(Feeder.READY, idleFormat(configured)); // keeps the outputs open when a run had them at this format
        idle = true;
    }

    /**
     * The format the outputs show while idle: the one they are open at when the last run was asked
     * for the configured format (a camera may deliver another size than asked: the next run will
     * too, so the consumer keeps reading without a reopen), else the configured one.
     */
    private VideoFormat idleFormat(VideoFormat configured) {
        Runner last = lastRunner;
        VideoFormat open;
        synchronized (composeLock) {
            open = openSinks.format();
        }
        return open != null && last != null && last.requested.equals(configured) && open.equals(last.format()) ? open : configured;
    }

    /** Runs a task on the timer thread; after deactivation, never (the returned future is done). */
    private Future<?> schedule(Runnable task, long delayMillis) {
        try {
            return timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private void stopRunner() {
        Runner r = runner;
        if (r != null) {
            r.stop();
            runner = null; // only now: the status says STOPPED once the run has returned its frames
            // The run's frames, canvases and model buffers are freed, but glibc keeps freed pages in
            // its arenas: give them back, so resident memory follows what is in use after each change
            // and while idle (malloc_trim; a few milliseconds, once per run).
            Pointer.trimMemory();
        }
    }

    /** Resolves names in the configuration to the services bound now. */
    private void reselect() {
        synchronized (selectLock) {
            EngineConfig c = config;
            if (c == null) {
                return;
            }
            selection = SelectionResolver.resolve(c, sources, segmenters, effects, sinks, problems.failed());
            demand.select(selection.sinks());
        }
    }

    // ------------------------------------------------------------ Runner.Host

    @Override
    public Selection selection() {
        return selection;
    }

    @Override
    public EngineConfig refinement() {
        return refinement;
    }

    /** Takes the refinement settings if they are in range; otherwise keeps the previous ones and says why. */
    private void takeRefinement(EngineConfig c) {
        String bad = SettingsCheck.refinement(c);
        if (bad.isEmpty()) {
            refinement = c;
            problems.remove("config", "refine");
        } else if (refinement == null) {
            problems.put("config", "refine", bad + " Using the defaults.");
            refinement = SettingsCheck.DEFAULTS;
        } else {
            problems.put("config", "refine", bad + " Keeping the previous settings.");
        }
    }

    /** Takes the on-demand settings; a grace period out of range is named and the default used. */
    private void takeOnDemand(EngineConfig c) {
        double grace = c.ondemand_grace();
        String bad = SettingsCheck.onDemandGrace(c);
        if (bad.isEmpty()) {
            problems.remove("config", "ondemand");
        } else {
            grace = SettingsCheck.DEFAULTS.ondemand_grace();
            problems.put("config", "ondemand", bad + " Using the default, " + grace + " seconds.");
        }
        demand.configure(c.ondemand(), grace);
    }

    @Override
    public Object composeLock() {
        return composeLock;
    }

    @Override
    public Object segmentLock() {
        return segmentLock;
    }

    @Override
    public SinkSet openSinks() {
        return openSinks;
    }

    @Override
    public FramePool.Ledger frames() {
        return frames;
    }

    @Override
    public void effectFailed(BackgroundEffect effect, Throwable e) {
        String name = effects.nameOf(effect);
        problems.partFailed(effect, "effect", name, "effect '" + name + "' failed and was taken out of the chain: "
                + Runner.message(e) + " (reinstall or reconfigure it to try again)");
        reselect();
    }

    @Override
    public void segmenterFailed(Segmenter segmenter, Throwable e) {
        String name = segmenters.nameOf(segmenter);
        problems.partFailed(segmenter, "segmenter", name, "model '" + name + "' failed: " + Runner.message(e)
                + "; frames pass through unchanged");
        reselect();
    }

    private void sinkFailed(FrameSink sink, String action, Throwable e) {
        String id = sinks.nameOf(sink);
        problems.partFailed(sink, "sink", id, "cannot " + action + " output '" + id + "': " + Runner.message(e));
        reselect();
    }

    @Override
    public void sourceFailed(String sourceId, String message) {
        changedAt = System.currentTimeMillis();
        problems.put("source", sourceId, message);
        FrameSource s = sources.find(sourceId);
        if (s != null && Boolean.TRUE.equals(sources.property(s, FrameSource.LIVE))) {
            // A camera that failed (unplugged, taken by another program): show the card and try again.
            schedule(this::retryFailedRun, 0);
        }
    }

    @Override
    public void engineProblem(String stage, String message) {
        if (message == null) {
            problems.remove("engine", stage);
        } else {
            problems.put("engine", stage, message);
        }
    }

    private synchronized void retryFailedRun() {
        Runner r = runner;
        if (r == null || !r.failed || config == null) {
            return;
        }
        changedAt = System.currentTimeMillis();
        placeholder.showOnOpen(Placeholder.UNAVAILABLE);
        schedule(() -> {
            synchronized (this) {
                Runner now = runner;
                if (now != null && now.failed && config != null) {
                    stopRunner();
                    reconcile();
                }
            }
        }, 2000);
    }

    @Override
    public void finished(Runner r) {
        changedAt = System.currentTimeMillis();
        synchronized (composeLock) {
            openSinks.closeAll();
        }
    }

    @Override
    public void firstProcessedFrame(Runner r) {
        demand.firstProcessedFrame();
    }

    // ------------------------------------------------------------ catalogue

    @Override
    public List<Part> sources() {
        return sources.parts(FrameSource.LABEL);
    }

    @Override
    public List<Part> segmenters() {
        return segmenters.parts(Segmenter.LABEL);
    }

    @Override
    public String automaticSegmenter() {
        return segmenters.bestNameWhere(Segmenter.AUTO);
    }

    @Override
    public List<Part> effects() {
        return effects.parts(BackgroundEffect.LABEL);
    }

    @Override
    public List<Part> sinks() {
        return sinks.parts(FrameSink.LABEL);
    }

    @Override
    public List<VideoFormat> formats(String sourceId) throws IOException {
        FrameSource s = sources.find(sourceId);
        if (s == null) {
            throw new IOException("input '" + sourceId + "' is not available (available: " + sources.names() + ")");
        }
        return s.formats();
    }

    // ------------------------------------------------------------ status

    @Override
    public PipelineStatus status() {
        EngineConfig c = config;
        Selection sel = selection;
        Runner r = runner;
        Runner shown = r != null ? r : lastRunner;
        boolean idleNow = idle && c != null;
        PipelineState state;
        if (r != null) { // also while it is being stopped: STOPPED means every frame is back
            state = r.failed ? PipelineState.FAILED : r.ended ? PipelineState.FINISHED : PipelineState.RUNNING;
        } else if (idleNow) {
            state = PipelineState.RUNNING; // on, and ready: the camera starts when someone watches (see PipelineStatus.idle)
        } else if (c == null || !c.running()) {
            state = placeholder.showing() ? PipelineState.WAITING : PipelineState.STOPPED;
        } else {
            state = problems.has("config", Pipeline.PID) ? PipelineState.FAILED : PipelineState.WAITING;
        }
        StageTimes[] t = shown == null ? new StageTimes[] {StageTimes.NONE, StageTimes.NONE, StageTimes.NONE, StageTimes.NONE, StageTimes.NONE}
                : shown.times();
        boolean applied = sel.segmenter() != null;
        long since = c != null && c.running() ? Math.max(changedAt, demand.since()) : changedAt;
        return new PipelineStatus(state, shown == null ? null : shown.format(), r != null ? r.sourceId() : idleNow ? c.source() : null,
                sel.segmenterName(), applied ? sel.effectNames() : List.of(), sel.sinkIds(),
                shown == null ? 0 : shown.captured, shown == null ? 0 : shown.written, shown == null ? 0 : shown.dropped,
                shown == null || idleNow ? 0 : shown.fps, t[0], t[1], t[2], t[3], t[4],
                shown == null ? Map.of() : shown.effectTimes(), shown == null ? Map.of() : shown.segmenterTimes(), problems.all(sel),
                frames.framesInUse(), shown == null ? Map.of() : shown.latency.snapshot(sinks::nameOf),
                shown == null ? 0 : shown.heap.bytes(), idleNow, since, demand.consumers(), demand.wakeMillis());
    }
}
