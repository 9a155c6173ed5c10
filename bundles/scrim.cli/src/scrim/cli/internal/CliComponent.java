package scrim.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.tracker.ServiceTracker;

import scrim.api.ControlWindow;
import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.ModelLoader;
import scrim.api.Part;
import scrim.api.Pipeline;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.Problem;
import scrim.api.Segmenter;
import scrim.api.Setting;
import scrim.api.Settings;
import scrim.api.StageTimes;
import scrim.api.VideoFormat;
import scrim.v4l2.Doctor;

/**
 * Runs the command the launcher was given, on its own thread, by configuring the pipeline
 * through ConfigAdmin and watching its status; then hands the exit status back.
 */
@Component(immediate = true)
public final class CliComponent {

    /** Exit status for a bad command line or setting. */
    static final int USAGE = 2;
    /** Exit status for a failure while running. */
    static final int FAILED = 1;
    /** Not an exit status: the window is open and reports the exit when it closes. */
    private static final int WINDOW_OPEN = -1;
    private static final long APPEAR_MILLIS = 10_000;

    @Reference
    private ConfigurationAdmin configAdmin;
    @Reference
    private Pipeline pipeline;
    @Reference
    private Settings settings;
    @Reference(target = "(scrim.launcher=args)")
    private Supplier<List<String>> launcherArgs;
    @Reference(target = "(scrim.launcher=exit)")
    private IntConsumer launcherExit;

    private volatile ModelLoader loader;
    /** Segmenters by name, for segment and eval, which run a model outside the pipeline. */
    private final Map<String, Segmenter> segmenters = new java.util.concurrent.ConcurrentHashMap<>();

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private Thread thread;

    private ServiceTracker<ControlWindow, ControlWindow> windowService;

    @Activate
    void activate(BundleContext context) {
        windowService = new ServiceTracker<>(context, ControlWindow.class, null);
        windowService.open();
        thread = new Thread(this::main, "scrim-cli");
        thread.start();
    }

    @Deactivate
    void deactivate() {
        thread.interrupt();
        windowService.close();
    }

    private void main() {
        int status;
        try {
            status = execute(CommandLine.parse(launcherArgs.get()));
        } catch (IllegalArgumentException e) {
            err.println("scrim: " + e.getMessage());
            status = USAGE;
        } catch (InterruptedException e) {
            return; // the framework is stopping (Ctrl-C)
        } catch (IOException e) {
            err.println("scrim: " + e.getMessage());
            status = FAILED;
        } catch (Exception e) {
            StackTraceElement[] at = e.getStackTrace();
            err.println("scrim: internal error: " + e + (at.length > 0 ? " at " + at[0] : "") + "; please report it");
            status = FAILED;
        }
        if (status != WINDOW_OPEN) {
            launcherExit.accept(status);
        }
    }

    private int execute(CommandLine cl) throws Exception {
        switch (cl.command) {
            case "list":
                list();
                return 0;
            case "run":
            case "start":
                return run(cl, false);
            case "window":
                return window(cl);
            case "bench":
                return run(cl, true);
            case "doctor":
                return Doctor.check(out);
            case "segment":
                return segment(cl);
            case "eval":
                return eval(cl);
            default:
                out.println(CommandLine.HELP);
                return 0;
        }
    }

    // ------------------------------------------------------------ list

