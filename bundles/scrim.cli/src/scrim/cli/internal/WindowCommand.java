package scrim.cli.internal;

import java.io.IOException;
import java.util.Set;
import java.util.function.IntConsumer;

import org.osgi.util.tracker.ServiceTracker;

import scrim.api.ControlWindow;
import scrim.api.PipelineStatus;

/**
 * {@code window}: presets the saved setup from the options, as start does, and opens the control
 * window; a preset that cannot apply (no camera yet) is reported and the window opens anyway.
 * {@code --background} starts in the tray with the window hidden.
 */
final class WindowCommand implements Command {

    private static final long APPEAR_MILLIS = 10_000;

    private final Cli cli;
    private final ServiceTracker<ControlWindow, ControlWindow> windows;
    private final IntConsumer exit;

    WindowCommand(Cli cli, ServiceTracker<ControlWindow, ControlWindow> windows, IntConsumer exit) {
        this.cli = cli;
        this.windows = windows;
        this.exit = exit;
    }

    @Override
    public int run(CommandLine cl) throws Exception {
        try {
            new PipelineSetup(cli).apply(cl);
        } catch (IllegalArgumentException | IOException e) {
            cli.err().println("scrim: " + e.getMessage());
        }
        ControlWindow w = windows.waitForService(APPEAR_MILLIS);
        if (w == null) {
            cli.err().println("scrim: the control application (bundle scrim.ui) is not installed: running headless until Ctrl-C");
            PipelineStatus s = cli.pipeline().status();
            return new RunWatch(cli, Set.copyOf(s.sinks()), s.source() == null ? "" : s.source()).follow();
        }
        w.open(!cl.flag("background"), () -> exit.accept(0));
        return WINDOW_OPEN;
    }
}
