package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Background gallery in the real window under Xvfb, driven by scrim.test.uidriver's
 * GalleryDriver: the view is first with its built-in and shipped tiles and live thumbnails
 * (gallery.png, on the test scene); clicking tiles changes the running chain; a backgrounds
 * bundle put into the load folder adds its tiles and taking it out removes them; two pictures
 * dropped onto the window are copied into the backgrounds folder and get tiles, the last is
 * applied and the output file's background turns into it; Remove in the other's tile menu takes it
 * away; at 1024x640 the gallery still fits. A second start takes gallery-portrait.png
 * on a portrait photo as the camera.
 */
class GalleryTest {

    private static final List<String> STEPS = List.of("window", "gallery", "tiles", "bundle", "video", "drop", "small");
    private static final Path PORTRAIT = Path.of(System.getProperty("scrim.testdata", "../../../shared/testdata")).resolve("portraits/images/10.jpg");
    /** BT.601 limited-range YUV of pure magenta, as the picture effect converts it (±3 for rounding on the way). */
    private static final int[] MAGENTA_YUV = {107, 202, 222};

    @TempDir
    Path home;

    @Test
    void choosingAddingAndDroppingBackgroundsInTheGallery() throws Exception {
        if (!XServer.onPath("Xvfb")) {
            String why = "Xvfb is not installed, so the gallery cannot be tested: skipped (install it with: sudo apt-get install xvfb libgtk-3-0)";
            System.out.println("gallery test: " + why);
            assumeTrue(false, why);
        }
        Path load = Files.createDirectories(home.resolve("load"));
        Files.copy(Scrim.testPlugin("scrim.test.uidriver"), load.resolve("scrim.test.uidriver.jar"));
        Path magenta = picture(home.resolve("dropped/magenta.png"), Color.MAGENTA);
        Path bundle = backgroundsBundle(home.resolve("scrim.test.backgrounds.jar"));
        Path shots = home.resolve("shots");
        Path out = home.resolve("out.y4m");

        preset("--input", "pattern", "--model", "scene", "--output", out.toString());
        Map<String, String> env = new HashMap<>();
        env.put("SCRIM_UI_DRIVE", "gallery");
        env.put("SCRIM_UI_BACKGROUNDS_BUNDLE", bundle.toString());
        env.put("SCRIM_UI_DROP", magenta.toString());
        env.put("SCRIM_UI_DROP_VIDEO", video(home.resolve("dropped/clip.avi")).toString());
        env.put("SCRIM_UI_DROP_OTHER", picture(home.resolve("dropped/olive.jpg"), new Color(0x808000)).toString());
        Map<String, String> passed = window(env, shots);
        assertEquals(STEPS, List.copyOf(passed.keySet()), "steps passed, in order: " + passed);
        passed.forEach((step, details) -> System.out.println("gallery test: " + step + ": " + details));

        // the drop copied the file (the original stays) and the output's background became it
        Path copy = home.resolve("data/scrim/backgrounds/magenta.png");
        assertTrue(Files.isRegularFile(copy) && Files.isRegularFile(magenta), "the dropped picture was not copied into " + copy);
        byte[][] last = {null};
        Y4m v = new Y4m(out, frame -> last[0] = frame.clone());
        for (int[] at : new int[][] {{4, 4}, {v.width - 5, 4}, {4, v.height - 5}, {v.width - 5, v.height - 5}}) {
            int y = v.y(last[0], at[0], at[1]);
            int u = v.u(last[0], at[0], at[1]);
            int vv = v.v(last[0], at[0], at[1]);
            assertTrue(Math.abs(y - MAGENTA_YUV[0]) <= 3 && Math.abs(u - MAGENTA_YUV[1]) <= 3 && Math.abs(vv - MAGENTA_YUV[2]) <= 3,
                    String.format(Locale.ROOT, "the last frame at (%d,%d) is Y %d U %d V %d, not the dropped magenta picture", at[0], at[1], y, u, vv));
        }

        // the same gallery on a portrait photo as the camera, with the real model
        assumeTrue(Files.isRegularFile(PORTRAIT), "no portrait at " + PORTRAIT.toAbsolutePath() + " (../shared beside the clone): second shot skipped");
        preset("--input", PORTRAIT.toAbsolutePath().toString(), "--model", "general", "--effect", "blur");
        Map<String, String> shot = window(Map.of("SCRIM_UI_DRIVE", "galleryshot", "SCRIM_UI_SHOT_NAME", "gallery-portrait.png"), shots);
        assertEquals(List.of("window", "gallery"), List.copyOf(shot.keySet()), "portrait run: " + shot);

        Path target = Scrim.DISTRIBUTION.getParent();
        for (String name : List.of("gallery.png", "gallery-portrait.png", "gallery-small.png")) {
            assertTrue(Files.isRegularFile(shots.resolve(name)), "no screenshot " + name);
            Files.createDirectories(target.resolve("ui-screenshots"));
            Files.copy(shots.resolve(name), target.resolve("ui-screenshots").resolve(name), StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("scrim.updateDocs")) { // only when asked: a build never changes tracked files
                Path docs = target.getParent().getParent().getParent().resolve("docs/ui");
                Files.copy(shots.resolve(name), docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A headless start that saves the setup the window then resumes. */
    private void preset(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("start", "--size", "640x360"));
        all.addAll(List.of(args));
        try (Scrim s = Scrim.start(home, all.toArray(String[]::new))) {
            s.awaitErr(l -> l.matches("scrim: [1-9][0-9]* frames,.*"), 120);
            s.stop();
            s.waitFor(60);
        }
        Path out = home.resolve("out.y4m");
        if (Files.exists(out)) {
            Files.delete(out); // the window's run writes it anew
        }
    }

    /** Runs bare ./scrim with a display and the driver; returns the steps passed, failing on a failed one. */
    private Map<String, String> window(Map<String, String> drive, Path shots) throws Exception {
        try (XServer x = XServer.start(home.resolve("xvfb.log"))) {
            Map<String, String> env = new HashMap<>(drive);
            env.put("DISPLAY", x.display);
            env.put("GDK_BACKEND", "x11");
            env.put("NO_AT_BRIDGE", "1");
            env.put("SCRIM_UI_SHOTS", shots.toString());
            try (Scrim s = Scrim.start(home, env)) {
                int status = s.waitFor(300);
                String stdout = s.stdout();
                assertEquals(0, status, "closing the window must end scrim with 0; stdout:\n" + stdout + "\nstderr:\n" + s.stderr());
                Map<String, String> passed = new LinkedHashMap<>();
                boolean done = false;
                for (String line : stdout.split("\n")) {
                    Matcher m = Pattern.compile("^ui-driver: (PASS|FAIL) (\\S+) ?(.*)$").matcher(line.strip());
                    if (m.matches()) {
                        assertEquals("PASS", m.group(1), "the gallery driver failed: " + line + "\nstderr:\n" + s.stderr());
                        passed.put(m.group(2), m.group(3));
                    }
                    done |= line.strip().equals("ui-driver: DONE");
                }
                assertTrue(done, "the driver did not finish; stdout:\n" + stdout + "\nstderr:\n" + s.stderr());
                return passed;
            }
        }
    }

    /** A Motion-JPEG AVI made by ffmpeg, the kind of video Scrim takes as a background. */
    private static Path video(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=15", "-frames:v", "30",
                "-c:v", "mjpeg", file.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "ffmpeg could not make " + file + " (is ffmpeg installed?)");
        return file;
    }

    private static Path picture(Path file, Color colour) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 640, 360);
        g.dispose();
        ImageIO.write(image, file.toString().endsWith(".jpg") ? "jpg" : "png", file.toFile());
        return file;
    }

    /** A bundle that carries one background the way scrim.backgrounds does: a descriptor and a picture. */
    private Path backgroundsBundle(Path jar) throws IOException {
        Path teal = picture(home.resolve("bundle-src/teal.png"), new Color(0x008080));
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "scrim.test.backgrounds");
        a.putValue("Bundle-Version", "1.0.0");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, m)) {
            for (String folder : List.of("OSGI-INF/", "OSGI-INF/scrim/", "OSGI-INF/scrim/backgrounds/", "pictures/")) {
                out.putNextEntry(new JarEntry(folder)); // as jar tools write them
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("OSGI-INF/scrim/backgrounds/teal.properties"));
            out.write("label=Teal\nfile=pictures/teal.png\nlicence=Apache-2.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("pictures/teal.png"));
            out.write(Files.readAllBytes(teal));
            out.closeEntry();
        }
        return jar;
    }
}
