package scrim.distribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The built distribution started as a process, with config, data and load folders of its own
 * under {@code home} and a session (XDG_RUNTIME_DIR) of its own (the JavaCPP native cache stays
 * shared, so natives are extracted once).
 */
final class Scrim implements AutoCloseable {

    static final Path DISTRIBUTION = Path.of(System.getProperty("scrim.distribution", "target/scrim")).toAbsolutePath();
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    final Path home;
    final Path load;
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread[] readers;

    private Scrim(Path distribution, Path home, Map<String, String> environment, List<String> args) throws IOException {
        this.home = home;
        this.load = home.resolve("load");
        Files.createDirectories(load);
        List<String> command = new ArrayList<>();
        command.add(distribution.resolve("scrim").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        pb.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        pb.environment().put("SCRIM_LOAD_DIR", load.toString());
        // no packaged plugins of this machine (/usr/share/scrim/plugins) unless a test gives a folder
        pb.environment().put("SCRIM_SYSTEM_PLUGINS", home.resolve("no-system-plugins").toString());
        // a session of its own: tests start many scrims, which must not meet each other's instance lock
        // (a test that wants two scrims in one session gives them the same XDG_RUNTIME_DIR)
        pb.environment().put("XDG_RUNTIME_DIR", Files.createDirectory(home.resolve("session-" + SESSIONS.incrementAndGet()),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))).toString());
        // headless unless a test gives a display: without a command, a display means the window
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().putAll(environment);
        process = pb.start();
        process.getOutputStream().close();
        readers = new Thread[] {reader(process.getInputStream(), out, "out"), reader(process.getErrorStream(), err, "err")};
    }

    /** A test-only plugin jar (scrim.test.fill, scrim.test.uidriver), built beside the distribution. */
    static Path testPlugin(String name) throws IOException {
        Path folder = Path.of(System.getProperty("scrim.testPlugins", "target/test-plugins"));
        try (Stream<Path> jars = Files.list(folder)) {
            return jars.filter(p -> p.getFileName().toString().startsWith(name + "-") && p.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " jar in " + folder + "; build it with ./mvnw -B install"));
        }
    }

    /** Puts a plugin jar into the load folder whole, as a user's file manager would (never half a jar). */
    void drop(Path jar, String name) throws IOException {
        Path staged = home.resolve(name + ".staged");
        Files.copy(jar, staged);
        Files.move(staged, load.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Starts scrim with these arguments in its own folder under {@code home}. */
    static Scrim start(Path home, String... args) throws IOException {
        return new Scrim(DISTRIBUTION, home, Map.of(), List.of(args));
    }

    /** Starts scrim with extra environment variables (such as a DISPLAY, which is otherwise removed). */
    static Scrim start(Path home, Map<String, String> environment, String... args) throws IOException {
        return new Scrim(DISTRIBUTION, home, environment, List.of(args));
    }

    /**
     * An XDG_RUNTIME_DIR shared by the scrims of one test, as in one desktop session (each scrim
     * otherwise gets a session of its own).
     */
    static Map<String, String> session(Path home) throws IOException {
        Path dir = home.resolve("session");
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Map.of("XDG_RUNTIME_DIR", dir.toString());
    }

    /** Starts another distribution (a changed copy of the built one) with extra environment variables. */
    static Scrim start(Path distribution, Path home, Map<String, String> environment, String... args) throws IOException {
        return new Scrim(distribution, home, environment, List.of(args));
    }

    /**
     * Environment giving scrim a cache folder of its own under {@code home} (for tests that look
     * at what the launcher leaves there), with the shared JavaCPP natives linked in so they are
     * not extracted again.
     */
    static Map<String, String> ownCache(Path home) throws IOException {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path shared = (xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg)).resolve("scrim/javacpp");
        Files.createDirectories(shared);
        Path cache = Files.createDirectories(home.resolve("cache/scrim"));
        if (!Files.exists(cache.resolve("javacpp"))) {
            Files.createSymbolicLink(cache.resolve("javacpp"), shared);
        }
        return Map.of("XDG_CACHE_HOME", home.resolve("cache").toString());
    }

    /** The process id of the running scrim (its JVM: the script execs it). */
    long pid() {
        return process.pid();
    }

    /** Kills scrim as a crash would: SIGKILL, no shutdown hooks. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Runs scrim to its end (at most {@code seconds}) and returns its exit status. */
    static Scrim run(Path home, int seconds, String... args) throws IOException, InterruptedException {
        Scrim s = start(home, args);
        s.waitFor(seconds);
        return s;
    }

    private Thread reader(InputStream in, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("[scrim " + name + "] " + line);
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "scrim-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    int waitFor(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("scrim did not end within " + seconds + " s; stderr: " + stderr());
        }
        for (Thread t : readers) {
            t.join(5000);
        }
        return process.exitValue();
    }

    /** Asks scrim to stop, as Ctrl-C does (SIGTERM; the JVM runs the same shutdown). */
    void stop() {
        process.destroy();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Waits until a stderr line matches, at most {@code seconds}; returns it or fails. */
    String awaitErr(Predicate<String> match, int seconds) throws InterruptedException {
        return await(err, readers[1], "stderr", match, seconds);
    }

    /** Waits until a stdout line matches, at most {@code seconds}; returns it or fails. */
    String awaitOut(Predicate<String> match, int seconds) throws InterruptedException {
        return await(out, readers[0], "stdout", match, seconds);
    }

    private synchronized String await(List<String> lines, Thread reader, String name, Predicate<String> match, int seconds)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (true) {
            for (String line : lines) {
                if (match.test(line)) {
                    return line;
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                throw new AssertionError("no such line on " + name + " within " + seconds + " s; " + name + ": " + lines);
            }
            wait(Math.min(left, 200));
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    synchronized String stdout() {
        return String.join("\n", out);
    }

    synchronized String stderr() {
        return String.join("\n", err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
