package scrim.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts Apache Felix with every bundle of the distribution, lets FileInstall watch the
 * drop-in load folder, and hands the command line to the scrim.cli bundle, which reports
 * the exit status back through a service.
 */
public final class Launcher {

    /** Commands whose settings must not touch the saved setup: they get a throw-away store. */
    private static final Set<String> EPHEMERAL = Set.of("run", "bench", "list", "help");
    private static final String CLI = "scrim.cli";
    private static final String ENGINE = "scrim.engine";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("scrim.home", ".")).toAbsolutePath();
        Path bundles = home.resolve("bundles");
        Path config = xdg("XDG_CONFIG_HOME", ".config").resolve("scrim");
        Path load = Path.of(env("SCRIM_LOAD_DIR", xdg("XDG_DATA_HOME", ".local/share").resolve("scrim/load").toString()));
        Path cache = xdg("XDG_CACHE_HOME", ".cache").resolve("scrim");
        Files.createDirectories(load);
        Files.createDirectories(cache);

        boolean ephemeral = args.length == 0 || EPHEMERAL.contains(args[0]) || Arrays.asList(args).contains("--help");
        Path storage = Files.createTempDirectory(cache, "felix-");
        Path settings = ephemeral ? Files.createDirectories(storage.resolve("config")) : Files.createDirectories(config.resolve("config"));

        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.resolve("bundles").toString());
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

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        Framework framework = factory.newFramework(props);
        framework.init();
        BundleContext context = framework.getBundleContext();

        CompletableFuture<Integer> exit = new CompletableFuture<>();
        List<String> arguments = List.of(args);
        context.registerService(Supplier.class, (Supplier<List<String>>) () -> arguments, properties("scrim.launcher", "args"));
        context.registerService(IntConsumer.class, (IntConsumer) exit::complete, properties("scrim.launcher", "exit"));

        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework, storage), "scrim-shutdown"));
        framework.start();

        Bundle cli = null;
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(bundles)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                installed.add(context.installBundle(jar.toUri().toString()));
            }
        }
        for (Bundle b : installed) {
            if (CLI.equals(b.getSymbolicName())) {
                cli = b;
            } else if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                start(b);
            }
        }
        awaitPlugins(context, load);
        if (cli == null) {
            System.err.println("scrim: the distribution in " + home + " has no " + CLI + " bundle; rebuild it with ./mvnw -B install");
            stop(framework, storage);
            System.exit(1);
        }
        start(cli);
        int status = exit.get();
        stop(framework, storage);
        System.exit(status);
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

    private static synchronized void stop(Framework framework, Path storage) {
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
        deleteTree(storage);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temp folder is harmless
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
