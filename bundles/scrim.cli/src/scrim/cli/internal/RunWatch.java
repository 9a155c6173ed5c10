package scrim.cli.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.osgi.service.cm.Configuration;

import scrim.api.FrameSource;
import scrim.api.Part;
import scrim.api.Pipeline;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.Problem;

/** Follows a run: reports progress every 2 s and problems once each, fails on a broken input or output or a failed run. */
final class RunWatch {

    private static final long PROGRESS_MILLIS = 2000;

    private final Cli cli;
    private final Set<String> outputs;
    private final String sourceId;
    /** A camera that fails is retried by the engine (placeholder meanwhile); a file that fails is final. */
    private final boolean live;
    private final Set<String> reported = new HashSet<>();
    private long nextProgress = System.currentTimeMillis() + PROGRESS_MILLIS;
    private boolean started;
    /** Whether the last report said idle: idle is said once when it begins, not every 2 s. */
    private boolean saidIdle;

    RunWatch(Cli cli, Set<String> outputs, String sourceId) {
        this.cli = cli;
        this.outputs = outputs;
        this.sourceId = sourceId;
        Part input = Parts.find(cli.pipeline().sources(), sourceId);
        this.live = input != null && Boolean.TRUE.equals(input.properties().get(FrameSource.LIVE));
    }

    /** Follows the run to its end: 0 when it finished, {@link Command#FAILED} when its input or an output broke. */
    int follow() throws InterruptedException {
        return Waiter.until(this::check);
    }

    /** Looks at the status once: the exit status once the run ended, else null. */
    private Integer check() {
        PipelineStatus s = cli.pipeline().status();
        started |= sourceId.equals(s.source());
        for (Problem p : started ? s.problems() : List.<Problem>of()) {
            if (reported.add(p.toString())) {
                cli.err().println("scrim: " + p.message());
            }
            boolean failed = s.state() == PipelineState.FAILED;
            if (p.stage().equals("source") && p.subject().equals(sourceId) && failed && !live
                    || p.stage().equals("sink") && outputs.contains(p.subject()) && !p.message().contains("not available")
                    || p.stage().equals("engine") && failed) { // an engine thread ended: the run cannot go on by itself
                stopPipeline();
                return Command.FAILED;
            }
        }
        if (started && s.state() == PipelineState.FINISHED) {
            cli.err().printf(Locale.ROOT, "scrim: done, %d frames written%n", s.written());
            return 0;
        }
        if (s.idle() != saidIdle) {
            saidIdle = s.idle();
            if (saidIdle) {
                cli.err().println("scrim: idle, the camera is closed: it starts when an app opens the virtual camera (after "
                        + s.written() + " frames)");
            }
        }
        if (System.currentTimeMillis() >= nextProgress) {
            nextProgress += PROGRESS_MILLIS;
            if (saidIdle) {
                return null;
            }
            cli.err().printf(Locale.ROOT, "scrim: %d frames, %.1f fps, model %s, effects %s, dropped %d%n", s.written(), s.fps(),
                    s.segmenter() == null ? "none" : s.segmenter(), s.effects(), s.dropped());
        }
        return null;
    }

    private void stopPipeline() {
        try {
            Configuration engine = cli.configAdmin().getConfiguration(Pipeline.PID, "?");
            Dictionary<String, Object> c = engine.getProperties();
            if (c != null) {
                c.put(Pipeline.CONFIG_RUNNING, false);
                engine.update(c);
            }
        } catch (IOException e) {
            cli.err().println("scrim: could not stop the pipeline: " + e.getMessage());
        }
    }
}
