package scrim.test.churn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import scrim.api.PipelineStatus;

/**
 * One line of the driver's report: {@code key=value} fields separated by spaces, values without
 * spaces, in a fixed order. The test reads the fields by name, so a new check is one more
 * {@code put} here and one assertion there.
 */
final class StatusLine {

    /** The engine's threads, by name prefix: exactly one of each while a run is going. */
    private static final String[] ENGINE_THREADS = {"scrim-capture", "scrim-segment", "scrim-compose"};

    private StatusLine() {
    }

    /**
     * What the pipeline reports, what the driver asked for ({@code want_*}) and what the process
     * shows (resident memory, of it the Java heap and non-heap committed, engine threads alive).
     */
    static Map<String, String> fields(double seconds, int step, PipelineStatus s, Schedule want, boolean testfillListed,
            FrameTally tally, long window) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("t", String.format(Locale.ROOT, "%.1f", seconds));
        f.put("step", String.valueOf(step));
        f.put("state", String.valueOf(s.state()));
        f.put("source", s.source() == null ? "-" : s.source().equals(want.source) ? want.sourceName() : s.source());
        f.put("want_source", want.sourceName());
        f.put("size", s.format() == null ? "-" : s.format().width() + "x" + s.format().height());
        f.put("want_size", want.width + "x" + want.height);
        f.put("want_mirror", String.valueOf(want.mirror));
        f.put("segmenter", s.segmenter() == null ? "-" : s.segmenter());
        f.put("want_segmenter", want.segmenter.isEmpty() ? "auto" : want.segmenter);
        f.put("effects", list(s.effects()));
        f.put("want_effects", list(want.effects));
        f.put("plugin", want.pluginIn ? "in" : "out");
        f.put("testfill", testfillListed ? "listed" : "absent");
        f.put("written", String.valueOf(s.written()));
        f.put("total", String.valueOf(tally.total()));
        f.put("window", String.valueOf(window));
        f.put("runs", String.valueOf(tally.runs()));
        f.put("captured", String.valueOf(s.captured()));
        f.put("dropped", String.valueOf(s.dropped()));
        f.put("fps", String.format(Locale.ROOT, "%.1f", s.fps()));
        f.put("problems", String.valueOf(s.problems().size()));
        f.put("frames_in_use", String.valueOf(s.framesInUse()));
        f.put("rss_kb", String.valueOf(residentKilobytes()));
        // the Java part of resident memory, so a growth can be told apart from native memory
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        f.put("heap_kb", String.valueOf(memory.getHeapMemoryUsage().getCommitted() / 1024));
        f.put("nonheap_kb", String.valueOf(memory.getNonHeapMemoryUsage().getCommitted() / 1024));
        int[] threads = engineThreads();
        f.put("capture_threads", String.valueOf(threads[0]));
        f.put("segment_threads", String.valueOf(threads[1]));
        f.put("compose_threads", String.valueOf(threads[2]));
        return f;
    }

    /**
     * What is left once the pipeline has stopped and its outputs are finished: the frames written
     * over the whole session and how many runs they came from. A check of what must be zero at
     * the end (frames still in use in the pools) belongs here.
     */
    static Map<String, String> end(FrameTally tally, PipelineStatus stopped) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("state", String.valueOf(stopped.state()));
        f.put("frames_in_use", String.valueOf(stopped.framesInUse()));
        f.put("total", String.valueOf(tally.total()));
        f.put("runs", String.valueOf(tally.runs()));
        f.put("rss_kb", String.valueOf(residentKilobytes()));
        return f;
    }

    static String format(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** A list as one value: comma-separated, "-" when empty. */
    static String list(List<String> items) {
        return items.isEmpty() ? "-" : String.join(",", items);
    }

    /** VmRSS of this process, the figure the test bounds; -1 if /proc cannot say. */
    static long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // reported as -1, which the test refuses
        }
        return -1;
    }

    /** Live capture, model and compose threads: a dead one shows as 0, a stale one as 2. */
    private static int[] engineThreads() {
        int[] counts = new int[ENGINE_THREADS.length];
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (int i = 0; i < ENGINE_THREADS.length; i++) {
                if (t.isAlive() && t.getName().startsWith(ENGINE_THREADS[i])) {
                    counts[i]++;
                }
            }
        }
        return counts;
    }
}
