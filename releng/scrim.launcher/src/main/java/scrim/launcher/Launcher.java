package scrim.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts Apache Felix with every bundle of the distribution and the system folder's plugins,
 * lets FileInstall watch the drop-in load folder, and hands the command line to the scrim.cli
 * bundle, which reports the exit status back through a service.
 */
public final class Launcher {

    private static final String CLI = "scrim.cli";
    private static final String ENGINE = "scrim.engine";
    private static final String CONFIG_ADMIN = "org.apache.felix.configadmin";
    /**
     * Started before the rest: Declarative Services, then the UI, whose display connection (GTK's
     * start-up, about 0.25 s) then overlaps the start of the engine and plugins when a window opens.
     */
    private static final List<String> FIRST = List.of("org.apache.felix.scr", "scrim.ui");
    /** Framework property telling the UI bundle that this start opens the window. */
    private static final String WINDOW = "scrim.window";
    /** How long the command line bundle may take to start (its services to appear); SCRIM_START_SECONDS overrides. */
    private static final int START_SECONDS = 60;
    /** Framework property: the control socket the running instance answers on (scrim.cli opens it). */
    private static final String INSTANCE_SOCKET = "scrim.instance.socket";
    /** Framework properties: the system plugin folder, and its jars that the user's copies override (path-separated). */
    private static final String SYSTEM_PLUGINS = "scrim.plugins.dir";
    private static final String OVERRIDDEN_PLUGINS = "scrim.plugins.overridden";
    private static final int NEEDS_FRAMEWORK = -1;

    private final Framework framework;
    private final FrameworkStorage storage;
    private final SavedSetup setup;
    /** The session's instance lock, for window and start; null for the commands that run side by side. */
    private final InstanceLock instance;
    private final PluginFolders plugins;

    private Launcher(Framework framework, FrameworkStorage storage, SavedSetup setup, InstanceLock instance, PluginFolders plugins) {
        this.framework = framework;
        this.storage = storage;
        this.setup = setup;
        this.instance = instance;
        this.plugins = plugins;
    }

    public static void main(String[] args) {
        int status;
        try {
            Invocation invocation = Invocation.of(List.of(args), Invocation.hasDisplay());
            Path home = Path.of(System.getProperty("scrim.home", ".")).toAbsolutePath();
            status = answerWithoutFramework(invocation, home);
            if (status == NEEDS_FRAMEWORK) {
                status = run(invocation, home);
            }
        } catch (Exception e) {
            System.err.println("scrim: cannot start: " + e);
            status = 1;
        }
        System.exit(status); // stops the framework through the shutdown hook
    }

    /**
     * The commands that must feel instant (help, version, status), answered without starting a
     * framework; {@link #NEEDS_FRAMEWORK} for the rest.
     */
    private static int answerWithoutFramework(Invocation invocation, Path home) throws IOException, InterruptedException {
        if (invocation.asksForHelp()) {
            System.out.print(About.help(home));
            return 0;
        }
        switch (invocation.command()) {
            case "version" -> {
                System.out.println(About.version(home));
                return 0;
            }
            case "status" -> {
                if (invocation.arguments().size() > 1) {
                    System.err.println("scrim: scrim status takes no options (see scrim --help)");
                    return 2;
                }
                return RunningInstance.status(InstanceLock.sessionDir(System.getenv("XDG_RUNTIME_DIR")), System.out);
            }
            default -> {
                return NEEDS_FRAMEWORK;
            }
        }
    }

