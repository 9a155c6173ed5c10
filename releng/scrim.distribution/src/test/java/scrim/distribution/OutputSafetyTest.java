package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file output never loses what the user already has: a run that fails on a full disk leaves
 * the previous file as it was, a second Scrim writing the same file refuses and leaves the first
 * alone, and a folder given as the output is refused before anything is written.
 */
class OutputSafetyTest {

    /** 640x360 planar 4:2:2 with its FRAME line. */
    private static final long FRAME_640 = 640 * 360 * 2 + 6;
    private static final Pattern PROGRESS = Pattern.compile("scrim: ([0-9]+) frames,.*");

    @TempDir
    Path home;

    private static String[] listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.out);
        return p.waitFor();
    }

    @Test
    void aFullDiskFailsTheRunAndKeepsThePreviousFile() throws Exception {
        Path disk = Files.createDirectory(home.resolve("disk"));
        boolean mounted = exec("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString()) == 0;
        if (!mounted) {
            String why = "mounting a 2 MB tmpfs (a disk that fills up) needs root: skipped; run the tests as root to include it";
            System.out.println("output safety test: " + why);
            assumeTrue(false, why);
        }
        try {
            Path out = disk.resolve("out.y4m");
            Scrim good = Scrim.run(home, 60, "run", "--input", "pattern", "--size", "320x240", "--frames", "5", "--output", out.toString());
            assertEquals(0, good.exitValue(), good.stderr());
            byte[] before = Files.readAllBytes(out);

            // room for the header and one frame of 640x360, not for two
            long room = Files.getFileStore(disk).getUsableSpace();
            Files.write(disk.resolve("filler"), new byte[(int) (room - FRAME_640 - FRAME_640 / 2)]);
            Scrim full = Scrim.run(home, 60, "run", "--input", "pattern", "--size", "640x360", "--frames", "30", "--output", out.toString());

            assertArrayEquals(before, Files.readAllBytes(out), "the previous out.y4m is left as it was");
            assertArrayEquals(new String[] {"filler", "out.y4m"}, listing(disk), "no fragment, .part or lock left");
            assertEquals(1, full.exitValue(), full.stderr());
            assertTrue(full.stderr().contains("cannot write " + out + ": No space left on device"), full.stderr());
            assertTrue(full.stderr().contains("the disk is full"), full.stderr());
        } finally {
            exec("umount", disk.toString());
        }
    }

    @Test
    void aSecondScrimWritingTheSameFileRefusesAndTheFirstGoesOn() throws Exception {
        Path out = home.resolve("out.y4m");
        try (Scrim first = Scrim.start(Files.createDirectory(home.resolve("first")), "run", "--input", "pattern", "--size", "320x240",
                "--output", out.toString())) {
            first.awaitErr(l -> PROGRESS.matcher(l).matches(), 60);

            long t0 = System.nanoTime();
            Scrim second = Scrim.run(Files.createDirectory(home.resolve("second")), 60, "run", "--input", "pattern", "--size", "320x240",
                    "--frames", "30", "--output", out.toString());
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            System.out.println("output safety test: the second Scrim refused after " + seconds + " s (start-up included)");
            assertNotEquals(0, second.exitValue(), "the second run must refuse; stderr: " + second.stderr());
            String holder = Files.readString(home.resolve("out.y4m.lock"), StandardCharsets.US_ASCII).strip();
            // the second has ended, so a live Scrim with that pid is the first
            assertTrue(ProcessHandle.of(Long.parseLong(holder)).flatMap(h -> h.info().commandLine())
                    .filter(c -> c.contains("scrim-launcher")).isPresent(), "the lock names the running Scrim, pid " + holder);
            assertTrue(second.stderr().contains(out + " is being written by another Scrim (pid " + holder + ")"), second.stderr());

            // the first one is not disturbed: it keeps writing, and its file is whole when it stops
            int seen = lastProgress(first);
            first.awaitErr(l -> {
                Matcher m = PROGRESS.matcher(l);
                return m.matches() && Integer.parseInt(m.group(1)) > seen;
            }, 30);
            int before = lastProgress(first);
            first.stop();
            first.waitFor(60);
            assertFalse(Files.exists(home.resolve("out.y4m.part")));
            assertFalse(Files.exists(home.resolve("out.y4m.lock")), "the lock goes with the run");
            Y4m video = new Y4m(out, frame -> { });
            assertEquals(320, video.width);
            long frames = Files.size(out) - video.header.length() - 1;
            assertEquals(0, frames % (320 * 240 * 2 + 6), "whole frames only");
            assertTrue(frames / (320 * 240 * 2 + 6) >= before, "every frame the first run reported is in the file");
        }
    }

    private static int lastProgress(Scrim s) {
        int last = 0;
        for (String line : s.stderr().split("\n")) {
            Matcher m = PROGRESS.matcher(line);
            if (m.matches()) {
                last = Integer.parseInt(m.group(1));
            }
        }
        return last;
    }

    @Test
    void aFolderAsTheOutputIsRefusedBeforeTheRun() throws Exception {
        Path folder = Files.createDirectories(home.resolve("videos/out.y4m"));
        Scrim s = Scrim.run(home, 60, "run", "--input", "pattern", "--frames", "5", "--output", folder.toString());
        assertEquals(2, s.exitValue(), s.stderr());
        assertTrue(s.stderr().contains("output " + folder + " is a folder: give a file name"), s.stderr());
        assertArrayEquals(new String[] {"out.y4m"}, listing(folder.getParent()), "no .part left");
        assertArrayEquals(new String[0], listing(folder), "nothing written inside the folder");
    }
}
