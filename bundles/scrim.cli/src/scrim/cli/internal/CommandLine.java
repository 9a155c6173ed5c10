package scrim.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line: a command and its options. Knows which options each command takes,
 * so a typo is an error that lists the valid ones.
 */
final class CommandLine {

    static final Set<String> COMMANDS = Set.of("run", "bench", "list", "start", "window", "segment", "eval", "doctor", "help");

    /** Options taking a value; the rest are flags. --effect may repeat. */
    private static final Set<String> VALUED = Set.of("input", "output", "size", "fps", "effect", "model", "frames", "out", "images",
            "masks", "video", "noise", "idle");
    /** Commands that take plain arguments (file names) besides options. */
    private static final Set<String> POSITIONAL = Set.of("segment");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "run", Set.of("input", "output", "size", "fps", "effect", "model", "mirror", "frames", "wait-for-plugins", "ondemand", "no-ondemand"),
            "start", Set.of("input", "output", "size", "fps", "effect", "model", "mirror", "wait-for-plugins", "ondemand", "no-ondemand"),
            "window", Set.of("input", "output", "size", "fps", "effect", "model", "mirror", "wait-for-plugins", "ondemand", "no-ondemand"),
            "bench", Set.of("input", "output", "size", "fps", "effect", "model", "mirror", "frames", "realtime", "idle"),
            "list", Set.of(),
            "doctor", Set.of(),
            "segment", Set.of("model", "out"),
            "eval", Set.of("model", "images", "masks", "video", "frames", "noise"),
            "help", Set.of());

    final String command;
    private final Map<String, List<String>> options;
    /** Plain arguments, for commands that take them. */
    final List<String> arguments;

    private CommandLine(String command, Map<String, List<String>> options, List<String> arguments) {
        this.command = command;
        this.options = options;
        this.arguments = arguments;
    }

    /**
     * Parses the arguments as the launcher hands them over: the command first (the launcher
     * decides which one a start without a command is), then its options.
     */
    static CommandLine parse(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        String command = rest.isEmpty() ? "help" : rest.remove(0);
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("unknown command '" + command + "': use one of run, bench, list, start, window, segment, eval, doctor (see scrim --help)");
        }
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new CommandLine("help", Map.of(), List.of());
            }
            if (!arg.startsWith("-") && POSITIONAL.contains(command)) {
                arguments.add(arg);
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': options start with -- (see scrim --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Set<String> allowed = ALLOWED.get(command);
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("scrim " + command + " has no option --" + name
                        + (allowed.isEmpty() ? "" : ": valid options are --" + String.join(", --", new java.util.TreeSet<>(allowed))));
            }
            if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                        throw new IllegalArgumentException("option --" + name + " needs a value (see scrim --help)");
                    }
                    value = rest.get(++i);
                }
                if (!name.equals("effect") && options.containsKey(name)) {
                    throw new IllegalArgumentException("option --" + name + " is given twice; give it once");
                }
            } else if (value != null) {
                throw new IllegalArgumentException("option --" + name + " takes no value");
            } else {
                value = "true";
            }
            options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new CommandLine(command, options, arguments);
    }

    String get(String name) {
        List<String> v = options.get(name);
        return v == null ? null : v.get(0);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    /** A non-negative number option, or the default. */
    double number(String name, double fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= 0 && d <= 255) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " '" + v + "' is not a number from 0 to 255: use for example --" + name + " 4");
    }

    /** A positive whole number option, or the default. */
    long count(String name, long fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " '" + v + "' is not a positive whole number: use for example --" + name + " 300");
    }

    static final String HELP = String.join("\n",
            "Scrim: a virtual webcam that finds you in the picture and replaces the background.",
            "",
            "Usage:",
            "  scrim run   --input IN --output FILE.y4m [--size WxH] [--fps N] [--effect NAME[:K=V,...]]...",
            "              [--model NAME] [--mirror] [--frames N] [--wait-for-plugins]",
            "      Runs headless until N frames are written or Ctrl-C, then exits.",
            "  scrim bench --input IN [--size WxH] [--frames N] [--model NAME] [--effect E]... [--output FILE.y4m]",
            "              [--realtime [--fps N]]",
            "      Processes N frames (default 300) as fast as possible, or with --realtime paced at",
            "      --fps like run, and prints milliseconds per stage (capture, segment, refine, compose",
            "      with each effect, sink), frames per second, CPU milliseconds per frame, peak memory,",
            "      each output's latency (capture to the end of its write: median, 99th percentile) and",
            "      the memory allocated per frame, then one JSON line with those figures.",
            "  scrim bench --idle SECONDS --input IN [--size WxH] [--effect E]...",
            "      With no output and on demand: CPU milliseconds per second and resident memory while",
            "      idle over SECONDS, then the time until a preview that appears gets its first",
            "      processed frame; then one JSON line with those figures.",
            "  scrim list",
            "      Shows the installed inputs, models, effects (with their settings) and outputs.",
            "  scrim doctor",
            "      Checks the virtual camera setup (v4l2loopback loaded, permissions, which device is",
            "      a camera and which a loopback output, Secure Boot) and says how to fix each problem.",
            "  scrim segment [--model M] PICTURE... --out DIR",
            "      Writes one PNG mask per picture into DIR (white = person, same size as the picture).",
            "  scrim eval [--model M] --images DIR --masks DIR",
            "      Compares the masks Scrim makes for the pictures in DIR with the true masks of the same",
            "      base name (a smaller mask is scaled to its picture): mean and 10th-percentile IoU",
            "      and milliseconds per picture, then one JSON line with those figures.",
            "  scrim eval [--model M] --video VIDEO|PICTURE [--frames N] [--noise SIGMA]",
            "      Flicker: the mean change of the mask between consecutive frames, with the",
            "      configured smoothing and without. A PICTURE is repeated N times (default 90) with",
            "      camera-like noise of SIGMA grey levels (default 3).",
            "  scrim [window] [--input IN] [--output OUT] [options as for run]",
            "      Opens the control application (preview, devices, effects, models, plugins) on the",
            "      saved setup, changed by any options given. What 'scrim' does when a display is set.",
            "  scrim start [--input IN] [--output FILE.y4m] [options as for run]",
            "      Resumes the saved setup (changed by any options given, and saved again) and runs",
            "      headless until Ctrl-C. What 'scrim' with options does without a display.",
            "  scrim --help",
            "",
            "Options:",
            "  --input IN        a camera (/dev/videoN; default: the first camera), 'pattern' (a moving",
            "                    test scene), a PNG/JPEG picture (repeated at the output rate), a",
            "                    video file (Motion-JPEG AVI, or a numbered picture",
            "                    sequence like shots/%04d.png), or the id of any installed input",
            "  --output OUT      a v4l2loopback device (/dev/videoN; default: the first one), the virtual",
            "                    camera that call apps open; or a .y4m file (YUV4MPEG2, planar 4:2:2),",
            "                    written as FILE.part and renamed when complete",
            "  --size WxH        working size, e.g. 1280x720 (default: the input's own size)",
            "  --fps N           output frame rate, e.g. 30 or 30000/1001 (default 30)",
            "  --effect E        a background effect by name, optionally with settings:",
            "                    --effect NAME:key=value,key=value; repeat to chain effects in order,",
            "                    e.g. --effect image:file=beach.jpg,fit=cover --effect lightwrap:strength=0.4",
            "                    Effects: blur, image, color, video, lightwrap, dim, pixelate and any",
            "                    installed plugin; scrim list shows each one's settings and ranges",
            "  --model M         a segmentation model by name (see scrim list; default: landscape), or",
            "                    a .tflite file: FILE.tflite[:range=MIN..MAX,person=N,logits] (input",
            "                    range default 0..1; person class of multi-class models, default 1",
            "                    for two classes, 15 for more); 'scene' is the test pattern's exact mask",
            "  --mirror          flip left and right",
            "  --frames N        stop after N frames (run: no limit by default; bench: 300)",
            "  --ondemand, --no-ondemand  (run, start, window) close the camera and stop the model while no",
            "                    app reads the virtual camera and no preview is visible (default on;",
            "                    saved by start and window); off keeps the camera running",
            "  --wait-for-plugins  accept effects and models that are not installed yet: frames pass",
            "                    through until their bundle is dropped into the load folder",
            "",
            "Plugins: bundles dropped into the load folder ($XDG_DATA_HOME/scrim/load, by default",
            "~/.local/share/scrim/load) are installed while Scrim runs; removing them uninstalls them.",
            "Exit status: 0 done, 1 a failure while running, 2 a bad command line or setting;",
            "stopped by Ctrl-C or SIGTERM, 130 or 143 (the output is complete).");
}