    private void list() {
        out.println("Inputs (--input ID, or a picture or video file):");
        for (Part p : pipeline.sources()) {
            out.printf(Locale.ROOT, "  %-24s %s%n", p.id(), p.label());
            if ("camera".equals(p.properties().get(FrameSource.KIND))) {
                try {
                    List<VideoFormat> formats = pipeline.formats(p.id());
                    formats.stream().limit(6).forEach(f -> out.printf(Locale.ROOT, "  %-24s   %s%n", "", f));
                } catch (IOException e) {
                    out.printf(Locale.ROOT, "  %-24s   %s%n", "", e.getMessage());
                }
            }
        }
        out.println("Models (--model NAME):");
        pipeline.segmenters().forEach(p -> out.printf(Locale.ROOT, "  %-24s %s%s%n", p.id(), p.label(),
                p.properties().containsKey(Segmenter.INPUT_WIDTH)
                        ? " (" + p.properties().get(Segmenter.INPUT_WIDTH) + "x" + p.properties().get(Segmenter.INPUT_HEIGHT) + ")" : ""));
        out.println("Effects (--effect NAME[:setting=value,...], repeat to chain):");
        for (Part p : pipeline.effects()) {
            out.printf(Locale.ROOT, "  %-24s %s%n", p.id(), p.label());
            for (Setting s : settings.describe(String.valueOf(p.properties().get("component.name")))) {
                out.printf(Locale.ROOT, "  %-24s   %-11s %s (default %s)%s%n", "", s.id(), s.range(),
                        s.defaultValue().isEmpty() ? "none" : s.defaultValue(), s.description().isEmpty() ? "" : ": " + s.description());
            }
        }
        out.println("Outputs (--output ID, or a .y4m file):");
        pipeline.sinks().forEach(p -> out.printf(Locale.ROOT, "  %-24s %s%n", p.id(), p.label()));
    }

    // ------------------------------------------------------------ run, start, bench

    /**
     * Presets the saved setup from the options, as start does, and opens the control window;
     * a preset that cannot apply (no camera yet) is reported and the window opens anyway.
     */
    private int window(CommandLine cl) throws Exception {
        try {
            run(cl, false);
        } catch (IllegalArgumentException | IOException e) {
            err.println("scrim: " + e.getMessage());
        }
        ControlWindow w = windowService.waitForService(APPEAR_MILLIS);
        if (w == null) {
            err.println("scrim: the control application (bundle scrim.ui) is not installed: running headless until Ctrl-C");
            PipelineStatus s = pipeline.status();
            return watch(Set.copyOf(s.sinks()), s.source() == null ? "" : s.source());
        }
        w.open(() -> launcherExit.accept(0));
        return WINDOW_OPEN;
    }

