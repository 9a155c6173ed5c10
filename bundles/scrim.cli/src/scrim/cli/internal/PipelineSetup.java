package scrim.cli.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.cm.Configuration;

import scrim.api.Pipeline;
import scrim.api.VideoFormat;
import scrim.v4l2.Doctor;

/**
 * Assembles the engine's configuration from a run, start, window or bench command line and
 * applies it in one ConfigAdmin update. {@code start} and {@code window} begin from the saved
 * setup and change only what the options name; run and bench begin from nothing.
 */
final class PipelineSetup {

    /** What was applied: the input and outputs the command follows, and its frame limit. */
    record Applied(String source, Set<String> outputs, long frames) {
    }

    /** The test scene's input id. */
    private static final String TEST_SCENE = "pattern";
    /**
     * In the engine's saved setup: the input was chosen because there was no camera, so the window
     * may switch to a camera when one appears (the window's FirstRun reads the same key).
     */
    static final String SOURCE_AUTOMATIC = "source.automatic";

    private final Cli cli;
    private final PartResolver parts;

    PipelineSetup(Cli cli) {
        this.cli = cli;
        this.parts = new PartResolver(cli);
    }

    Applied apply(CommandLine cl) throws Exception {
        boolean bench = cl.command.equals("bench");
        boolean idleBench = bench && cl.flag("idle"); // measures idle and waking: real time, no frame limit
        boolean start = cl.command.equals("start") || cl.command.equals("window");
        boolean tolerant = cl.flag("wait-for-plugins");
        Configuration engine = cli.configAdmin().getConfiguration(Pipeline.PID, "?");
        Dictionary<String, Object> saved = engine.getProperties();
        Dictionary<String, Object> config = saved == null || !start ? new Hashtable<>() : saved;

        String input = cl.get("input");
        String sourceId = input != null ? parts.input(input) : start && config.get(Pipeline.CONFIG_SOURCE) != null
                ? (String) config.get(Pipeline.CONFIG_SOURCE) : null;
        if (sourceId == null) {
            sourceId = Parts.first(cli.pipeline().sources(), "camera");
        }
        if (input != null) {
            config.remove(SOURCE_AUTOMATIC); // chosen by hand: the window never replaces it
        }
        if (sourceId == null && cl.command.equals("window")) {
            // a first run with no camera: the window shows the test scene, and takes a camera once one is plugged in
            sourceId = TEST_SCENE;
            config.put(SOURCE_AUTOMATIC, true);
            cli.err().println("scrim: no camera found: showing a test scene until one is plugged in");
        }
        if (sourceId == null) {
            throw new IllegalArgumentException("no input given and no camera found: add --input /dev/videoN, --input pattern or --input PICTURE.jpg (see scrim doctor)");
        }
        List<VideoFormat> offered = parts.awaitSource(sourceId);

        List<String> outputs = new ArrayList<>();
        if (cl.get("output") != null) {
            for (String output : cl.all("output")) {
                String id = parts.output(output);
                if (outputs.contains(id)) {
                    throw new IllegalArgumentException("--output " + output + " is given twice; give each output once");
                }
                outputs.add(id);
            }
        } else if (!bench && !start) {
            String camera = Parts.first(cli.pipeline().sinks(), "loopback");
            if (camera == null && PipeWireDoctor.reachable(cli.pipeline().sinks())) {
                camera = PipeWireDoctor.OUTPUT;
                cli.err().println("scrim: no v4l2loopback device: publishing the PipeWire camera \"Scrim\" instead");
            }
            if (camera == null) {
                throw new IllegalArgumentException("no output given and no v4l2loopback device found: load it with " + Doctor.MODPROBE
                        + ", or start PipeWire and add --output pipewire, or add --output FILE.y4m");
            }
            outputs.add(camera);
        } else if (start && config.get(Pipeline.CONFIG_SINKS) instanceof String[] savedSinks) {
            outputs.addAll(List.of(savedSinks));
        }

        String model = cl.get("model") == null ? null : cli.models().resolve(cli.pipeline(), cl.get("model"), tolerant);
        List<String> chain = new ArrayList<>();
        Map<String, Map<String, String>> effectSettings = new LinkedHashMap<>();
        for (String spec : cl.all("effect")) {
            chain.add(parts.effect(spec, tolerant, effectSettings));
        }
        for (Map.Entry<String, Map<String, String>> e : effectSettings.entrySet()) {
            cli.settings().update(e.getKey(), e.getValue()); // all were checked first, so a bad one changes nothing
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
        long frames = cl.count("frames", bench && !idleBench ? 300 : 0);

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
        config.put(Pipeline.CONFIG_REALTIME, !bench || idleBench || cl.flag("realtime"));
        if (cl.flag("ondemand") && cl.flag("no-ondemand")) {
            throw new IllegalArgumentException("--ondemand and --no-ondemand contradict each other: give one of them");
        }
        if (bench && !idleBench || cl.flag("no-ondemand")) {
            config.put(Pipeline.CONFIG_ONDEMAND, false); // bench measures processing: it never idles (but bench --idle)
        } else if (cl.flag("ondemand") || !start) {
            config.put(Pipeline.CONFIG_ONDEMAND, true);
        }
        config.put(Pipeline.CONFIG_FRAME_LIMIT, start ? 0L : frames);
        config.put(Pipeline.CONFIG_RUNNING, true);
        engine.update(config);
        return new Applied(sourceId, Set.copyOf(outputs), frames);
    }
}
