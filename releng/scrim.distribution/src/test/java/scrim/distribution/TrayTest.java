package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tray under Xvfb, with icewm as the desktop that shows tray icons, driven by the test
 * driver bundle in its tray mode (scrim.test.uidriver's TrayDriver, see there for each step):
 * {@code scrim --background} starts hidden in the tray, the icon's menu switches effect presets
 * (checked in the engine's saved setup), Open window shows it, the Devices view's on-demand and
 * start-at-login boxes work, closing the window leaves Scrim running with the preview no longer
 * watching, and a second {@code ./scrim} brings the window back and exits 0; Quit in the menu
 * ends Scrim with 0. Without a tray (Xvfb alone), {@code --background} shows the window and
 * closing it quits.
 */
class TrayTest {

    private static final List<String> STEPS = List.of("background", "traymenu", "presets", "open", "startchoices", "close", "reopen");
    private static final List<String> SHOTS = List.of("tray-menu.png", "tray-devices.png");

    @TempDir
    Path home;

    @Test
    void inTheTrayClosingTheWindowKeepsScrimRunningAndItsMenuWorks() throws Exception {
        assumeDesktop("icewm");
        Path shots = home.resolve("shots");
        Path picture = home.resolve("beach.png");
        BufferedImage beach = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                beach.setRGB(x, y, y < 24 ? 0x4fa3e0 : 0xe8d28a);
            }
        }
        ImageIO.write(beach, "png", picture.toFile());
        dropDriver();
        String stdout;
        try (XServer x = XServer.start(home.resolve("xvfb.log")); Desktop desktop = Desktop.start(x.display, home.resolve("icewm.log"))) {
            Map<String, String> env = env(x.display, "tray");
            env.put("SCRIM_UI_SHOTS", shots.toString());
            env.put("SCRIM_UI_PICTURE", picture.toString());
            try (Scrim s = Scrim.start(home, env, "--background", "--input", "pattern", "--size", "640x360", "--model", "scene")) {
                s.awaitOut(l -> l.startsWith("ui-driver: PASS close") || l.startsWith("ui-driver: FAIL") || l.equals("ui-driver: DONE"), 240);
                keepScreenshots(shots); // for a look, whatever follows
                if (s.stdout().contains("ui-driver: PASS close")) {
                    assertTrue(s.isAlive(), "closing the window ended Scrim; stderr:\n" + s.stderr());
                    // a second start brings the running window back and ends at once (one instance)
                    try (Scrim second = Scrim.start(home, env(x.display, "none"))) {
                        int status = second.waitFor(60);
                        assertEquals(0, status, "a second ./scrim must bring the window forward and exit 0; stderr:\n" + second.stderr());
                    }
                }
                int status = s.waitFor(180);
                stdout = s.stdout();
                assertEquals(0, status, "Quit in the tray menu must end scrim with 0; stdout:\n" + stdout + "\nstderr:\n" + s.stderr());
            }
        }
        Map<String, String> passed = report(stdout);
        assertEquals(STEPS, List.copyOf(passed.keySet()), "steps passed, in order; stdout:\n" + stdout);
        for (String name : SHOTS) {
            Path png = shots.resolve(name);
            assertTrue(Files.isRegularFile(png), "no screenshot " + png);
            BufferedImage image = ImageIO.read(png.toFile());
            assertTrue(image != null && image.getWidth() >= 640, name + " is not a picture of the screen");
        }
    }

    @Test
    void withoutATrayBackgroundShowsTheWindowAndClosingItQuits() throws Exception {
        assumeDesktop(null);
        dropDriver();
        try (XServer x = XServer.start(home.resolve("xvfb.log"));
                Scrim s = Scrim.start(home, env(x.display, "notray"), "--background", "--input", "pattern", "--size", "640x360", "--model", "scene")) {
            int status = s.waitFor(180);
            assertEquals(0, status, "closing the window without a tray must end scrim with 0; stdout:\n" + s.stdout() + "\nstderr:\n" + s.stderr());
            assertEquals(List.of("notray"), List.copyOf(report(s.stdout()).keySet()), "stdout:\n" + s.stdout());
            assertTrue(s.stderr().contains("no system tray"), "--background without a tray must say why it shows the window; stderr:\n" + s.stderr());
        }
    }

    /** Copies the screenshots taken so far into target/ui-screenshots. */
    private static void keepScreenshots(Path shots) throws IOException {
        Path target = Files.createDirectories(Scrim.DISTRIBUTION.getParent().resolve("ui-screenshots"));
        for (String name : SHOTS) {
            if (Files.isRegularFile(shots.resolve(name))) {
                Files.copy(shots.resolve(name), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void dropDriver() throws IOException {
        Path load = Files.createDirectories(home.resolve("load"));
        Files.copy(Scrim.testPlugin("scrim.test.uidriver"), load.resolve("scrim.test.uidriver.jar"));
    }

    private Map<String, String> env(String display, String drive) throws IOException {
        Map<String, String> env = new HashMap<>(Scrim.session(home));
        env.put("DISPLAY", display);
        env.put("GDK_BACKEND", "x11");
        env.put("NO_AT_BRIDGE", "1");
        env.put("SCRIM_UI_DRIVE", drive);
        return env;
    }

    /** The driver's PASS lines by step; fails on a FAIL line or a missing DONE. */
    private static Map<String, String> report(String stdout) {
        Map<String, String> passed = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^ui-driver: (PASS|FAIL) (\\S+) ?(.*)$").matcher(stdout);
        while (m.find()) {
            if (m.group(1).equals("PASS")) {
                passed.put(m.group(2), m.group(3));
            } else {
                failed.add(m.group(2) + ": " + m.group(3));
            }
        }
        assertTrue(failed.isEmpty(), "the driver failed: " + failed + "\nstdout:\n" + stdout);
        assertTrue(stdout.contains("ui-driver: DONE"), "the driver did not finish; stdout:\n" + stdout);
        return passed;
    }

    private static void assumeDesktop(String windowManager) {
        for (String program : windowManager == null ? List.of("Xvfb") : List.of("Xvfb", windowManager, "xwininfo")) {
            if (!XServer.onPath(program)) {
                String why = program + " is not installed, so the tray cannot be tested: skipped (sudo apt-get install xvfb icewm x11-utils; "
                        + "CI's .ci/run does)";
                System.out.println("tray test: " + why);
                assumeTrue(false, why);
            }
        }
    }

    /** icewm on the display, once its system tray is there (its window "SystemTray" exists). */
    private static final class Desktop implements AutoCloseable {

        private final Process process;

        private Desktop(Process process) {
            this.process = process;
        }

        static Desktop start(String display, Path log) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder("icewm").redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("DISPLAY", display);
            Desktop d = new Desktop(pb.start());
            long deadline = System.currentTimeMillis() + 20_000;
            while (!trayShown(display)) {
                if (System.currentTimeMillis() > deadline || !d.process.isAlive()) {
                    d.close();
                    throw new AssertionError("icewm showed no system tray within 20 s: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
            return d;
        }

        private static boolean trayShown(String display) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder("xwininfo", "-root", "-tree").redirectErrorStream(true);
            pb.environment().put("DISPLAY", display);
            Process p = pb.start();
            String tree = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 && tree.contains("\"SystemTray\"");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
