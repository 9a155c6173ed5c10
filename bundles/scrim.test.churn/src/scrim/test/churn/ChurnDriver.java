package scrim.test.churn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import scrim.api.FrameSource;
import scrim.api.Pipeline;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.Problem;

/**
 * A test bundle, never part of the product: dropped into the load folder of a running Scrim
 * ({@code scrim run --input pattern ... --output FILE.y4m}), it waits for the pipeline to run,
 * then every period changes one thing through ConfigAdmin (PID {@code scrim.engine}: size,
 * effect chain, mirror, model, input) or drops the test fill effect's jar into the load folder
 * or takes it out, as {@link Schedule} says. Before each change it prints what the pipeline
 * and the process show, as {@code churn-driver: STATUS key=value ...} ({@link StatusLine}), and
 * every problem the pipeline reports as {@code churn-driver: PROBLEM ...}. At the end it stops
 * the pipeline (which finishes the output files), prints {@code churn-driver: END total=N
 * runs=R} and {@code churn-driver: DONE}; the test judges the report and the files.
 *
 * <p>Environment: {@code SCRIM_CHURN_SECONDS} (default 180), {@code SCRIM_CHURN_PERIOD_MILLIS}
 * (default 2000), {@code SCRIM_CHURN_PICTURE} (the second input, a PNG or JPEG),
 * {@code SCRIM_CHURN_PLUGIN} (the test fill effect's jar).
 */
@Component(immediate = true)
public final class ChurnDriver {

    private static final String PREFIX = "churn-driver: ";
    private static final String PLUGIN_JAR = "scrim.test.fill.jar";
    private static final String PLUGIN_EFFECT = "testfill";
    private static final long START_MILLIS = 60_000;

    @Reference
    private Pipeline pipeline;
    @Reference
    private ConfigurationAdmin configAdmin;
    private Path load;
    private Thread thread;

    @Activate
    void activate(BundleContext context) {
        load = Path.of(context.getProperty("scrim.load.dir"));
        thread = new Thread(this::drive, "scrim-churn-driver");
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        thread.interrupt();
        thread.join(2000);
    }

    private void drive() {
        try {
            churn(Long.parseLong(env("SCRIM_CHURN_SECONDS", "180")), Long.parseLong(env("SCRIM_CHURN_PERIOD_MILLIS", "2000")),
                    Path.of(env("SCRIM_CHURN_PICTURE", null)).toAbsolutePath(), Path.of(env("SCRIM_CHURN_PLUGIN", null)));
        } catch (InterruptedException e) {
            return; // the framework is stopping
        } catch (Exception e) {
            print("FAIL " + e);
            e.printStackTrace();
        }
        print("DONE");
    }

    private void churn(long seconds, long period, Path picture, Path plugin) throws Exception {
        await("the pipeline running and writing", START_MILLIS,
                () -> pipeline.status().state() == PipelineState.RUNNING && pipeline.status().written() >= 30);
        Configuration engine = configAdmin.getConfiguration(Pipeline.PID, "?");
        Schedule want = new Schedule(engine.getProperties(), addPicture(picture));
        FrameTally tally = new FrameTally(pipeline);
        tally.start();
        print(String.format(Locale.ROOT, "START seconds=%d period_ms=%d size=%dx%d effects=%s model=%s", seconds, period, want.width,
                want.height, StatusLine.list(want.effects), want.segmenter.isEmpty() ? "auto" : want.segmenter));

        long start = System.nanoTime();
        long lastTotal = tally.total();
        for (int step = 1;; step++) {
            long due = start + TimeUnit.MILLISECONDS.toNanos(period * step);
            TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
            double elapsed = (System.nanoTime() - start) / 1e9;
            PipelineStatus s = pipeline.status();
            boolean listed = pipeline.effects().stream().anyMatch(p -> p.id().equals(PLUGIN_EFFECT));
            long total = tally.total();
            print("STATUS " + StatusLine.format(StatusLine.fields(elapsed, step - 1, s, want, listed, tally, total - lastTotal)));
            for (Problem p : s.problems()) {
                print("PROBLEM step=" + (step - 1) + " stage=" + p.stage() + " subject=" + p.subject() + " message=" + p.message());
            }
            lastTotal = total;
            if (elapsed >= seconds) {
                break;
            }
            Schedule.Kind kind = want.next(step);
            if (kind == Schedule.Kind.PLUGIN) {
                movePlugin(plugin, want.pluginIn);
            } else {
                Dictionary<String, Object> config = engine.getProperties();
                want.writeTo(config);
                engine.update(config);
            }
            print(String.format(Locale.ROOT, "CHANGE t=%.1f step=%d kind=%s to=%s", (System.nanoTime() - start) / 1e9, step,
                    kind.name().toLowerCase(Locale.ROOT), want.describe(kind)));
        }
        stop(engine);
        tally.finish();
        print("END " + StatusLine.format(StatusLine.end(tally, pipeline.status())));
    }

    /** The second input: the picture as a file input (what --input PICTURE does); returns its id. */
    private String addPicture(Path picture) throws IOException, InterruptedException {
        String id = picture.toString();
        Configuration c = configAdmin.createFactoryConfiguration("scrim.source.image", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(FrameSource.ID, id);
        p.put("file", id);
        p.put(FrameSource.LABEL, "Picture " + picture.getFileName());
        c.update(p);
        await("input " + id + " appearing", 10_000, () -> pipeline.sources().stream().anyMatch(s -> s.id().equals(id)));
        return id;
    }

    /** Puts the plugin jar into the load folder whole (staged beside it, then renamed), or takes it out. */
    private void movePlugin(Path jar, boolean in) throws IOException {
        Path target = load.resolve(PLUGIN_JAR);
        if (in) {
            Path staged = load.resolveSibling(PLUGIN_JAR + ".staged");
            Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.delete(target);
        }
    }

    /** Stops the pipeline as the window's switch does, which finishes the outputs, and waits until no frame moves. */
    private void stop(Configuration engine) throws IOException, InterruptedException {
        Dictionary<String, Object> config = engine.getProperties();
        config.put(Pipeline.CONFIG_RUNNING, false);
        engine.update(config);
        await("the pipeline stopping", 10_000, () -> pipeline.status().state() == PipelineState.STOPPED);
        long[] last = {-1};
        await("the last frame written", 10_000, () -> {
            long now = pipeline.status().written();
            boolean still = now == last[0];
            last[0] = now;
            return still;
        });
    }

    private static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out after " + millis / 1000 + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        if (v != null && !v.isBlank()) {
            return v;
        }
        if (fallback == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return fallback;
    }

    private static void print(String line) {
        System.out.println(PREFIX + line);
        System.out.flush();
    }
}
