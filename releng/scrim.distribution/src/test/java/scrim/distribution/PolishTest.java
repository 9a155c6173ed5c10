package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's polish in the real window under Xvfb, driven by scrim.test.uidriver's
 * PolishDriver: the virtual camera switch's texts fit it at the default size and at 1024x640;
 * every focusable control has an accessible name; the preview's picture fills its canvas's
 * width or height with its shape; at 1024x640 every view's controls are inside the window;
 * Ctrl+2, Ctrl+B (on and back), Ctrl+1 and Ctrl+4 pressed as real keys do what they say, and a
 * plain key still reaches a text field; Ctrl+Q ends Scrim with 0. A second start with the same
 * config folder opens the window where the first left it, with the view it showed.
 */
class PolishTest {

    private static final List<String> FIRST = List.of("window", "toggle", "names", "small", "shortcuts", "placed", "quit");
    private static final List<String> SECOND = List.of("window", "remembered");

    @TempDir
    Path home;

    @Test
    void shortcutsNamesSmallWindowAndRememberedPlace() throws Exception {
        if (!XServer.onPath("Xvfb")) {
            String why = "Xvfb is not installed, so the window cannot be tested: skipped (install it with: sudo apt-get install xvfb libgtk-3-0)";
            System.out.println("polish test: " + why);
            assumeTrue(false, why);
        }
        Path load = Files.createDirectories(home.resolve("load"));
        Files.copy(Scrim.testPlugin("scrim.test.uidriver"), load.resolve("scrim.test.uidriver.jar"));
        Path shots = home.resolve("shots");
        try (Scrim s = Scrim.start(home, "start", "--input", "pattern", "--size", "640x360", "--model", "scene")) {
            s.awaitErr(l -> l.matches("scrim: [1-9][0-9]* frames,.*"), 120);
            s.stop();
            s.waitFor(60);
        }

        Map<String, String> first = window("polish", shots);
        assertEquals(FIRST, List.copyOf(first.keySet()), "steps passed, in order (the last, quit, by Ctrl+Q): " + first);
        first.forEach((step, details) -> System.out.println("polish test: " + step + ": " + details));
        Map<String, String> second = window("polishagain", shots);
        assertEquals(SECOND, List.copyOf(second.keySet()), "second start: " + second);
        second.forEach((step, details) -> System.out.println("polish test: again " + step + ": " + details));

        Path target = Scrim.DISTRIBUTION.getParent();
        for (String name : List.of("window.png", "window-small.png")) {
            assertTrue(Files.isRegularFile(shots.resolve(name)), "no screenshot " + name);
            Files.createDirectories(target.resolve("ui-screenshots"));
            Files.copy(shots.resolve(name), target.resolve("ui-screenshots").resolve(name), StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("scrim.updateDocs")) { // only when asked: a build never changes tracked files
                Files.copy(shots.resolve(name), target.getParent().getParent().getParent().resolve("docs/ui").resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Runs bare ./scrim with a display and the driver in {@code mode}; returns the steps passed.
     * Scrim must end by itself with 0: by Ctrl+Q in the first run, by the driver closing the window in the second.
     */
    private Map<String, String> window(String mode, Path shots) throws Exception {
        try (XServer x = XServer.start(home.resolve("xvfb-" + mode + ".log"))) {
            Map<String, String> env = new HashMap<>();
            env.put("SCRIM_UI_DRIVE", mode);
            env.put("DISPLAY", x.display);
            env.put("GDK_BACKEND", "x11");
            env.put("NO_AT_BRIDGE", "1");
            env.put("SCRIM_UI_SHOTS", shots.toString());
            try (Scrim s = Scrim.start(home, env)) {
                s.awaitOut(l -> l.strip().equals("ui-driver: DONE"), 300);
                int status = s.waitFor(60); // after DONE: Ctrl+Q or the closed window ends it soon
                String stdout = s.stdout();
                assertEquals(0, status, "scrim must end with 0; stdout:\n" + stdout + "\nstderr:\n" + s.stderr());
                Map<String, String> passed = new LinkedHashMap<>();
                for (String line : stdout.split("\n")) {
                    Matcher m = Pattern.compile("^ui-driver: (PASS|FAIL) (\\S+) ?(.*)$").matcher(line.strip());
                    if (m.matches()) {
                        assertEquals("PASS", m.group(1), "the polish driver failed: " + line + "\nstderr:\n" + s.stderr());
                        passed.put(m.group(2), m.group(3));
                    }
                }
                return passed;
            }
        }
    }
}
