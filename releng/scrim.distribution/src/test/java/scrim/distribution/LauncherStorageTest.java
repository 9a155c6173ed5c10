package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the launcher leaves in the cache folder, and how it ends when the command line never starts. */
class LauncherStorageTest {

    /** A framework storage holds the framework's records, not copies of the distribution's jars (about 70 MB). */
    private static final long MAX_STORAGE_BYTES = 8L << 20;

    @TempDir
    Path home;

    @Test
    void startsLeaveNoStorageBehindEvenAfterACrash() throws Exception {
        Map<String, String> env = Scrim.ownCache(home);
        Path cache = home.resolve("cache/scrim");
        Path out = home.resolve("out.y4m");

        assertEquals(0, Scrim.start(home, env, "list").waitFor(120));
        assertEquals(List.of(), storages(cache), "a finished start leaves its storage behind");

        List<Path> running;
        try (Scrim crashed = Scrim.start(home, env, "run", "--input", "pattern", "--size", "160x120", "--output", out.toString())) {
            crashed.awaitErr(l -> l.matches("scrim: [1-9][0-9]* frames,.*"), 90);
            running = storages(cache);
            assertEquals(1, running.size(), "one storage per running start: " + running);
            long bytes = size(running.get(0));
            System.out.println("launcher storage test: a running start's storage holds " + bytes / 1024 + " KB");
            assertTrue(bytes < MAX_STORAGE_BYTES, "the storage holds " + bytes / (1 << 20) + " MB: the bundles are copied into it");
            crashed.kill();
        }
        assertEquals(running, storages(cache), "a killed start cannot clean up");

        for (int i = 0; i < 2; i++) {
            assertEquals(0, Scrim.start(home, env, "list").waitFor(120));
        }
        assertEquals(List.of(), storages(cache), "the next start removes the storage the killed one left");
    }

    @Test
    void aCommandLineThatNeverStartsEndsWithAMessage() throws Exception {
        // a distribution without the engine: the command line's component waits for a Pipeline forever
        Path broken = home.resolve("broken");
        Files.createDirectories(broken.resolve("bundles"));
        Files.copy(Scrim.DISTRIBUTION.resolve("scrim"), broken.resolve("scrim"));
        Files.createSymbolicLink(broken.resolve("lib"), Scrim.DISTRIBUTION.resolve("lib"));
        try (Stream<Path> jars = Files.list(Scrim.DISTRIBUTION.resolve("bundles"))) {
            for (Path jar : jars.filter(j -> !j.getFileName().toString().startsWith("scrim.engine_")).toList()) {
                Files.createSymbolicLink(broken.resolve("bundles").resolve(jar.getFileName()), jar);
            }
        }
        Map<String, String> env = new HashMap<>(Scrim.ownCache(home));
        env.put("SCRIM_START_SECONDS", "5");
        long t0 = System.nanoTime();
        Scrim s = Scrim.start(broken, home, env, "list");
        int status = s.waitFor(60); // ends it on a timeout
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("launcher storage test: a start without the engine ended after %.1f s%n", seconds);
        assertEquals(1, status, s.stderr());
        assertTrue(s.stderr().contains("did not start within 5 s") && s.stderr().contains("scrim.api.Pipeline"),
                "the message names the bound and the missing service: " + s.stderr());
        assertEquals(List.of(), storages(home.resolve("cache/scrim")), "it cleans up after itself");
    }

    static List<Path> storages(Path cache) throws IOException {
        try (Stream<Path> dirs = Files.list(cache)) {
            return dirs.filter(d -> d.getFileName().toString().contains("felix-")).sorted().toList();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
