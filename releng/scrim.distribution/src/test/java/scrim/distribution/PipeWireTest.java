package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PipeWire camera of the real ./scrim, read by GStreamer's pipewiresrc as an app would: a
 * private PipeWire daemon, WirePlumber and D-Bus session bus of the test's own (never the
 * machine's), the node's properties as pw-dump shows them, the picture (the scene model is the
 * test pattern's exact mask, so background and person pixels are known), on demand (Scrim idles
 * until the consumer links), a consumer that asks for I420 instead of the preferred YUY2, a
 * daemon restart in the middle of the run, and the camera beside a second output.
 */
class PipeWireTest {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final int FRAMES = 30;
    /** The run with two outputs: fifteen seconds, time for a consumer to link and read its frames meanwhile. */
    private static final int BOTH_FRAMES = 450;
    private static final List<String> TOOLS = List.of("pipewire", "wireplumber", "dbus-daemon", "pw-dump", "gst-launch-1.0");
    /** Background in every frame of the pattern at 320x240: the top corners; the person: low in the torso. */
    private static final int[][] BACKGROUND = {{4, 4}, {315, 4}, {160, 30}};
    private static final int[][] PERSON = {{160, 200}, {160, 235}};
    /** Blue in limited-range BT.601. */
    private static final int BLUE_Y = 41;
    private static final int BLUE_U = 240;

    @TempDir
    Path home;

