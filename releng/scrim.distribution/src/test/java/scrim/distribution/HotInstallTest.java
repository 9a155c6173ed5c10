package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run names an effect that is not installed: frames pass through and the run says so. The
 * effect's bundle is dropped into the load folder and the output changes without a restart;
 * removing the jar returns to passthrough. The effect (scrim.test.fill) paints the background
 * magenta; the model (scene) is the test pattern's exact mask, so both states are exact.
 */
class HotInstallTest {

    @TempDir
    Path home;

    @Test
    void effectBundleInstallsAndUninstallsIntoARunningPipeline() throws Exception {
        Path jar = Scrim.testPlugin("scrim.test.fill");
        Path out = home.resolve("hot.y4m");
        try (Scrim s = Scrim.start(home, "run", "--input", "pattern", "--size", "320x240", "--fps", "30", "--frames", "450",
                "--model", "scene", "--effect", "testfill", "--wait-for-plugins", "--output", out.toString())) {
            s.awaitErr(l -> l.contains("effect 'testfill' is not installed"), 60);
            s.awaitErr(l -> l.contains("frames,") && l.contains("effects []"), 30);
            s.drop(jar, "scrim.test.fill.jar");
            s.awaitErr(l -> l.contains("effects [testfill]"), 30);
            Thread.sleep(2000);
            Files.delete(s.load.resolve("scrim.test.fill.jar"));
            assertEquals(0, s.waitFor(120), s.stderr());
        }

        Y4m video = new Y4m(out);
        assertEquals(450, video.frames.size());
        // classify every frame: passthrough (no magenta at all) or filled (background magenta)
        StringBuilder kinds = new StringBuilder();
        int personPixels = -1;
        for (byte[] f : video.frames) {
            int magenta = video.fillPixels(f);
            int total = video.width * video.height;
            if (magenta == 0) {
                kinds.append('P');
            } else {
                kinds.append('F');
                // the figure only moves, so what is not magenta has the same area in every filled frame
                int kept = total - magenta;
                assertTrue(kept > total / 10 && kept < total * 6 / 10, "person area " + kept + " of " + total);
                if (personPixels < 0) {
                    personPixels = kept;
                }
                assertTrue(Math.abs(kept - personPixels) < total / 100, "person area " + kept + " vs " + personPixels);
            }
        }
        String k = kinds.toString();
        assertTrue(k.matches("P{10,}F{30,}P{10,}"), "expected passthrough, then filled, then passthrough again: " + k);
    }
}
