package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scrim bench}: its figures, the latency of an output in real time, and what the hot path allocates. */
class BenchTest {

    /**
     * Heap bytes the engine's threads may allocate per frame. Measured: 1 to 33 bytes once
     * nothing on the hot path makes an object per frame (the JDK's blocking queue allocates
     * about 32 bytes for a wait); every JavaCPP pointer made per frame adds about 96 (five of
     * them, from Mat.data(), made 480 bytes per frame), a String.format about 1300. So the
     * bound is two queue waits, below one pointer per frame.
     */
    private static final double HEAP_BYTES_PER_FRAME = 64;
    /** JavaCPP objects left alive per frame: 0 measured; a Mat or Size not closed per frame gives 1. */
    private static final double NATIVE_OBJECTS_PER_FRAME = 0.05;

    @TempDir
    Path home;

    @Test
    void benchEndsWithOneJsonLineOfFigures() throws Exception {
        Path out = home.resolve("bench.y4m");
        String json = bench("--input", "pattern", "--size", "1280x720", "--frames", "300", "--effect", "blur", "--output", out.toString());
        // every stage runs (a model, an effect, an output), so every figure is positive
        for (String stage : new String[] {"capture", "segment", "refine", "compose", "sink"}) {
            assertTrue(number(json, stage) > 0, stage + " in " + json);
        }
        assertTrue(number(json, "blur") > 0, json);
        for (String key : new String[] {"fps", "cpu_ms_per_frame", "peak_rss_mb", "frames"}) {
            assertTrue(number(json, key) > 0, key + " in " + json);
        }
        assertTrue(json.contains("\"size\":\"1280x720\""), json);
        assertTrue(json.contains("\"model\":\"landscape\"") && json.contains("\"effects\":[\"blur\"]"), json);
        assertTrue(json.contains("\"realtime\":false"), json);
        double p50 = latency(json, out, "p50");
        double p99 = latency(json, out, "p99");
        assertTrue(p50 > 0 && p99 >= p50, json);
        assertTrue(number(json, "heap_bytes_per_frame") >= 0, json);
        number(json, "native_bytes_per_frame");
        number(json, "native_objects_per_frame");
    }

    /**
     * Lip sync: paced like a camera at 30 fps, a frame reaches the output within one frame
     * interval plus the processing time (the aim; the median is held to it, as the 99th
     * percentile depends on the machine's load).
     */
    @Test
    void realTimeLatencyIsAtMostOneFrameIntervalPlusTheProcessing() throws Exception {
        Path out = home.resolve("realtime.y4m");
        String json = bench("--realtime", "--fps", "30", "--input", "pattern", "--size", "1280x720", "--frames", "240", "--effect", "blur",
                "--output", out.toString());
        assertTrue(json.contains("\"realtime\":true"), json);
        double fps = number(json, "fps");
        assertTrue(fps > 20 && fps < 31, "paced at 30 fps, never faster: " + json);
        double processing = 0;
        for (String stage : new String[] {"capture", "segment", "refine", "compose", "sink"}) {
            processing += number(json, stage);
        }
        double p50 = latency(json, out, "p50");
        double p99 = latency(json, out, "p99");
        assertTrue(p50 > 0 && p99 >= p50, json);
        assertTrue(p50 <= 1000.0 / 30 + processing, "median latency " + p50 + " ms is more than one frame interval (33.3 ms) plus the "
                + "processing (" + processing + " ms): " + json);
    }

    @Test
    void theHotPathAllocatesAlmostNothingPerFrameAt640x360() throws Exception {
        assertAllocationsWithinBounds("640x360");
    }

    @Test
    void theHotPathAllocatesAlmostNothingPerFrameAt1280x720() throws Exception {
        assertAllocationsWithinBounds("1280x720");
    }

    private void assertAllocationsWithinBounds(String size) throws Exception {
        String json = bench("--input", "pattern", "--size", size, "--frames", "600", "--effect", "blur", "--output",
                home.resolve(size + ".y4m").toString());
        assertTrue(json.contains("\"model\":\"landscape\""), "the default model: " + json);
        double heap = number(json, "heap_bytes_per_frame");
        assertTrue(heap >= 0 && heap <= HEAP_BYTES_PER_FRAME, "the engine's threads allocated " + heap + " heap bytes per frame, more than "
                + HEAP_BYTES_PER_FRAME + ": something on the hot path makes objects per frame (profile it with JFR's "
                + "jdk.ObjectAllocationSample): " + json);
        double objects = number(json, "native_objects_per_frame");
        assertTrue(objects <= NATIVE_OBJECTS_PER_FRAME, objects + " JavaCPP objects per frame stay alive: a native object made per frame"
                + " is not closed: " + json);
    }

    /** Runs bench and returns its last line, which must be one JSON object. */
    private String bench(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "bench";
        System.arraycopy(args, 0, command, 1, args.length);
        Scrim s = Scrim.run(home, 180, command);
        assertEquals(0, s.exitValue(), s.stderr());
        String[] lines = s.stdout().strip().split("\n");
        String json = lines[lines.length - 1];
        assertTrue(json.startsWith("{") && json.endsWith("}"), json);
        assertTrue(s.stdout().contains("latency") && s.stdout().contains("heap"), "the text shows the figures too: " + s.stdout());
        return json;
    }

    /** The number after "key": (the first one); fails when it is missing or not a number. */
    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":(-?[0-9.]+)").matcher(json);
        assertTrue(m.find(), key + " is missing or not a number in " + json);
        return Double.parseDouble(m.group(1));
    }

    private static double latency(String json, Path output, String percentile) {
        String key = "\"" + output.toAbsolutePath() + "\":{\"p50\":";
        int at = json.indexOf("\"latency_ms\":{");
        assertTrue(at >= 0 && json.indexOf(key, at) > 0, "no latency for " + output + " in " + json);
        return number(json.substring(json.indexOf(key, at)), percentile);
    }
}
