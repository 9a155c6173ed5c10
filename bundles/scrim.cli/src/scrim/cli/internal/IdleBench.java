package scrim.cli.internal;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bytedeco.opencv.opencv_core.Mat;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import scrim.api.Frame;
import scrim.api.FrameTap;
import scrim.api.PipelineStatus;

/**
 * {@code bench --idle SECONDS}: what Scrim costs while on demand keeps it idle (no output is
 * read, no preview shown): process CPU milliseconds per second and resident memory over the
 * period; then a preview appears (a tap is registered, as a visible window does) and the time
 * to the first processed frame it is offered is measured. Prints the figures and one JSON line.
 */
final class IdleBench {

    /** The longest wait for the pipeline to go idle: its grace period plus a slow start. */
    private static final long IDLE_TIMEOUT_MILLIS = 60_000;

    private final Cli cli;

    IdleBench(Cli cli) {
        this.cli = cli;
    }

    int run(CommandLine cl) throws Exception {
        long seconds = cl.count("idle", 20);
        new PipelineSetup(cli).apply(cl);
        PipelineStatus idle = Waiter.until(() -> {
            PipelineStatus s = cli.pipeline().status();
            return s.idle() ? s : null;
        }, IDLE_TIMEOUT_MILLIS);
        if (idle == null) {
            cli.err().println("scrim: the pipeline did not go idle within " + IDLE_TIMEOUT_MILLIS / 1000
                    + " s: something watches it (an output with a reader, or a preview); status " + cli.pipeline().status().problems());
            return Command.FAILED;
        }
        Thread.sleep(1000); // the stopped run's threads are gone, the JIT has settled
        long cpu0 = ProcessStats.cpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000);
        double cpuMsPerSecond = (ProcessStats.cpuNanos() - cpu0) / 1e6 / ((System.nanoTime() - t0) / 1e9);
        double rssMb = ProcessStats.rssMegabytes();

        double wakeMs = timeToFirstProcessedFrame();
        PipelineStatus live = cli.pipeline().status();
        print(cli.out(), seconds, cpuMsPerSecond, rssMb, wakeMs, live);
        return wakeMs < 0 ? Command.FAILED : 0;
    }

    /** Registers a preview and waits for its first frame with a mask: milliseconds, or -1 when none came. */
    private static double timeToFirstProcessedFrame() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(IdleBench.class).getBundleContext();
        CountDownLatch processed = new CountDownLatch(1);
        FrameTap viewer = new FrameTap() {
            @Override
            public boolean wants() {
                return processed.getCount() > 0;
            }

            @Override
            public void offer(Frame camera, Mat mask, Frame output) {
                if (mask != null) {
                    processed.countDown();
                }
            }
        };
        long t0 = System.nanoTime();
        ServiceRegistration<FrameTap> registration = context.registerService(FrameTap.class, viewer, null);
        try {
            return processed.await(30, TimeUnit.SECONDS) ? (System.nanoTime() - t0) / 1e6 : -1;
        } finally {
            registration.unregister();
        }
    }

    private static void print(PrintStream out, long seconds, double cpuMsPerSecond, double rssMb, double wakeMs, PipelineStatus live) {
        out.printf(Locale.ROOT, "bench --idle: %s, model %s, effects %s, idle for %d s%n", live.format(),
                live.segmenter() == null ? "none" : live.segmenter(), live.effects(), seconds);
        out.printf(Locale.ROOT, "  %-8s %8.2f ms CPU per second while idle (%.2f %% of a core)%n", "cpu", cpuMsPerSecond, cpuMsPerSecond / 10);
        out.printf(Locale.ROOT, "  %-8s %8.1f MB resident memory while idle%n", "memory", rssMb);
        out.printf(Locale.ROOT, "  %-8s %8.1f ms from a preview appearing to its first processed frame%s%n", "wake", wakeMs,
                wakeMs < 0 ? " (none came within 30 s)" : "");
        out.println(new JsonWriter().number("idle_seconds", seconds).number("idle_cpu_ms_per_s", cpuMsPerSecond, 2)
                .number("idle_rss_mb", rssMb, 1).number("wake_ms", wakeMs, 1).number("engine_wake_ms", live.wakeMillis()).toString());
    }
}
