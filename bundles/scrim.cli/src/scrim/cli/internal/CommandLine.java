package scrim.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /** Options taking a value; the rest are flags. */
    private static final Set<String> VALUED = Set.of("input", "output", "size", "fps", "effect", "model", "frames", "out", "images",
            "masks", "video", "noise", "idle");
    /** Options that may repeat: a chain of effects, several outputs of one pipeline. */
    private static final Set<String> REPEATABLE = Set.of("effect", "output");
    /** Commands that take plain arguments (file names) besides options. */
    private static final Set<String> POSITIONAL = Set.of("segment");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "run", Set.of("input", "output", "size", "fps", "effect", "model", "mirror", "frames", "wait-for-plugins", "ondemand", "no-ondemand"),
            "start", Set.of("input", "output", "size", "fps", "effect", "model", "mirror", "wait-for-plugins", "ondemand", "no-ondemand"),
            "window", Set.of("input", "output", "size", "fps", "effect", "model", "mirror", "wait-for-plugins", "ondemand", "no-ondemand", "background"),
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
            throw new IllegalArgumentException("unknown command '" + command + "': use one of run, bench, list, start, window, segment, eval, doctor, status (see scrim --help)");
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
                if (!REPEATABLE.contains(name) && options.containsKey(name)) {
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

    /**
     * The help, from help.txt beside this class: the one copy, which the launcher also reads
     * from this bundle's jar to answer --help without starting the framework.
     */
    static String help() throws IOException {
        try (InputStream in = CommandLine.class.getResourceAsStream("help.txt")) {
            if (in == null) {
                throw new IOException("the scrim.cli bundle has no help.txt; rebuild the distribution with ./mvnw -B install");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
