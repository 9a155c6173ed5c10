package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Scrim per session: a second start hands over to the running one, {@code scrim status}
 * asks it, a killed one never blocks the next; help, version and status answer without starting
 * the framework.
 */
class InstanceTest {

    /** Far above the target of 0.5 s: only catches a launcher that starts the framework again. */
    private static final long QUICK_MILLIS = 5000;

    @TempDir
    Path home;

    private Map<String, String> session() throws IOException {
        return Scrim.session(home);
    }

    /**
     * A line saying the instance made frames: the progress line (2 s after the command began), or
     * the idle line when on demand closed the camera first (3 s after the engine began, which can
     * come earlier: seen on the tarball's runtime).
     */
    private static String frames() {
        return "scrim: ([1-9][0-9]* frames,.*|idle, .*\\(after [1-9][0-9]* frames\\))";
    }

    /** Runs scrim to its end and prints how long it took. */
    private Scrim timed(Path distribution, String what, String... args) throws Exception {
        long t0 = System.nanoTime();
        Scrim s = Scrim.start(distribution, home, session(), args);
        s.waitFor(60);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("InstanceTest: %s took %d ms (exit %d)%n", what, millis, s.exitValue());
        assertTrue(millis < QUICK_MILLIS, what + " took " + millis + " ms");
        return s;
    }

    @Test
    void aSecondStartHandsOverStatusAnswersAndAKilledOneDoesNotBlock() throws Exception {
        Map<String, String> session = session();
        Path stale = home.resolve("session/scrim/control.sock");
        try (Scrim first = Scrim.start(home, session, "start", "--input", "pattern", "--size", "160x120")) {
            first.awaitErr(l -> l.matches(frames()), 90);

            Scrim second = timed(Scrim.DISTRIBUTION, "second start", "start", "--input", "pattern");
            assertEquals(0, second.exitValue(), "a second start hands over and exits 0: " + second.stderr());
            assertTrue(second.stdout().contains("Scrim is already running (pid " + first.pid() + ")"), second.stdout());
            assertTrue(second.stdout().contains("without a window"), "a headless start has no window to show: " + second.stdout());

            Scrim status = timed(Scrim.DISTRIBUTION, "status (running)", "status");
            assertEquals(0, status.exitValue(), status.stderr());
            List<String> lines = status.stdout().lines().toList();
            assertTrue(lines.get(0).matches("Scrim \\(pid " + first.pid() + "\\): live for [0-9]+ s"), lines.get(0));
            assertTrue(status.stdout().contains("  input      pattern, 160x120 YUYV"), status.stdout());
            String json = lines.get(lines.size() - 1);
            assertTrue(json.startsWith("{\"pid\":" + first.pid() + ",\"state\":\"live\",\"pipeline\":\"RUNNING\"") && json.endsWith("}"), json);
            assertTrue(json.contains("\"input\":\"pattern\"") && json.contains("\"consumers\":"), json);

            // run with its own files does not own the session: it runs beside the instance
            Path out = home.resolve("beside.y4m");
            Scrim beside = Scrim.start(home, session, "run", "--input", "pattern", "--size", "160x120", "--frames", "5", "--output",
                    out.toString());
            assertEquals(0, beside.waitFor(120), beside.stderr());
            assertTrue(Files.size(out) > 0);

            first.kill(); // SIGKILL: no shutdown, the socket file stays behind
        }
        assertTrue(Files.exists(stale), "the killed instance left its socket file");
        Scrim none = timed(Scrim.DISTRIBUTION, "status (none running, stale socket)", "status");
        assertEquals(3, none.exitValue(), none.stderr());
        assertEquals("Scrim is not running", none.stdout());

        try (Scrim next = Scrim.start(home, session, "start", "--input", "pattern", "--size", "160x120")) {
            next.awaitErr(l -> l.matches(frames()), 90);
            Scrim status = timed(Scrim.DISTRIBUTION, "status (new instance)", "status");
            assertEquals(0, status.exitValue(), status.stderr());
            assertTrue(status.stdout().startsWith("Scrim (pid " + next.pid() + "):"), status.stdout());
            next.stop();
            next.waitFor(60);
        }
        assertTrue(!Files.exists(stale), "a stopped instance removes its socket");
    }

    @Test
    void helpVersionAndStatusAnswerWithoutTheFramework() throws Exception {
        // the launcher and the command line bundle only: starting the framework here would fail
        Path bare = home.resolve("bare");
        Files.createDirectories(bare.resolve("bundles"));
        Files.copy(Scrim.DISTRIBUTION.resolve("scrim"), bare.resolve("scrim"), StandardCopyOption.COPY_ATTRIBUTES);
        copyTree(Scrim.DISTRIBUTION.resolve("lib"), bare.resolve("lib"));
        Path cli;
        try (Stream<Path> jars = Files.list(Scrim.DISTRIBUTION.resolve("bundles"))) {
            cli = jars.filter(p -> p.getFileName().toString().startsWith("scrim.cli_")).findFirst().orElseThrow();
        }
        Files.copy(cli, bare.resolve("bundles").resolve(cli.getFileName()));
        String helpText;
        try (ZipFile jar = new ZipFile(cli.toFile())) {
            helpText = new String(jar.getInputStream(jar.getEntry("scrim/cli/internal/help.txt")).readAllBytes(), StandardCharsets.UTF_8);
        }

        for (Path distribution : List.of(bare, Scrim.DISTRIBUTION)) {
            String which = distribution == bare ? " (launcher only)" : "";
            Scrim help = timed(distribution, "--help" + which, "--help");
            assertEquals(0, help.exitValue(), help.stderr());
            assertEquals(helpText.strip(), help.stdout().strip(), "the bundle's help.txt, the one copy");
            Scrim startHelp = timed(distribution, "start --help" + which, "start", "--help");
            assertEquals(helpText.strip(), startHelp.stdout().strip());

            Scrim version = timed(distribution, "--version" + which, "--version");
            assertEquals(0, version.exitValue(), version.stderr());
            assertTrue(version.stdout().matches("scrim [0-9]+\\.[0-9]+\\.[0-9]+ \\(build [0-9A-Za-z_-]+, commit ([0-9a-f]{12}(\\+changes)?|unknown)\\)"), version.stdout());

            Scrim status = timed(distribution, "status, none running" + which, "status");
            assertEquals(3, status.exitValue(), status.stderr());
            assertEquals("Scrim is not running", status.stdout());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