    private int run(CommandLine cl, boolean bench) throws Exception {
        boolean window = cl.command.equals("window");
        boolean start = cl.command.equals("start") || window;
        boolean tolerant = cl.flag("wait-for-plugins");
        Configuration engine = configAdmin.getConfiguration(Pipeline.PID, "?");
        Dictionary<String, Object> saved = engine.getProperties();
        Dictionary<String, Object> config = saved == null || !start ? new Hashtable<>() : saved;

        String input = cl.get("input");
        String sourceId = input != null ? input(input) : start && config.get(Pipeline.CONFIG_SOURCE) != null
                ? (String) config.get(Pipeline.CONFIG_SOURCE) : null;
        if (sourceId == null) {
            sourceId = first(pipeline.sources(), "camera");
        }
        if (sourceId == null) {
            throw new IllegalArgumentException("no input given and no camera found: add --input /dev/videoN, --input pattern or --input PICTURE.jpg (see scrim doctor)");
        }
        List<VideoFormat> offered = awaitSource(sourceId);

        List<String> outputs = new ArrayList<>();
        if (cl.get("output") != null) {
            outputs.add(output(cl.get("output")));
        } else if (!bench && !start) {
            String loopback = first(pipeline.sinks(), "loopback");
            if (loopback == null) {
                throw new IllegalArgumentException("no output given and no v4l2loopback device found: load it with " + Doctor.MODPROBE
                        + ", or add --output FILE.y4m");
            }
            outputs.add(loopback);
        } else if (start && config.get(Pipeline.CONFIG_SINKS) instanceof String[] savedSinks) {
            outputs.addAll(List.of(savedSinks));
        }

        String model = cl.get("model") == null ? null : model(cl.get("model"), tolerant);
        List<String> chain = new ArrayList<>();
        Map<String, Map<String, String>> effectSettings = new LinkedHashMap<>();
        for (String spec : cl.all("effect")) {
            chain.add(effect(spec, tolerant, effectSettings));
        }
        for (Map.Entry<String, Map<String, String>> e : effectSettings.entrySet()) {
            settings.update(e.getKey(), e.getValue()); // all were checked first, so a bad one changes nothing
        }

        int[] size = null;
        if (cl.get("size") != null) {
            size = VideoFormat.parseSize(cl.get("size"));
        } else if (!offered.isEmpty() && !(start && input == null && config.get(Pipeline.CONFIG_WIDTH) != null)) {
            // the input's own size, unless start resumes a saved input with its saved size
            VideoFormat natural = offered.get(0);
            size = new int[] {natural.width(), natural.height()};
        }
        double fps = cl.get("fps") != null ? VideoFormat.parseFps(cl.get("fps")) : 30;
        long frames = cl.count("frames", bench ? 300 : 0);

        config.put(Pipeline.CONFIG_SOURCE, sourceId);
        if (model != null || !start) {
            config.put(Pipeline.CONFIG_SEGMENTER, model == null ? "" : model);
        }
        if (!chain.isEmpty() || !start) {
            config.put(Pipeline.CONFIG_EFFECTS, chain.toArray(String[]::new));
        }
        config.put(Pipeline.CONFIG_SINKS, outputs.toArray(String[]::new));
        if (size != null) {
            config.put(Pipeline.CONFIG_WIDTH, size[0]);
            config.put(Pipeline.CONFIG_HEIGHT, size[1]);
        }
        if (cl.get("fps") != null || !start) {
            config.put(Pipeline.CONFIG_FPS, fps);
        }
        if (cl.flag("mirror") || !start) {
            config.put(Pipeline.CONFIG_MIRROR, cl.flag("mirror"));
        }
        config.put(Pipeline.CONFIG_REALTIME, !bench);
        config.put(Pipeline.CONFIG_FRAME_LIMIT, start ? 0L : frames);
        config.put(Pipeline.CONFIG_RUNNING, true);
        engine.update(config);
        return window ? 0 : bench ? bench(frames) : watch(new HashSet<>(outputs), sourceId);
    }

    /** Follows the run: reports problems once each, fails on a broken input or output. */
    private int watch(Set<String> outputs, String sourceId) throws InterruptedException {
        Part input = find(pipeline.sources(), sourceId);
        // a camera that fails is retried by the engine (placeholder meanwhile); a file that fails is final
        boolean live = input != null && Boolean.TRUE.equals(input.properties().get(FrameSource.LIVE));
        Set<String> reported = new HashSet<>();
        long nextProgress = System.currentTimeMillis() + 2000;
        boolean started = false;
        while (true) {
            PipelineStatus s = pipeline.status();
            started |= sourceId.equals(s.source());
            for (Problem p : started ? s.problems() : List.<Problem>of()) {
                if (reported.add(p.toString())) {
                    err.println("scrim: " + p.message());
                }
                if (started && (p.stage().equals("source") && p.subject().equals(sourceId) && s.state() == PipelineState.FAILED && !live
                        || p.stage().equals("sink") && outputs.contains(p.subject()) && !p.message().contains("not available"))) {
                    stopPipeline();
                    return FAILED;
                }
            }
            if (started && s.state() == PipelineState.FINISHED) {
                err.printf(Locale.ROOT, "scrim: done, %d frames written%n", s.written());
                return 0;
            }
            if (System.currentTimeMillis() >= nextProgress) {
                nextProgress += 2000;
                err.printf(Locale.ROOT, "scrim: %d frames, %.1f fps, model %s, effects %s, dropped %d%n", s.written(), s.fps(),
                        s.segmenter() == null ? "none" : s.segmenter(), s.effects(), s.dropped());
            }
            Thread.sleep(50);
        }
    }