    private static int run(Invocation invocation, Path home) throws Exception {
        // the session's one instance (window, start) takes the lock before any framework; a second one
        // hands over to it and ends here
        InstanceLock instance = null;
        if (invocation.savesSetup()) {
            Path session = InstanceLock.sessionDir(System.getenv("XDG_RUNTIME_DIR"));
            while ((instance = InstanceLock.tryTake(session)) == null) {
                Integer handedOver = RunningInstance.show(session, System.out, System.err);
                if (handedOver != null) {
                    return handedOver;
                }
            }
        }
        Path config = xdg("XDG_CONFIG_HOME", ".config").resolve("scrim");
        Path load = Path.of(env("SCRIM_LOAD_DIR", xdg("XDG_DATA_HOME", ".local/share").resolve("scrim/load").toString()));
        Path cache = xdg("XDG_CACHE_HOME", ".cache").resolve("scrim");
        Files.createDirectories(load);
        Files.createDirectories(cache);
        PluginFolders plugins = PluginFolders.scan(load, Path.of(env("SCRIM_SYSTEM_PLUGINS", PluginFolders.SYSTEM_DEFAULT)), System.err);

        FrameworkStorage storage = FrameworkStorage.create(cache);
        SavedSetup setup = null;
        Path settings;
        try {
            if (invocation.savesSetup()) {
                setup = SavedSetup.open(config, storage.dir, System.err);
                settings = setup.store();
            } else {
                settings = Files.createDirectories(storage.dir.resolve("config")); // a throw-away store
            }
        } catch (SavedSetup.InUseException e) {
            System.err.println("scrim: " + e.getMessage());
            storage.close();
            if (instance != null) {
                instance.close();
            }
            return 1;
        }

        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.bundles().toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("felix.cm.dir", settings.toString());
        props.put("felix.fileinstall.dir", load.toString());
        props.put("felix.fileinstall.filter", ".*\\.jar");
        props.put("felix.fileinstall.poll", "500");
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.bundles.new.start", "true");
        props.put("felix.fileinstall.log.level", "1");
        props.put("felix.log.level", "1");
        props.put("scrim.load.dir", load.toString());
        props.put(SYSTEM_PLUGINS, plugins.system.toString());
        props.put(OVERRIDDEN_PLUGINS, plugins.overridden.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        if ("window".equals(invocation.command())) {
            props.put(WINDOW, "true"); // the UI bundle connects to the display while the rest start
        }
        if (instance != null) {
            props.put(INSTANCE_SOCKET, instance.socket().toString());
        }

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        Launcher launcher = new Launcher(factory.newFramework(props), storage, setup, instance, plugins);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "scrim-shutdown"));
        return launcher.launch(invocation, home);
    }

    private int launch(Invocation invocation, Path home) throws Exception {
        framework.init();
        BundleContext context = framework.getBundleContext();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        CountDownLatch taken = new CountDownLatch(1);
        context.registerService(Supplier.class, (Supplier<List<String>>) () -> {
            taken.countDown();
            return invocation.arguments();
        }, properties("scrim.launcher", "args"));
        context.registerService(IntConsumer.class, (IntConsumer) exit::complete, properties("scrim.launcher", "exit"));
        framework.start();

        Bundle cli = null;
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(home.resolve("bundles"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                // by reference: the framework reads the jar where it is instead of copying it into its storage
                installed.add(context.installBundle("reference:" + jar.toUri()));
            }
        }
        installed.addAll(plugins.installSystemPlugins(context, System.err));
        if (setup != null) {
            setup.setAsideDamaged(configReader(installed), System.err);
        }
        List<Bundle> order = new ArrayList<>(installed);
        order.sort(Comparator.comparingInt(b -> {
            int i = FIRST.indexOf(b.getSymbolicName());
            return i < 0 ? FIRST.size() : i;
        }));
        for (Bundle b : order) {
            if (CLI.equals(b.getSymbolicName())) {
                cli = b;
            } else if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                start(b);
            }
        }
        awaitPlugins(context, plugins.load);
        if (cli == null) {
            System.err.println("scrim: the distribution in " + home + " has no " + CLI + " bundle; rebuild it with ./mvnw -B install");
            return 1;
        }
        start(cli);
        int seconds = Integer.parseInt(env("SCRIM_START_SECONDS", String.valueOf(START_SECONDS)));
        if (!taken.await(seconds, TimeUnit.SECONDS)) {
            System.err.println("scrim: the command line did not start within " + seconds + " s: " + ComponentDiagnosis.explain(context, cli)
                    + ". The distribution in " + home + " is incomplete or a plugin in " + plugins.load + " or " + plugins.system + " breaks it: rebuild it with"
                    + " ./mvnw -B install, or remove the plugin");
            return 1;
        }
        return exit.get();
    }

    /** ConfigAdmin's own file parser, from its installed (not yet started) bundle. */
    @SuppressWarnings("unchecked")
    private static SavedSetup.Reader configReader(List<Bundle> installed) throws IOException {
        Bundle configAdmin = installed.stream().filter(b -> CONFIG_ADMIN.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new IOException("the distribution has no " + CONFIG_ADMIN + " bundle; rebuild it with ./mvnw -B install"));
        try {
            Method read = configAdmin.loadClass("org.apache.felix.cm.file.ConfigurationHandler").getMethod("read", InputStream.class);
            return in -> {
                try {
                    return (Dictionary<String, ?>) read.invoke(null, in);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IOException(e);
                }
            };
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IOException(CONFIG_ADMIN + " has no file parser (" + e + "); rebuild the distribution with ./mvnw -B install", e);
        }
    }

    /** Waits (briefly) until FileInstall has installed the jars already in the load folder. */
    private static void awaitPlugins(BundleContext context, Path load) throws IOException, InterruptedException {
        List<String> names;
        try (Stream<Path> jars = Files.list(load)) {
            names = jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String name : names) {
            while (Arrays.stream(context.getBundles()).noneMatch(b -> b.getLocation().endsWith("/" + name)
                    && (b.getState() & (Bundle.ACTIVE | Bundle.RESOLVED)) != 0)) {
                if (System.nanoTime() > deadline) {
                    System.err.println("scrim: plugin " + load.resolve(name) + " did not install; is it an OSGi bundle built for Scrim?");
                    break;
                }
                Thread.sleep(20);
            }
        }
    }

    private static void start(Bundle b) {
        try {
            b.start();
        } catch (BundleException e) {
            System.err.println("scrim: bundle " + b.getSymbolicName() + " could not start: " + e.getMessage());
        }
    }

    /** Stops the framework, then gives up the saved setup and removes the storage; runs once, at exit. */
    private synchronized void stop() {
        try {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                // The command line first, then the engine, which completes its outputs while
                // the sources and sinks it uses are all still there.
                for (String first : new String[] {CLI, ENGINE}) {
                    for (Bundle b : framework.getBundleContext().getBundles()) {
                        if (first.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE) {
                            b.stop(Bundle.STOP_TRANSIENT);
                        }
                    }
                }
                framework.stop();
                framework.waitForStop(15_000);
            }
        } catch (BundleException | InterruptedException e) {
            System.err.println("scrim: stopping: " + e.getMessage());
        }
        if (setup != null) {
            setup.close();
        }
        storage.close();
        if (instance != null) {
            instance.close(); // last: the next start may take over only once this one let go of everything
        }
    }

    private static Hashtable<String, Object> properties(String key, String value) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(key, value);
        return p;
    }

    private static Path xdg(String variable, String fallbackUnderHome) {
        String v = System.getenv(variable);
        return v != null && !v.isBlank() ? Path.of(v) : Path.of(System.getProperty("user.home"), fallbackUnderHome);
    }

    private static String env(String variable, String fallback) {
        String v = System.getenv(variable);
        return v != null && !v.isBlank() ? v : fallback;
    }
}
