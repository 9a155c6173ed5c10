package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved setup ($XDG_CONFIG_HOME/scrim) is never fought over, silently reset or lost. */
class SavedSetupTest {

    @TempDir
    Path home;

    private Path saved() {
        return home.resolve("config/scrim/config");
    }

    /** Starts with these arguments, waits until frames flow, and stops it as Ctrl-C does. */
    private Scrim startAndStop(String... args) throws Exception {
        try (Scrim s = Scrim.start(home, args)) {
            s.awaitErr(l -> l.matches("scrim: [1-9][0-9]* frames,.*"), 90);
            s.stop();
            s.waitFor(60);
            return s;
        }
    }

    @Test
    void aSecondStartRefusesAndAKilledOneDoesNotBlock() throws Exception {
        try (Scrim first = Scrim.start(home, "start", "--input", "pattern", "--size", "160x120")) {
            first.awaitErr(l -> l.matches("scrim: [1-9][0-9]* frames,.*"), 90);
            Scrim second = Scrim.start(home, "start");
            assertEquals(1, second.waitFor(60), "a second start on the same saved setup must refuse: " + second.stderr()); // ends it on a timeout
            assertTrue(second.stderr().contains("in use by another Scrim (pid " + first.pid() + ")"), second.stderr());
            assertTrue(second.stderr().contains(saved().toString()), "names the saved setup: " + second.stderr());
            first.kill();
        }
        // the kernel dropped the killed one's lock: the next start resumes
        Scrim next = startAndStop("start");
        assertFalse(next.stderr().contains("in use"), next.stderr());
    }

    @Test
    void damagedFilesAreReportedKeptAsideAndTheRestStays() throws Exception {
        Path out = home.resolve("out.y4m");
        startAndStop("start", "--input", "pattern", "--size", "160x120", "--output", out.toString(), "--effect", "blur:strength=0.3");
        Path engine = saved().resolve("scrim/engine.config");
        Path blur = saved().resolve("scrim/effect/blur.config");
        List<Path> sinks = configs(saved().resolve("scrim/sink/file"));
        assertEquals(1, sinks.size(), "the file output's configuration: " + sinks);
        byte[] sink = Files.readAllBytes(sinks.get(0));

        // cut engine.config in the middle of a line, as a full disk or a crash mid-write does
        byte[] whole = Files.readAllBytes(engine);
        int cut = whole.length / 2;
        while (whole[cut - 1] == '\n' || whole[cut - 1] == '\r') {
            cut++;
        }
        byte[] truncated = Arrays.copyOf(whole, cut);
        Files.write(engine, truncated);
        byte[] garbage = "strength is forty-two {{{\n".getBytes(StandardCharsets.UTF_8);
        Files.write(blur, garbage);

        Scrim s = startAndStop("start", "--input", "pattern");
        String err = s.stderr();
        assertTrue(err.contains(engine + " are damaged"), "names the damaged engine.config: " + err);
        assertTrue(err.contains(blur + " are damaged"), "names the damaged blur.config: " + err);
        assertArrayEquals(truncated, Files.readAllBytes(engine.resolveSibling("engine.config.broken")), "the damaged file is kept as it was");
        assertArrayEquals(garbage, Files.readAllBytes(blur.resolveSibling("blur.config.broken")), "the damaged file is kept as it was");
        assertArrayEquals(sink, Files.readAllBytes(sinks.get(0)), "the rest of the setup is kept");
        assertTrue(err.matches("(?s).*scrim: [1-9][0-9]* frames.*"), "it runs: " + err);
    }

    @Test
    void aReadOnlySavedSetupRunsWithoutSavingAndSaysSo() throws Exception {
        startAndStop("start", "--input", "pattern", "--size", "160x120");
        Path engine = saved().resolve("scrim/engine.config");
        byte[] before = Files.readAllBytes(engine);
        List<Path> dirs = List.of(home.resolve("config/scrim"), saved(), saved().resolve("scrim"));
        readOnly(dirs, true);
        try {
            assumeTrue(!Files.isWritable(saved()) || !canCreate(saved()),
                    "cannot make a folder read-only here (root without chattr): skipped");
            Scrim s = startAndStop("start", "--size", "320x240");
            String err = s.stderr();
            assertTrue(err.contains("the saved setup in " + saved() + " cannot be written"), "names the folder: " + err);
            assertTrue(err.contains("not saved") && err.contains("writable"), "says what happens and the fix: " + err);
            assertTrue(err.contains("model"), "runs with the saved setup: " + err);
        } finally {
            readOnly(dirs, false);
        }
        assertArrayEquals(before, Files.readAllBytes(engine), "nothing was written to the saved setup");
    }

    private static void readOnly(List<Path> dirs, boolean on) throws IOException, InterruptedException {
        for (Path d : dirs) {
            d.toFile().setWritable(!on, false);
            // root ignores permissions, but not the immutable attribute (where the file system has it)
            new ProcessBuilder("chattr", on ? "+i" : "-i", d.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    private static boolean canCreate(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> configs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".config")).toList();
        }
    }
}