    private int bench(long frames) throws Exception {
        long warmup = Math.min(30, frames / 10);
        PipelineStatus first;
        while ((first = pipeline.status()).written() < warmup || first.state() == PipelineState.WAITING) {
            if (first.state() == PipelineState.FAILED || first.state() == PipelineState.FINISHED && first.written() < warmup) {
                break;
            }
            Thread.sleep(1);
        }
        long t0 = System.nanoTime();
        long cpu0 = ProcessStats.cpuNanos();
        PipelineStatus running = pipeline.status();
        int status = watch(Set.copyOf(running.sinks()), running.source());
        if (status != 0) {
            return status;
        }
        long wall = System.nanoTime() - t0;
        long cpu = ProcessStats.cpuNanos() - cpu0;
        PipelineStatus last = pipeline.status();
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
        StringBuilder json = new StringBuilder("{\"size\":\"").append(f.width()).append('x').append(f.height())
                .append("\",\"frames\":").append(n)
                .append(",\"model\":").append(last.segmenter() == null ? "null" : "\"" + last.segmenter() + "\"")
                .append(",\"effects\":[");
        for (int i = 0; i < last.effects().size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(last.effects().get(i)).append('"');
        }
        json.append("],\"ms\":").append(jsonMillis(ms)).append(",\"effect_ms\":").append(jsonMillis(effectMs));
        json.append(String.format(Locale.ROOT, ",\"fps\":%.1f,\"cpu_ms_per_frame\":%.3f,\"peak_rss_mb\":%.1f}", fps, cpuPerFrame, peakMb));
        out.println(json);
        return 0;
    }

