package scrim.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static scrim.packages.Commands.finish;
import static scrim.packages.Commands.frames;
import static scrim.packages.Commands.run;
import static scrim.packages.Commands.start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scrim.packages.Commands.Result;
import scrim.packages.Commands.Started;

/**
 * The release tarball as a user meets it: extracted into some folder and run on a machine without
 * Java (no java on the PATH, no JAVA_HOME), directly and through a symlink elsewhere (as
 * /usr/bin/scrim -> /opt/scrim/scrim), with the Java runtime inside it.
 */
class TarballTest {

    private static final Path PACKAGES = Path.of(System.getProperty("scrim.packages", "target")).toAbsolutePath();
    /** The work tree the build was made from: releng/scrim.packages is two levels down. */
    private static final Path REPO = Path.of("").toAbsolutePath().resolve("../..").normalize();
    /**
     * Modules that jdeps reports but Scrim does not need: java.desktop (AWT) is referenced only by
     * JNA's Native.getComponentID and SWT's SWT_AWT bridge, which Scrim never calls; the window
     * is SWT on GTK.
     */
    private static final Set<String> NOT_NEEDED = Set.of("java.desktop");

    @TempDir
    static Path temp;
    private static Path tarball;
    /** The extracted scrim-VERSION folder. */
    private static Path scrim;
    private static Map<String, String> noJava;

