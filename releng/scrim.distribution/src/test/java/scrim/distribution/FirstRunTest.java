package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first run, as a new user meets it: bare ./scrim (the window) with no camera and no virtual
 * camera, under Xvfb, driven by scrim.test.uidriver's FirstRunDriver. The test scene is chosen and
 * the preview says so (first-run.png); a camera plugged in then is taken at once; the camera list
 * offers a file, and a picture handed to it becomes the input; the banner says no app can see Scrim, its link shows the doctor's text
 * (banner.png). Then the test makes a virtual camera appear the way the product supports without
 * root: it starts a private PipeWire daemon on the socket Scrim looks at, and the banner goes and
 * the output switches to the PipeWire camera without a restart. (Loading v4l2loopback through
 * pkexec needs root and a password: not run here; the loopback case differs only in which output
 * the banner finds, through the same engine output list.)
 */
class FirstRunTest {

    private static final List<String> STEPS = List.of("window", "testscene", "plugged", "file", "banner", "switched");

    @TempDir
    Path home;

    @Test
    void aBareStartWithNoCameraAndNoVirtualCamera() throws Exception {
        for (String tool : List.of("Xvfb", "pipewire")) {
            String why = tool + " is not installed, so the first run cannot be tested: skipped (install: sudo apt-get install xvfb libgtk-3-0 pipewire)";
            if (!XServer.onPath(tool)) {
                System.out.println("first-run test: " + why);
            }
            assumeTrue(XServer.onPath(tool), why);
        }
        // this machine's own devices would change what a first run is: the test needs none (the device scan always reads /dev)
        try (Stream<Path> dev = Files.list(Path.of("/dev"))) {
            List<Path> video = dev.filter(p -> p.getFileName().toString().startsWith("video")).toList();
            assumeTrue(video.isEmpty(), "this machine has video devices " + video + ": a first run without a camera cannot be shown here");
        }
        Path load = Files.createDirectories(home.resolve("load"));
        Files.copy(Scrim.testPlugin("scrim.test.uidriver"), load.resolve("scrim.test.uidriver.jar"));
        Path shots = home.resolve("shots");
        Path pw = Files.createDirectory(home.resolve("pw"));

        Map<String, String> passed = new LinkedHashMap<>();
        try (XServer x = XServer.start(home.resolve("xvfb.log"))) {
            Map<String, String> env = new HashMap<>();
            env.put("DISPLAY", x.display);
            env.put("GDK_BACKEND", "x11");
            env.put("NO_AT_BRIDGE", "1");
            env.put("SCRIM_UI_DRIVE", "firstrun");
            env.put("SCRIM_UI_SHOTS", shots.toString());
            env.put("SCRIM_UI_PICTURE", picture(home.resolve("magenta.png")).toString());
            env.put("PIPEWIRE_RUNTIME_DIR", pw.toString()); // where Scrim looks for PipeWire: nothing there yet
            try (Scrim s = Scrim.start(home, env)) {
                s.awaitErr(l -> l.equals("scrim: no camera found: showing a test scene until one is plugged in"), 120);
                s.awaitOut(l -> l.startsWith("ui-driver: PASS banner") || l.startsWith("ui-driver: FAIL"), 300);
                Process daemon = null;
                try {
                    if (s.stdout().contains("ui-driver: PASS banner")) {
                        daemon = pipewire(pw);
                    }
                    int status = s.waitFor(300);
                    assertEquals(0, status, "closing the window must end scrim with 0; stderr:\n" + s.stderr());
                } finally {
                    if (daemon != null) {
                        daemon.destroy();
                        daemon.waitFor(10, TimeUnit.SECONDS);
                    }
                }
                for (String line : s.stdout().split("\n")) {
                    Matcher m = Pattern.compile("^ui-driver: (PASS|FAIL) (\\S+) ?(.*)$").matcher(line.strip());
                    if (m.matches()) {
                        assertEquals("PASS", m.group(1), "the first-run driver failed: " + line + "\nstderr:\n" + s.stderr());
                        passed.put(m.group(2), m.group(3));
                    }
                }
            }
        }
        assertEquals(STEPS, List.copyOf(passed.keySet()), "steps passed, in order: " + passed);
        passed.forEach((step, details) -> System.out.println("first-run test: " + step + ": " + details));

        Path target = Scrim.DISTRIBUTION.getParent();
        for (String name : List.of("first-run.png", "banner.png")) {
            assertTrue(Files.isRegularFile(shots.resolve(name)), "no screenshot " + name);
            Files.createDirectories(target.resolve("ui-screenshots"));
            Files.copy(shots.resolve(name), target.resolve("ui-screenshots").resolve(name), StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("scrim.updateDocs")) { // only when asked: a build never changes tracked files
                Path docs = target.getParent().getParent().getParent().resolve("docs/ui");
                Files.copy(shots.resolve(name), docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A PipeWire daemon of the test's own with its socket in {@code runtime}; stopped by the caller. */
    private static Process pipewire(Path runtime) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("pipewire").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runtime.resolve("pipewire.log").toFile()));
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        pb.environment().remove("PIPEWIRE_RUNTIME_DIR");
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Files.exists(runtime.resolve("pipewire-0"))) {
            assertTrue(System.currentTimeMillis() < deadline && p.isAlive(), "pipewire did not open its socket in " + runtime
                    + "; see " + runtime.resolve("pipewire.log"));
            Thread.sleep(50);
        }
        return p;
    }

    private static Path picture(Path file) throws IOException {
        BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.MAGENTA);
        g.fillRect(0, 0, 640, 360);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
