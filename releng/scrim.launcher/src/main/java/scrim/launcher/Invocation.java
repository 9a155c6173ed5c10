package scrim.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which command a start is, decided once, here: the launcher needs it to choose the
 * configuration store before the framework starts, and hands the arguments to the command line
 * bundle with the command always first, so that bundle parses options and never guesses the
 * command again.
 *
 * @param command   the command ({@code window}, {@code start}, {@code run}, ...); unknown ones are
 *                  passed on for the command line bundle to refuse
 * @param arguments the arguments for the command line bundle, the command first
 */
record Invocation(String command, List<String> arguments) {

    /** Commands that resume and change the saved setup; every other one runs on a throw-away store. */
    private static final Set<String> SAVING = Set.of("start", "window");

    /**
     * Without a command: the control window when there is a display or {@code --background} asks
     * for the tray; otherwise {@code start} when options are given, and the help when nothing is.
     * {@code --version} is a command of its own.
     */
    static Invocation of(List<String> args, boolean display) {
        List<String> all = new ArrayList<>(args);
        String command;
        if (!all.isEmpty() && !all.get(0).startsWith("-")) {
            command = all.get(0);
        } else {
            command = asksForHelp(all) ? "help" : all.contains("--version") ? "version"
                    : display || all.contains("--background") ? "window" : all.isEmpty() ? "help" : "start";
            all.add(0, command);
        }
        return new Invocation(command, List.copyOf(all));
    }

    /**
     * Whether this start uses (and may change) the saved setup and owns the devices: the one
     * instance of the session.
     */
    boolean savesSetup() {
        return SAVING.contains(command) && !asksForHelp(arguments);
    }

    /** Whether this start only prints the help (for any command), which the launcher answers itself. */
    boolean asksForHelp() {
        return command.equals("help") || asksForHelp(arguments);
    }

    /** Whether an X11 or Wayland display is set, so a window can be shown. */
    static boolean hasDisplay() {
        return !System.getenv().getOrDefault("DISPLAY", "").isEmpty() || !System.getenv().getOrDefault("WAYLAND_DISPLAY", "").isEmpty();
    }

    private static boolean asksForHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }
}