    @BeforeAll
    static void extract() throws Exception {
        try (Stream<Path> files = Files.list(PACKAGES)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches("scrim-.+-linux-x86_64\\.tar\\.gz")).toList();
            assertEquals(1, found.size(), "one tarball in " + PACKAGES + ": " + found);
            tarball = found.get(0);
        }
        String top = tarball.getFileName().toString().replace("-linux-x86_64.tar.gz", "");
        Path into = Files.createDirectories(temp.resolve("some folder"));
        Result tar = run(temp, List.of("tar", "-xzf", tarball.toString(), "-C", into.toString()), System.getenv(), 60);
        assertEquals(0, tar.status(), tar.output());
        try (Stream<Path> entries = Files.list(into)) {
            assertEquals(List.of(into.resolve(top)), entries.toList(), "the tarball holds one folder, " + top);
        }
        scrim = into.resolve(top);
        noJava = environmentWithoutJava();
    }

    @Test
    void keepsTheModesOfExecutables() throws Exception {
        Result listing = run(temp, List.of("tar", "-tvzf", tarball.toString()), System.getenv(), 60);
        assertEquals(0, listing.status(), listing.output());
        String top = scrim.getFileName().toString();
        for (String executable : List.of(top + "/scrim", top + "/runtime/bin/java")) {
            assertTrue(listing.output().lines().anyMatch(l -> l.startsWith("-rwxr-xr-x ") && l.endsWith(" " + executable)),
                    executable + " is not stored as -rwxr-xr-x:\n" + listing.output());
        }
    }

    @Test
    void runsWithItsOwnRuntimeWhereThereIsNoJava() throws Exception {
        Result none = run(temp, List.of("sh", "-c", "command -v java"), noJava, 10);
        assertTrue(none.status() != 0, "the test's PATH must have no java, yet it has " + none.output());

        Result version = scrim(scrim.resolve("scrim"), "--version");
        assertEquals(0, version.status(), version.output());
        String commit = headCommit();
        assertTrue(version.output().strip().matches("scrim [0-9]+\\.[0-9]+\\.[0-9]+ \\(build [0-9]+, commit " + commit + "\\)"),
                "scrim --version names the commit the build was made from, " + commit + ": " + version.output());

        Result list = scrim(scrim.resolve("scrim"), "list");
        assertEquals(0, list.status(), list.output());
        for (String item : List.of("pattern", "general", "landscape", "blur", "video")) {
            assertTrue(list.output().contains("  " + item + " "), "scrim list names " + item + ":\n" + list.output());
        }

        // as /usr/bin/scrim -> /opt/scrim/scrim: started by name from the PATH, through a symlink in another folder
        Path bin = Files.createDirectories(temp.resolve("elsewhere/bin"));
        Files.createSymbolicLink(bin.resolve("scrim"), scrim.resolve("scrim"));
        Map<String, String> linked = new HashMap<>(noJava);
        linked.put("PATH", bin + ":" + noJava.get("PATH"));
        Path y4m = temp.resolve("x.y4m");
        Started started = start(temp, List.of("sh", "-c", "exec scrim \"$@\"", "sh", "run", "--input", "pattern", "--output", y4m.toString(),
                "--frames", "30"), linked);
        Path java = javaOf(started.process());
        Result run = finish(started, 120);
        assertEquals(0, run.status(), run.output());
        assertEquals(scrim.resolve("runtime/bin/java").toRealPath(), java, "the process runs the tarball's own Java runtime");
        assertEquals("30", frames(temp, y4m), "frames in " + y4m + "; scrim said:\n" + run.output());
    }

    @Test
    void saysWhatToInstallWithoutItsRuntime() throws Exception {
        // a copy without the runtime, as a build from source: the launcher looks for another Java and finds none
        Path bare = Files.createDirectories(temp.resolve("bare"));
        Files.copy(scrim.resolve("scrim"), bare.resolve("scrim"));
        Result result = scrim(bare.resolve("scrim"), "--version");
        assertEquals(127, result.status(), result.output());
        assertTrue(result.output().contains("no Java runtime found") && result.output().contains("apt-get install"), result.output());
    }

    /** The bundled runtime has every module jdeps finds the jars need, but for those known not to be needed. */
    @Test
    void runtimeHasEveryModuleTheJarsNeed() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jdeps").toString(),
                "--print-module-deps", "--ignore-missing-deps", "--multi-release", "17"));
        for (String folder : List.of("bundles", "lib")) {
            try (Stream<Path> jars = Files.list(scrim.resolve(folder))) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> command.add(p.toString()));
            }
        }
        Result jdeps = run(temp, command, System.getenv(), 120);
        assertEquals(0, jdeps.status(), jdeps.output());
        Set<String> needed = new TreeSet<>(Arrays.asList(jdeps.output().strip().split(",")));
        needed.removeAll(NOT_NEEDED);
        String release = Files.readString(scrim.resolve("runtime/release"));
        Set<String> present = Set.of(release.replaceFirst("(?s).*MODULES=\"([^\"]*)\".*", "$1").split(" "));
        Set<String> missing = needed.stream().filter(m -> !present.contains(m)).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(missing.isEmpty(), "the jars now need " + missing + ", which the runtime lacks: add them to scrim.runtime.modules in "
                + "releng/scrim.packages/pom.xml (or to NOT_NEEDED here, saying why); the runtime has " + present);
    }

    /**
     * The system folders on the PATH minus those with a java in them, plus a folder with the two
     * tools the launcher script uses; a home and XDG folders of its own; no JAVA_HOME, no display.
     */
    private static Map<String, String> environmentWithoutJava() throws IOException {
        Path tools = Files.createDirectories(temp.resolve("tools"));
        for (String tool : List.of("readlink", "dirname")) {
            Files.createSymbolicLink(tools.resolve(tool), Path.of("/usr/bin", tool));
        }
        String path = Stream.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
                .filter(dir -> !Files.exists(Path.of(dir, "java"))).collect(Collectors.joining(":", tools + ":", ""));
        Path home = Files.createDirectories(temp.resolve("home"));
        Path runtime = Files.createDirectories(home.resolve("run"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", path);
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.put("LANG", "C.UTF-8");
        return env;
    }

    private static Result scrim(Path launcher, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return run(temp, command, noJava, 120);
    }

    /** The java binary a started launcher runs once it has exec'd (the same process). */
    private static Path javaOf(Process process) throws Exception {
        Path exe = Path.of("/proc", Long.toString(process.pid()), "exe");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                Path binary = Files.readSymbolicLink(exe);
                if (binary.getFileName().toString().equals("java")) {
                    return binary;
                }
            } catch (IOException e) {
                // the process is between two execs
            }
            Thread.sleep(5);
        }
        fail("the launcher did not start a java within 10 s");
        return null;
    }

    /**
     * A pattern of the commit the build recorded: this work tree's HEAD, or "unknown" without git.
     * Whether it is marked "+changes" is left open: files that other tests leave in the tree
     * after the build would change git's answer now.
     */
    private static String headCommit() throws Exception {
        try {
            Result head = run(temp, List.of("git", "-C", REPO.toString(), "rev-parse", "--short=12", "HEAD"), System.getenv(), 30);
            return head.status() == 0 ? head.output().strip() + "(\\+changes)?" : "unknown";
        } catch (IOException noGit) {
            return "unknown";
        }
    }
}
