package scrim.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
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
import scrim.api.ModelLoader;
import scrim.api.Pipeline;
import scrim.api.Segmenter;
import scrim.api.Settings;
import scrim.v4l2.Doctor;

/**
 * Runs the command the launcher was given, on its own thread, and hands the exit status back.
 * Each command is a class of its own; this component holds the services they use.
 */
@Component(immediate = true)
public final class CliComponent {

    /** Framework property set by the launcher for the session's one instance: where to answer other scrims. */
    static final String INSTANCE_SOCKET = "scrim.instance.socket";

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

    private final Models models = new Models();
    private Thread thread;
    private ServiceTracker<ControlWindow, ControlWindow> windows;
    /** The command this process runs (the launcher puts it first). */
    private List<String> args;
    /** The session's control socket, open when this process is its one instance (window, start); else null. */
    private InstanceServer instance;
    private PluginFolders plugins;

    @Activate
    void activate(BundleContext context) {
        windows = new ServiceTracker<>(context, ControlWindow.class, null);
        windows.open();
        args = launcherArgs.get();
        plugins = PluginFolders.of(context);
        String socket = context.getProperty(INSTANCE_SOCKET);
        if (socket != null) {
            try {
                instance = InstanceServer.open(Path.of(socket), this::answer);
            } catch (IOException e) {
                System.err.println("scrim: " + e.getMessage());
            }
        }
        thread = new Thread(this::main, "scrim-cli");
        thread.start();
    }

    @Deactivate
    void deactivate() {
        if (instance != null) {
            instance.close();
        }
        thread.interrupt();
        windows.close();
    }

    /** A request of another scrim over the control socket. */
    private String answer(String request) {
        long pid = ProcessHandle.current().pid();
        switch (request) {
            case "status":
                return StatusReport.of(pipeline.status(), pid, System.currentTimeMillis());
            case "show":
                if (!"window".equals(args.get(0))) {
                    return "headless " + pid + "\n";
                }
                ControlWindow w = windows.getService();
                if (w == null) {
                    return "starting " + pid + "\n"; // WindowCommand opens it once the UI bundle offers it
                }
                w.show();
                return "shown " + pid + "\n";
            default:
                return "error unknown request '" + request + "': ask show or status\n";
        }
    }

    private void main() {
        int status;
        try {
            status = execute(CommandLine.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("scrim: " + e.getMessage());
            status = Command.USAGE;
        } catch (InterruptedException e) {
            return; // the framework is stopping (Ctrl-C)
        } catch (IOException e) {
            System.err.println("scrim: " + e.getMessage());
            status = Command.FAILED;
        } catch (Exception e) {
            StackTraceElement[] at = e.getStackTrace();
            System.err.println("scrim: internal error: " + e + (at.length > 0 ? " at " + at[0] : "") + "; please report it");
            status = Command.FAILED;
        }
        if (status != Command.WINDOW_OPEN) {
            launcherExit.accept(status);
        }
    }

    private int execute(CommandLine cl) throws Exception {
        Cli cli = new Cli(configAdmin, pipeline, settings, models, System.out, System.err);
        Command command = switch (cl.command) {
            case "list" -> c -> {
                int status = new ListCommand(cli).run(c);
                plugins.list(cli.out());
                return status;
            };
            case "run", "start" -> new RunCommand(cli);
            case "window" -> new WindowCommand(cli, windows, launcherExit);
            case "bench" -> new BenchCommand(cli);
            case "doctor" -> c -> {
                plugins.doctor(cli.out());
                int loopback = Doctor.check(cli.out());
                // either virtual camera will do: a PipeWire camera needs no kernel module
                if (!PipeWireDoctor.check(cli.out(), cli.pipeline().sinks())) {
                    return loopback;
                }
                if (loopback != 0) {
                    cli.out().println("Without v4l2loopback, the PipeWire camera works now: scrim run --output pipewire");
                }
                return 0;
            };
            case "segment" -> new SegmentCommand(cli);
            case "eval" -> new EvalCommand(cli);
            default -> c -> {
                cli.out().print(CommandLine.help());
                return 0;
            };
        };
        return command.run(cl);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindLoader(ModelLoader l) {
        models.bindLoader(l);
    }

    void unbindLoader(ModelLoader l) {
        models.unbindLoader(l);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindSegmenter(Segmenter s, Map<String, Object> props) {
        models.bindSegmenter(s, props);
    }

    void unbindSegmenter(Segmenter s, Map<String, Object> props) {
        models.unbindSegmenter(s, props);
    }
}
