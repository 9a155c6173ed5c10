package scrim.cli.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.StageTimes;
import scrim.api.VideoFormat;

/**
 * {@code bench}: runs the given setup flat out, measures after a warm-up, and prints
 * milliseconds per stage and per effect, the frame rate, CPU time and peak memory, then the
 * same figures as one JSON line.
 */
final class BenchCommand implements Command {

    private final Cli cli;

    BenchCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public int run(CommandLine cl) throws Exception {
        PipelineSetup.Applied applied = new PipelineSetup(cli).apply(cl);
        long warmup = Math.min(30, applied.frames() / 10);
        PipelineStatus first = Waiter.until(() -> {
            PipelineStatus s = cli.pipeline().status();
            boolean ended = s.state() == PipelineState.FAILED || s.state() == PipelineState.FINISHED && s.written() < warmup;
            return ended || s.written() >= warmup && s.state() != PipelineState.WAITING ? s : null;
        });
        long t0 = System.nanoTime();
        long cpu0 = ProcessStats.cpuNanos();
        PipelineStatus running = cli.pipeline().status();
        int status = new RunWatch(cli, Set.copyOf(running.sinks()), running.source()).follow();
        if (status != 0) {
            return status;
        }
        long wall = System.nanoTime() - t0;
        long cpu = ProcessStats.cpuNanos() - cpu0;
        report(first, cli.pipeline().status(), wall, cpu);
        return 0;
    }

    private void report(PipelineStatus first, PipelineStatus last, long wall, long cpu) {
        PrintStream out = cli.out();
        long n = last.written() - first.written();
        Map<String, Double> ms = new LinkedHashMap<>();
        ms.put("capture", last.capture().meanMillisSince(first.capture()));
        ms.put("segment", last.segment().meanMillisSince(first.segment()));
        ms.put("refine", last.refine().meanMillisSince(first.refine()));
        ms.put("compose", last.compose().meanMillisSince(first.compose()));
        ms.put("sink", last.sink().meanMillisSince(first.sink()));
        double fps = n * 1e9 / wall;
        double cpuPerFrame = n == 0 ? 0 : cpu / 1e6 / n;
        double peakMb = ProcessStats.peakRssMegabytes();
        VideoFormat f = last.format();
        out.printf(Locale.ROOT, "bench: %s, model %s, effects %s, %d frames measured after %d warm-up%n",
                f, last.segmenter() == null ? "none" : last.segmenter(), last.effects(), n, first.written());
        ms.forEach((stage, v) -> out.printf(Locale.ROOT, "  %-8s %8.3f ms%n", stage, v));
        Map<String, Double> effectMs = new LinkedHashMap<>();
        for (String name : last.effects()) {
            StageTimes before = first.effectTimes().getOrDefault(name, StageTimes.NONE);
            effectMs.put(name, last.effectTimes().getOrDefault(name, StageTimes.NONE).meanMillisSince(before));
            out.printf(Locale.ROOT, "    %-14s %8.3f ms%n", name, effectMs.get(name));
        }
        out.printf(Locale.ROOT, "  %-8s %8.1f frames/s%n", "rate", fps);
        out.printf(Locale.ROOT, "  %-8s %8.3f ms CPU per frame (all threads)%n", "cpu", cpuPerFrame);
        out.printf(Locale.ROOT, "  %-8s %8.1f MB peak resident memory%n", "memory", peakMb);
        out.println(new JsonWriter().string("size", f.width() + "x" + f.height()).number("frames", n)
                .string("model", last.segmenter()).strings("effects", last.effects()).numbers("ms", ms, 3)
                .numbers("effect_ms", effectMs, 3).number("fps", fps, 1).number("cpu_ms_per_frame", cpuPerFrame, 3)
                .number("peak_rss_mb", peakMb, 1));
    }
}
