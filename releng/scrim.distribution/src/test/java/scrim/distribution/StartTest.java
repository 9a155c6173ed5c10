package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping with Ctrl-C (SIGTERM here) completes the output; the next start resumes the setup. */
class StartTest {

    @TempDir
    Path home;

    @Test
    void stoppingCompletesTheFileAndTheNextStartResumes() throws Exception {
        Path out = home.resolve("live.y4m");
        try (Scrim s = Scrim.start(home, "start", "--input", "pattern", "--size", "320x240", "--mirror", "--output", out.toString())) {
            s.awaitErr(l -> l.matches("scrim: [1-9][0-9]* frames,.*"), 60);
            s.stop();
            s.waitFor(60);
        }
        assertFalse(Files.exists(home.resolve("live.y4m.part")), "renamed when stopped");
        String[] first = CommandsTest.ffprobe(out, "stream=width,height,nb_read_frames").split(",");
        assertEquals("320", first[0]);
        assertEquals("240", first[1]);
        assertTrue(Integer.parseInt(first[2]) > 0, "frames written before the stop are all there");
        Files.delete(out);

        // no options: the saved setup (input, size, output, mirror) comes back
        try (Scrim s = Scrim.start(home, "start")) {
            s.awaitErr(l -> l.matches("scrim: [1-9][0-9]* frames,.*"), 60);
            s.stop();
            s.waitFor(60);
        }
        assertEquals("320,240", CommandsTest.ffprobe(out, "stream=width,height"));
        assertTrue(Files.isDirectory(home.resolve("config/scrim/config")), "saved under XDG_CONFIG_HOME");
    }
}