    @Test
    void aConsumerReadsTheCameraAgainAfterTheDaemonRestarts() throws Exception {
        requireTools();
        try (Daemon daemon = new Daemon(Files.createDirectory(home.resolve("pw"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))))) {
            Scrim doctor = Scrim.start(home, daemon.environment(), "doctor");
            assertEquals(0, doctor.waitFor(60), "a PipeWire camera is a virtual camera, v4l2loopback or not: " + doctor.stdout());
            // the daemon's version, from its core's info event, besides the library's
            assertTrue(doctor.stdout().matches("(?s).*OK +PipeWire [0-9.]+ is running \\(library [0-9.]+\\).*"), doctor.stdout());
            if (!Files.isDirectory(Path.of("/sys/module/v4l2loopback"))) {
                // without v4l2loopback, run's default output is the PipeWire camera
                Scrim fallback = Scrim.start(home, daemon.environment(), "run", "--input", "pattern", "--size", "64x48", "--frames", "5");
                assertEquals(0, fallback.waitFor(60), fallback.stderr());
                assertTrue(fallback.stderr().contains("publishing the PipeWire camera \"Scrim\" instead"), fallback.stderr());
            }

            try (Scrim s = Scrim.start(home, daemon.environment(), "run", "--input", "pattern", "--size", WIDTH + "x" + HEIGHT, "--fps", "30",
                    "--model", "scene", "--effect", "color:color=blue", "--output", "pipewire")) {
                // nobody linked: on demand idles after its grace (3 s), and the node stays
                s.awaitErr(l -> l.contains("scrim: idle"), 60);
                String node = daemon.scrimNode();
                for (String property : new String[] {"\"media.class\": \"Video/Source\"", "\"media.role\": \"Camera\"",
                        "\"node.description\": \"Scrim\"", "\"default\": \"YUY2\"", "\"alt2\": \"I420\"", "\"width\": " + WIDTH, "\"height\": " + HEIGHT,
                        "\"num\": 30"}) {
                    assertTrue(node.contains(property), "pw-dump shows " + property + " for the node: " + node);
                }

                checkFrames(daemon.read(home.resolve("first.yuy2"), "videoconvert ! video/x-raw,format=YUY2"), "first consumer");
                String afterIdle = s.stderr().substring(s.stderr().indexOf("scrim: idle"));
                assertTrue(afterIdle.contains("frames,"), "the consumer woke the pipeline: " + s.stderr());
                // no videoconvert: only Scrim's node can turn the frames into I420
                checkI420(daemon.read(home.resolve("planar.i420"), "video/x-raw,format=I420"));

                daemon.restart();
                s.awaitErr(l -> l.contains("PipeWire camera Scrim lost its connection"), 20);
                s.awaitErr(l -> l.contains("PipeWire camera Scrim is back"), 30);
                checkFrames(daemon.read(home.resolve("second.yuy2"), "videoconvert ! video/x-raw,format=YUY2"), "after the restart");
                assertTrue(s.isAlive(), "Scrim ran on through the restart: " + s.stderr());
            }

            // two outputs from one pipeline, as a v4l2loopback device beside the PipeWire camera: here a file
            Path file = home.resolve("both.y4m");
            try (Scrim s = Scrim.start(home, daemon.environment(), "run", "--input", "pattern", "--size", WIDTH + "x" + HEIGHT, "--fps", "30",
                    "--model", "scene", "--effect", "color:color=blue", "--output", "pipewire", "--output", file.toString(),
                    "--frames", String.valueOf(BOTH_FRAMES))) {
                s.awaitErr(l -> l.contains("60 frames,"), 60); // running, so the node is published before the consumer looks for it
                checkFrames(daemon.read(home.resolve("both.yuy2"), "videoconvert ! video/x-raw,format=YUY2"), "beside a file output");
                assertEquals(0, s.waitFor(60), s.stderr());
            }
            checkFile(new Y4m(file));
        }
    }

    /** All frames whole; in the last (the pipeline live by then) the background blue and the person not. */
    private static void checkFrames(byte[] video, String which) {
        int frameBytes = WIDTH * HEIGHT * 2;
        assertEquals(FRAMES * frameBytes, video.length, which + ": " + FRAMES + " whole YUY2 frames of " + WIDTH + "x" + HEIGHT);
        int last = (FRAMES - 1) * frameBytes;
        for (int[] p : BACKGROUND) {
            int at = last + (p[1] * WIDTH + p[0]) * 2;
            int u = video[last + (p[1] * WIDTH + (p[0] & ~1)) * 2 + 1] & 0xff;
            assertEquals(BLUE_Y, video[at] & 0xff, 3, which + ": luma of the background at " + p[0] + "," + p[1]);
            assertEquals(BLUE_U, u, 3, which + ": blue chroma of the background at " + p[0] + "," + p[1]);
        }
        for (int[] p : PERSON) {
            int u = video[last + (p[1] * WIDTH + (p[0] & ~1)) * 2 + 1] & 0xff;
            assertTrue(Math.abs(u - BLUE_U) > 20, which + ": the person at " + p[0] + "," + p[1] + " is not painted blue (U " + u + ")");
        }
    }

    /** The file written beside the PipeWire camera: every frame, the last with the background blue and the person not. */
    private static void checkFile(Y4m video) {
        assertEquals(BOTH_FRAMES, video.frames.size(), "the file beside the PipeWire camera got every frame");
        byte[] last = video.frames.get(BOTH_FRAMES - 1);
        int uPlane = WIDTH * HEIGHT;
        for (int[] p : BACKGROUND) {
            assertEquals(BLUE_Y, last[p[1] * WIDTH + p[0]] & 0xff, 3, "file: luma of the background at " + p[0] + "," + p[1]);
            assertEquals(BLUE_U, last[uPlane + p[1] * (WIDTH / 2) + p[0] / 2] & 0xff, 3, "file: blue chroma of the background at " + p[0] + "," + p[1]);
        }
        for (int[] p : PERSON) {
            int u = last[uPlane + p[1] * (WIDTH / 2) + p[0] / 2] & 0xff;
            assertTrue(Math.abs(u - BLUE_U) > 20, "file: the person at " + p[0] + "," + p[1] + " is not painted blue (U " + u + ")");
        }
    }

    /** I420 frames as Scrim converts them: the Y plane, then U and V at half size; the same blue background and untouched person. */
    private static void checkI420(byte[] video) {
        int frameBytes = WIDTH * HEIGHT * 3 / 2;
        assertEquals(FRAMES * frameBytes, video.length, FRAMES + " whole I420 frames of " + WIDTH + "x" + HEIGHT);
        int last = (FRAMES - 1) * frameBytes;
        int uPlane = last + WIDTH * HEIGHT;
        for (int[] p : BACKGROUND) {
            int u = video[uPlane + p[1] / 2 * (WIDTH / 2) + p[0] / 2] & 0xff;
            assertEquals(BLUE_Y, video[last + p[1] * WIDTH + p[0]] & 0xff, 3, "I420: luma of the background at " + p[0] + "," + p[1]);
            assertEquals(BLUE_U, u, 3, "I420: blue chroma of the background at " + p[0] + "," + p[1]);
        }
        for (int[] p : PERSON) {
            int u = video[uPlane + p[1] / 2 * (WIDTH / 2) + p[0] / 2] & 0xff;
            assertTrue(Math.abs(u - BLUE_U) > 20, "I420: the person at " + p[0] + "," + p[1] + " is not painted blue (U " + u + ")");
        }
    }

    /** Skips where PipeWire is not installed, saying so; on CI (CI=true), where .ci/run installs it, fails instead. */
    private static void requireTools() throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        for (String tool : TOOLS) {
            if (run(List.of("sh", "-c", "command -v " + tool), Map.of(), 10) != 0) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty() && run(List.of("gst-inspect-1.0", "pipewiresrc"), Map.of(), 20) != 0) {
            missing.add("GStreamer's pipewiresrc (gstreamer1.0-pipewire)");
        }
        String why = "PipeWire test skipped: " + missing + " not installed (apt-get install pipewire wireplumber dbus gstreamer1.0-pipewire"
                + " gstreamer1.0-tools)";
        if (!missing.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(why.replace("skipped", "cannot run on CI"));
        }
        Assumptions.assumeTrue(missing.isEmpty(), why);
    }

    private static int run(List<String> command, Map<String, String> environment, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + seconds + " s");
        }
        return p.exitValue();
    }

    /** A PipeWire daemon with WirePlumber and a D-Bus session bus, all in {@code runtime}, stopped by process id on close. */
    private static final class Daemon implements AutoCloseable {

        private final Path runtime;
        private final Process bus;
        private final String busAddress;
        private Process pipewire;
        private Process wireplumber;

        Daemon(Path runtime) throws IOException, InterruptedException {
            this.runtime = runtime;
            bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1").redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            busAddress = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (busAddress == null) {
                throw new AssertionError("dbus-daemon --session printed no address");
            }
            start();
        }

        Map<String, String> environment() {
            return Map.of("XDG_RUNTIME_DIR", runtime.toString(), "DBUS_SESSION_BUS_ADDRESS", busAddress);
        }

        private void start() throws IOException, InterruptedException {
            pipewire = spawn("pipewire");
            long deadline = System.currentTimeMillis() + 10_000;
            while (!Files.exists(runtime.resolve("pipewire-0"))) {
                assertTrue(System.currentTimeMillis() < deadline && pipewire.isAlive(), "pipewire did not open its socket in " + runtime
                        + "; see " + runtime.resolve("pipewire.log"));
                Thread.sleep(50);
            }
            wireplumber = spawn("wireplumber");
            // the session manager is ready when it has registered its client with the daemon
            while (!dump().contains("\"application.name\": \"WirePlumber\"")) {
                assertTrue(System.currentTimeMillis() < deadline && wireplumber.isAlive(), "wireplumber did not start; see "
                        + runtime.resolve("wireplumber.log"));
                Thread.sleep(100);
            }
        }

        private Process spawn(String program) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(program).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(runtime.resolve(program + ".log").toFile()));
            pb.environment().putAll(environment());
            return pb.start();
        }

        /** Kills the daemon and its session manager as a crash would, and starts them again. */
        void restart() throws IOException, InterruptedException {
            stop();
            start();
        }

        private void stop() throws InterruptedException, IOException {
            for (Process p : new Process[] {wireplumber, pipewire}) {
                if (p != null) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
            // a killed daemon leaves its socket: start() must wait for the new one, not find the old
            Files.deleteIfExists(runtime.resolve("pipewire-0"));
        }

        String dump() throws IOException, InterruptedException {
            Path file = runtime.resolve("dump.json");
            ProcessBuilder pb = new ProcessBuilder("pw-dump").redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(environment());
            Process p = pb.start();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "pw-dump did not end");
            return Files.readString(file);
        }

        /** pw-dump's entry for the node named Scrim (its objects are the top-level array's elements, two spaces in). */
        String scrimNode() throws IOException, InterruptedException {
            for (String object : dump().split("\n  \\{\n")) {
                if (object.contains("\"type\": \"PipeWire:Interface:Node\"") && object.contains("\"node.name\": \"Scrim\"")) {
                    return object;
                }
            }
            throw new AssertionError("no node named Scrim in pw-dump: " + dump());
        }

        /** 30 frames as an app gets them through {@code elements} (GStreamer's syntax) ending in caps of the size. */
        byte[] read(Path file, String elements) throws IOException, InterruptedException {
            Path log = runtime.resolve("gst.log");
            List<String> command = new ArrayList<>(List.of("gst-launch-1.0", "-q", "pipewiresrc", "target-object=Scrim", "num-buffers=" + FRAMES,
                    "!"));
            command.addAll(List.of((elements + ",width=" + WIDTH + ",height=" + HEIGHT).split(" ")));
            command.addAll(List.of("!", "filesink", "location=" + file));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(environment());
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("pipewiresrc got no " + FRAMES + " frames from Scrim within 30 s: " + Files.readString(log));
            }
            assertEquals(0, p.exitValue(), "gst-launch-1.0 failed: " + Files.readString(log));
            return Files.readAllBytes(file);
        }

        @Override
        public void close() throws InterruptedException, IOException {
            stop();
            bus.destroyForcibly();
            bus.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
