package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example effect (examples/vignette-effect) builds outside Scrim's build against this
 * distribution, as docs/writing-an-effect.md tells a plugin author to, and its jar
 * hot-installs into a running pipeline: frames pass through until the jar is dropped into the
 * load folder, then the background darkens towards the corners while the person stays as the
 * camera saw them. The model (scene) is the test pattern's exact mask and the pattern's wall
 * is static, so fixed pixels can be compared across frames.
 */
class ExampleEffectTest {

    /** Background in every frame: the top corners, and the top middle (above the ball and the head). */
    private static final int[][] CORNERS = {{4, 4}, {315, 4}};
    private static final int[] TOP_MIDDLE = {160, 30};
    /** Person in every frame: low in the torso, which spans the middle wherever the figure sways. */
    private static final int[][] PERSON = {{160, 200}, {160, 235}};
    private static final int BLACK = 16;

    @TempDir
    Path home;

    @Test
    void exampleBuildsAgainstTheDistributionAndHotInstalls() throws Exception {
        Path jar = buildExample();

        Path out = home.resolve("vignette.y4m");
        try (Scrim s = Scrim.start(home, "run", "--input", "pattern", "--size", "320x240", "--fps", "30", "--frames", "450",
                "--model", "scene", "--effect", "vignette", "--wait-for-plugins", "--output", out.toString())) {
            s.awaitErr(l -> l.contains("effect 'vignette' is not installed"), 60);
            s.awaitErr(l -> l.contains("frames,") && l.contains("effects []"), 30);
            s.drop(jar, "scrim.example.vignette.jar");
            s.awaitErr(l -> l.contains("effects [vignette]"), 30);
            assertEquals(0, s.waitFor(120), s.stderr());
        }

        Y4m video = new Y4m(out);
        assertEquals(450, video.frames.size());
        // frame 0 is passthrough for certain: the jar was not there yet
        byte[] first = video.frames.get(0);
        StringBuilder kinds = new StringBuilder();
        for (int i = 0; i < video.frames.size(); i++) {
            byte[] f = video.frames.get(i);
            for (int[] p : PERSON) {
                assertTrue(Math.abs(video.y(f, p[0], p[1]) - video.y(first, p[0], p[1])) <= 1,
                        "frame " + i + ": the person at " + p[0] + "," + p[1] + " changed from luma " + video.y(first, p[0], p[1])
                                + " to " + video.y(f, p[0], p[1]));
            }
            boolean unchanged = Math.abs(video.y(f, TOP_MIDDLE[0], TOP_MIDDLE[1]) - video.y(first, TOP_MIDDLE[0], TOP_MIDDLE[1])) <= 1;
            double middleKept = kept(video, f, first, TOP_MIDDLE);
            boolean vignette = middleKept < 0.95;
            for (int[] c : CORNERS) {
                unchanged &= Math.abs(video.y(f, c[0], c[1]) - video.y(first, c[0], c[1])) <= 1;
                // default strength 0.6: about 0.44 of the wall's brightness above black is left in the
                // corners and 0.83 in the top middle, so the corners must be clearly the darker
                double cornerKept = kept(video, f, first, c);
                vignette &= cornerKept < 0.6 && cornerKept < middleKept - 0.2;
            }
            kinds.append(unchanged ? 'P' : vignette ? 'V' : '?');
        }
        String k = kinds.toString();
        System.out.println("[example] frames: " + k);
        assertTrue(k.matches("P{10,}V{30,}"), "expected passthrough (P), then the vignette (V) to the end: " + k);
    }

    /** How much of the passthrough luma above black is left at a pixel. */
    private static double kept(Y4m video, byte[] frame, byte[] passthrough, int[] at) {
        return (video.y(frame, at[0], at[1]) - BLACK) / (double) (video.y(passthrough, at[0], at[1]) - BLACK);
    }

    /**
     * Builds the example with the repository's Maven wrapper, exactly as the guide says; offline
     * only when asked with -Dscrim.offline=true (CI has the network, and the first build fetches
     * bnd-maven-plugin). Returns the bundle.
     */
    private Path buildExample() throws Exception {
        Path repo = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("../..").normalize();
        Path mvnw = repo.resolve("mvnw");
        Path project = repo.resolve("examples/vignette-effect");
        assertTrue(Files.isExecutable(mvnw) && Files.isRegularFile(project.resolve("pom.xml")),
                "no repository with mvnw and examples/vignette-effect at " + repo);
        List<String> command = new ArrayList<>(List.of(mvnw.toString(), "-B", "-q", "-f", project.resolve("pom.xml").toString(),
                "package", "-Dscrim.home=" + Scrim.DISTRIBUTION));
        if (Boolean.getBoolean("scrim.offline")) {
            command.add(1, "-o");
        }
        System.out.println("[example] " + String.join(" ", command));
        Path log = home.resolve("example-build.log");
        Process build = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        build.getOutputStream().close();
        if (!build.waitFor(10, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new AssertionError("building the example took over 10 minutes: " + String.join(" ", command) + "\n" + Files.readString(log));
        }
        assertEquals(0, build.exitValue(), "building the example failed: " + String.join(" ", command) + "\n" + Files.readString(log));
        Path jar = project.resolve("target/scrim.example.vignette-1.0.0.jar");
        assertTrue(Files.isRegularFile(jar), "the example build made no " + jar + "\n" + Files.readString(log));
        return jar;
    }
}
