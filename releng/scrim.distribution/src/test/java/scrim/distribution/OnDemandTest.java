package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scrim bench --idle}: the real ./scrim goes idle with nobody watching, says what idle costs, and wakes for a preview. */
class OnDemandTest {

    @TempDir
    Path home;

    @Test
    void benchIdlePrintsTheIdleCostAndTheTimeToTheFirstLiveFrame() throws Exception {
        Scrim s = Scrim.run(home, 180, "bench", "--idle", "5", "--input", "pattern", "--size", "1280x720", "--effect", "blur");
        assertEquals(0, s.exitValue(), s.stderr());
        String[] lines = s.stdout().strip().split("\n");
        String json = lines[lines.length - 1];
        assertTrue(json.startsWith("{") && json.endsWith("}"), json);
        System.out.println("on demand: " + json);
        assertEquals(5, number(json, "idle_seconds"));
        double cpu = number(json, "idle_cpu_ms_per_s");
        assertTrue(cpu >= 0 && cpu < 1000, "CPU ms per second is a share of one core or more: " + json);
        assertTrue(number(json, "idle_rss_mb") > 0, json);
        double wake = number(json, "wake_ms");
        assertTrue(wake > 0 && wake < 30_000, "a preview got a processed frame: " + json);
        assertTrue(s.stdout().contains("ms CPU per second while idle"), "the text shows the figures too: " + s.stdout());
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":(-?[0-9.]+)").matcher(json);
        assertTrue(m.find(), key + " is missing or not a number in " + json);
        return Double.parseDouble(m.group(1));
    }
}
