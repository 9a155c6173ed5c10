package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's commands, run as a user runs them. */
class CommandsTest {

    @TempDir
    Path home;

    @Test
    void runWritesExactlyTheAskedFramesThatFfprobeReads() throws Exception {
        Path out = home.resolve("a.y4m");
        Scrim s = Scrim.run(home, 120, "run", "--input", "pattern", "--output", out.toString(), "--size", "1280x720",
                "--fps", "30", "--frames", "300");
        assertEquals(0, s.exitValue(), s.stderr());
        assertEquals("1280,720,30/1,300", ffprobe(out, "stream=width,height,nb_read_frames,r_frame_rate"));
        assertFalse(Files.exists(home.resolve("a.y4m.part")), "no partial file left");
        assertTrue(s.stderr().contains("done, 300 frames written"), s.stderr());
    }

    @Test
    void listShowsTheInstalledParts() throws Exception {
        Scrim s = Scrim.run(home, 60, "list");
        assertEquals(0, s.exitValue(), s.stderr());
        String out = s.stdout();
        assertTrue(out.contains("Inputs") && out.contains("pattern"), out);
        assertTrue(out.contains("Models") && out.contains("scene"), out);
        assertTrue(out.contains("Effects") && out.contains("Outputs"), out);
    }

    @Test
    void helpDocumentsEveryCommand() throws Exception {
        Scrim s = Scrim.run(home, 60, "--help");
        assertEquals(0, s.exitValue(), s.stderr());
        for (String word : new String[] {"scrim run", "scrim bench", "scrim list", "scrim start", "--input", "--output", "--size",
                "--fps", "--effect", "--model", "--mirror", "--frames", "--wait-for-plugins"}) {
            assertTrue(s.stdout().contains(word), word + " is not documented");
        }
    }

    @Test
    void aStillPictureBecomesAVideoOfItsOwnSize() throws Exception {
        Path picture = home.resolve("still.png");
        Path out = home.resolve("still.y4m");
        // ffmpeg makes the picture, so the decoder under test is not the one that wrote it
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=322x180", "-frames:v", "1",
                picture.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        Scrim s = Scrim.run(home, 60, "run", "--input", picture.toString(), "--output", out.toString(), "--frames", "10");
        assertEquals(0, s.exitValue(), s.stderr());
        assertEquals("322,180,10", ffprobe(out, "stream=width,height,nb_read_frames"));
    }

    @Test
    void aMotionJpegVideoIsRead() throws Exception {
        Path video = home.resolve("clip.avi");
        Path out = home.resolve("clip.y4m");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "20",
                "-c:v", "mjpeg", video.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        Scrim s = Scrim.run(home, 60, "run", "--input", video.toString(), "--output", out.toString(), "--size", "160x120");
        assertEquals(0, s.exitValue(), s.stderr());
        assertEquals("160,120,20", ffprobe(out, "stream=width,height,nb_read_frames"), "the whole clip, then the run ends");
    }

    static String ffprobe(Path file, String entries) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", entries,
                "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "ffprobe failed (is ffmpeg installed?): " + text);
        return text;
    }
}