    private static String jsonMillis(Map<String, Double> ms) {
        return ms.entrySet().stream().map(e -> String.format(Locale.ROOT, "\"%s\":%.3f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private void stopPipeline() {
        try {
            Configuration engine = configAdmin.getConfiguration(Pipeline.PID, "?");
            Dictionary<String, Object> c = engine.getProperties();
            if (c != null) {
                c.put(Pipeline.CONFIG_RUNNING, false);
                engine.update(c);
            }
        } catch (IOException e) {
            err.println("scrim: could not stop the pipeline: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------ segment, eval

    private int segment(CommandLine cl) throws Exception {
        if (cl.get("out") == null) {
            throw new IllegalArgumentException("no output folder given: add --out DIR");
        }
        String model = model(cl.get("model") == null ? defaultModel() : cl.get("model"), false);
        new Evaluation(out).segment(segmenter(model), cl.arguments, Path.of(cl.get("out")));
        return 0;
    }

    private int eval(CommandLine cl) throws Exception {
        String model = model(cl.get("model") == null ? defaultModel() : cl.get("model"), false);
        Evaluation e = new Evaluation(out);
        if (cl.get("video") != null) {
            e.flicker(segmenter(model), model, Path.of(cl.get("video")), (int) cl.count("frames", 90), cl.number("noise", 3));
        } else if (cl.get("images") != null && cl.get("masks") != null) {
            Path images = Path.of(cl.get("images"));
            Path masks = Path.of(cl.get("masks"));
            for (Path dir : new Path[] {images, masks}) {
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("folder " + dir + " does not exist: check the path");
                }
            }
            e.images(segmenter(model), model, images, masks);
        } else {
            throw new IllegalArgumentException("give --images DIR --masks DIR (quality) or --video FILE (flicker)");
        }
        return 0;
    }

    /** The model used where none is named: the highest-ranked one that may be picked automatically. */
    private String defaultModel() {
        Part best = null;
        int bestRank = Integer.MIN_VALUE;
        for (Part p : pipeline.segmenters()) {
            Object rank = p.properties().getOrDefault("service.ranking", 0);
            int r = rank instanceof Integer i ? i : 0;
            if (!Boolean.FALSE.equals(p.properties().get(Segmenter.AUTO)) && (best == null || r > bestRank)) {
                best = p;
                bestRank = r;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no segmentation model is installed: install the model bundle (scrim.model.selfie) or give --model FILE.tflite");
        }
        return best.id();
    }

    private Segmenter segmenter(String name) {
        Segmenter s = segmenters.get(name);
        if (s == null) {
            throw new IllegalArgumentException("model '" + name + "' is not installed: installed models are " + names(pipeline.segmenters()));
        }
        return s;
    }

    /**
     * Resolves --model: an installed model's name, or a .tflite file (with options) that is
     * loaded now; returns the segmenter's name.
     */
    private String model(String spec, boolean tolerant) throws IOException, InterruptedException {
        int colon = spec.indexOf(':');
        String target = colon < 0 ? spec : spec.substring(0, colon);
        if (target.endsWith(".tflite") || target.contains("/")) {
            ModelLoader l = loader;
            if (l == null) {
                throw new IllegalArgumentException("model files need the TFLite bundle (scrim.segment.tflite), which is not installed");
            }
            Map<String, String> options = new LinkedHashMap<>();
            if (colon >= 0) {
                for (String o : spec.substring(colon + 1).split(",")) {
                    int eq = o.indexOf('=');
                    options.put(eq < 0 ? o.trim() : o.substring(0, eq).trim(), eq < 0 ? "" : o.substring(eq + 1).trim());
                }
            }
            String name = l.load(target, options);
            long deadline = System.currentTimeMillis() + APPEAR_MILLIS;
            while (!segmenters.containsKey(name) && System.currentTimeMillis() < deadline) {
                Thread.sleep(10); // the service registers synchronously; its binding here may lag
            }
            return name;
        }
        if (!tolerant && find(pipeline.segmenters(), spec) == null) {
            throw new IllegalArgumentException("model '" + spec + "' is not installed: installed models are " + names(pipeline.segmenters()));
        }
        return spec;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindLoader(ModelLoader l) {
        loader = l;
    }

    void unbindLoader(ModelLoader l) {
        if (loader == l) {
            loader = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindSegmenter(Segmenter s, Map<String, Object> props) {
        segmenters.put(String.valueOf(props.get(Segmenter.NAME)), s);
    }

    void unbindSegmenter(Segmenter s, Map<String, Object> props) {
        segmenters.remove(String.valueOf(props.get(Segmenter.NAME)), s);
    }

    // ------------------------------------------------------------ names to services

    /** Resolves --input to a source id, creating the file input if needed. */
    private String input(String input) throws IOException {
        if (find(pipeline.sources(), input) != null) {
            return input;
        }
        if (input.startsWith("/dev/")) {
            String why = Doctor.explainInput(Path.of(input));
            if (why != null) {
                throw new IllegalArgumentException(why);
            }
            return input; // a camera the watcher has not registered yet: awaitSource waits for it
        }
        boolean sequence = input.contains("%");
        Path path = Path.of(input).toAbsolutePath().normalize();
        if (!sequence && !Files.exists(path)) {
            throw new IllegalArgumentException("input '" + input + "' does not exist: give 'pattern', a PNG/JPEG picture, a video file,"
                    + " or one of the installed inputs (" + names(pipeline.sources()) + ")");
        }
        if (!sequence && Files.isDirectory(path)) {
            throw new IllegalArgumentException("input '" + input + "' is a folder: give a picture or video file inside it");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean picture = !sequence && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
        String id = sequence ? input : path.toString();
        if (find(pipeline.sources(), id) == null) {
            Configuration c = configAdmin.createFactoryConfiguration(picture ? "scrim.source.image" : "scrim.source.video", "?");
            Hashtable<String, Object> p = new Hashtable<>();
            p.put(FrameSource.ID, id);
            p.put("file", sequence ? input : path.toString());
            p.put(FrameSource.LABEL, (picture ? "Picture " : "Video ") + path.getFileName());
            c.update(p);
        }
        return id;
    }

    /** Waits for the input to appear and returns the formats it offers (or why it cannot be read). */
    private List<VideoFormat> awaitSource(String id) throws InterruptedException, IOException {
        long deadline = System.currentTimeMillis() + APPEAR_MILLIS;
        while (find(pipeline.sources(), id) == null) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("input '" + id + "' did not appear; is the media input bundle (scrim.source.media) installed? Try scrim list");
            }
            Thread.sleep(10);
        }
        return pipeline.formats(id);
    }

    /** Resolves --output to a sink id, creating the file output if needed. */
    private String output(String output) throws IOException, InterruptedException {
        if (find(pipeline.sinks(), output) != null) {
            return output;
        }
        if (output.startsWith("/dev/")) {
            String why = Doctor.explainOutput(Path.of(output));
            if (why != null) {
                throw new IllegalArgumentException(why);
            }
            return awaitSink(output);
        }
        Path path = Path.of(output).toAbsolutePath().normalize();
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".y4m")) {
            throw new IllegalArgumentException("output '" + output + "' is not a .y4m file: Scrim writes YUV4MPEG2 files, name it for example out.y4m");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("output " + path + " is a folder: give a file name, for example " + path.resolve("out.y4m"));
        }
        Path dir = path.getParent();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output folder " + dir + " does not exist: create it or choose another path");
        }
        if (!Files.isWritable(dir) || Files.exists(path) && !Files.isWritable(path)) {
            throw new IllegalArgumentException("output " + path + " cannot be written (permission denied): choose a folder you may write to");
        }
        String id = path.toString();
        Configuration c = configAdmin.createFactoryConfiguration("scrim.sink.file", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(FrameSink.ID, id);
        p.put("file", id);
        p.put(FrameSink.LABEL, "File " + path.getFileName());
        c.update(p);
        return awaitSink(id);
    }

    private String awaitSink(String id) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + APPEAR_MILLIS;
        while (find(pipeline.sinks(), id) == null) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("output '" + id + "' did not appear; are the output bundles installed? Try scrim list");
            }
            Thread.sleep(10);
        }
        return id;
    }

    /** The first installed part of a kind ({@code camera}, {@code loopback}), or null. */
    private static String first(List<Part> parts, String kind) {
        for (Part p : parts) {
            if (kind.equals(p.properties().get(FrameSource.KIND)) || kind.equals(p.properties().get(FrameSink.KIND))) {
                return p.id();
            }
        }
        return null;
    }

    /**
     * Checks an --effect NAME[:key=value,...] and adds its settings, by PID, to those to apply;
     * returns the name.
     */
    private String effect(String spec, boolean tolerant, Map<String, Map<String, String>> toApply) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        if (name.isBlank()) {
            throw new IllegalArgumentException("--effect '" + spec + "' has no effect name: use --effect NAME or --effect NAME:key=value");
        }
        Part effect = find(pipeline.effects(), name);
        if (effect == null && !tolerant) {
            throw new IllegalArgumentException("effect '" + name + "' is not installed: installed effects are " + names(pipeline.effects()));
        }
        if (colon >= 0 && colon < spec.length() - 1) {
            if (effect == null) {
                throw new IllegalArgumentException("effect '" + name + "' is not installed yet, so its settings cannot be checked: give it without settings");
            }
            String pid = String.valueOf(effect.properties().get("component.name"));
            Map<String, String> values = toApply.computeIfAbsent(pid, k -> new LinkedHashMap<>());
            for (String pair : spec.substring(colon + 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("effect setting '" + pair + "' is not key=value: use for example --effect " + name + ":key=value");
                }
                values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            try {
                settings.check(pid, values);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--effect " + name + ": " + e.getMessage().replace(" for " + pid, "")
                        + " (see scrim list)");
            }
        }
        return name;
    }

    // ------------------------------------------------------------ the installed parts

    private static Part find(List<Part> parts, String id) {
        for (Part p : parts) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }

    private static String names(List<Part> parts) {
        return parts.isEmpty() ? "none" : parts.stream().map(Part::id).collect(Collectors.joining(", "));
    }
}
