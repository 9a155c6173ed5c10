package scrim.cli.internal;

import java.util.Set;

import scrim.api.PipelineState;
import scrim.api.PipelineStatus;

/**
 * {@code bench}: runs the given setup flat out (or paced, with {@code --realtime}), measures the
 * frames between a warm-up and shortly before the end, and prints milliseconds per stage and
 * per effect, the frame rate, CPU time, peak memory, each output's latency and the memory
 * allocated per frame, then the same figures as one JSON line.
 */
final class BenchCommand implements Command {

    private final Cli cli;

    BenchCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public int run(CommandLine cl) throws Exception {
        if (cl.flag("idle")) {
            return new IdleBench(cli).run(cl);
        }
        PipelineSetup.Applied applied = new PipelineSetup(cli).apply(cl);
        // neither the first frames (start-up) nor the last (the run's end frees its buffers) are measured
        long margin = Math.min(30, applied.frames() / 10);
        awaitWritten(margin);
        BenchFigures.Mark start = BenchFigures.Mark.afterCollecting(cli.pipeline()::status);
        awaitWritten(applied.frames() - margin);
        BenchFigures.Mark end = BenchFigures.Mark.now(cli.pipeline().status());
        int status = new RunWatch(cli, Set.copyOf(start.status().sinks()), start.status().source()).follow();
        if (status != 0) {
            return status;
        }
        new BenchFigures(start, end, cl.flag("realtime")).print(cli.out());
        return 0;
    }

    /** Waits until the run has written {@code n} frames or ended by itself. */
    private void awaitWritten(long n) throws InterruptedException {
        Waiter.until(() -> {
            PipelineStatus s = cli.pipeline().status();
            boolean ended = s.state() == PipelineState.FAILED || s.state() == PipelineState.FINISHED;
            return ended || s.written() >= n && s.state() != PipelineState.WAITING ? s : null;
        });
    }
}
