package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three minutes of a real-time run at 640x360 while everything changes every two seconds: the
 * churn driver (scrim.test.churn, dropped into the load folder before the start) changes the
 * size, the effect chain, the mirror, the model or the input through ConfigAdmin, or drops the
 * test fill effect's jar into the load folder or takes it out, and reports what the pipeline and
 * the process show before each change. This test then checks what a day of use needs: the
 * pipeline followed every change and kept writing frames in every two-second window with one
 * thread of each kind, reported no problem but the expected one (the fill effect missing while
 * its jar is out), every output file is whole and together they hold every frame written, and
 * resident memory after a warm-up stays within a bound. Every failure is listed, not only the
 * first. {@code -Dscrim.churn.seconds=N} shortens the run for a quick look.
 */
class ChurnTest {

    private static final int SECONDS = Integer.getInteger("scrim.churn.seconds", 180);
    private static final int FPS = 30;
    private static final int PERIOD_SECONDS = 2;
    /** A window with fewer frames than this share of the frame rate means a stalled or dead thread. */
    private static final double MIN_WINDOW_SHARE = 0.5;
    private static final int WARM_UP_SECONDS = 30;
    private static final int MEMORY_WINDOW_SECONDS = 30;
    private static final long MAX_RSS_GROWTH_KB = 20 * 1024;
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S*)");

    @TempDir
    Path home;

    @Test
    void reconfiguringEveryTwoSecondsLosesNoFrameThreadOrMemory() throws Exception {
        Path load = Files.createDirectories(home.resolve("load"));
        Files.copy(Scrim.testPlugin("scrim.test.churn"), load.resolve("scrim.test.churn.jar"));
        Path picture = picture(home.resolve("picture.png"));
        Path outputs = Files.createDirectories(home.resolve("out"));
        Map<String, String> env = Map.of("SCRIM_CHURN_SECONDS", String.valueOf(SECONDS), "SCRIM_CHURN_PERIOD_MILLIS",
                String.valueOf(PERIOD_SECONDS * 1000), "SCRIM_CHURN_PICTURE", picture.toString(), "SCRIM_CHURN_PLUGIN",
                Scrim.testPlugin("scrim.test.fill").toString());

        String stdout;
        String stderr;
        try (Scrim s = Scrim.start(home, env, "run", "--input", "pattern", "--size", "640x360", "--fps", String.valueOf(FPS), "--effect",
                "blur", "--output", outputs.resolve("out.y4m").toString())) {
            awaitDone(s, SECONDS + 120);
            s.stop();
            s.waitFor(60);
            stdout = s.stdout();
            stderr = s.stderr();
        }

        List<String> failures = new ArrayList<>();
        Report report = Report.parse(stdout, failures);
        checkSteps(report, failures);
        checkMemory(report, failures);
        checkFiles(outputs, Long.parseLong(report.end.getOrDefault("total", "-1")), Long.parseLong(report.end.getOrDefault("runs", "0")), failures);
        // once stopped, every frame of every pool is back: nothing leaked over all the runs
        expect(report.end, "state", "STOPPED", "at the end: ", failures);
        expect(report.end, "frames_in_use", "0", "at the end, frames held outside their pools: ", failures);
        if (stderr.contains("internal error")) {
            failures.add("scrim reported an internal error: " + stderr);
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n  " + String.join("\n  ", failures));
    }

    /** The pipeline followed each change within the period, kept writing, and had one thread of each kind. */
    private static void checkSteps(Report report, List<String> failures) {
        int minWindow = (int) (FPS * PERIOD_SECONDS * MIN_WINDOW_SHARE);
        int expectedSteps = SECONDS / PERIOD_SECONDS;
        if (report.status.size() < expectedSteps) {
            failures.add("the driver reported " + report.status.size() + " steps, expected " + expectedSteps);
        }
        for (Map<String, String> f : report.status) {
            String at = "step " + f.get("step") + " (t=" + f.get("t") + " s, after the change to " + report.changes.getOrDefault(f.get("step"), "nothing (the start)") + "): ";
            expect(f, "state", "RUNNING", at, failures);
            for (String kind : List.of("capture", "segment", "compose")) {
                expect(f, kind + "_threads", "1", at + "engine threads alive: ", failures);
            }
            if (Long.parseLong(f.get("window")) < minWindow) {
                failures.add(at + "only " + f.get("window") + " frames written in " + PERIOD_SECONDS + " s (at least " + minWindow + " expected)");
            }
            expect(f, "source", f.get("want_source"), at, failures);
            expect(f, "size", f.get("want_size"), at, failures);
            String model = f.get("want_segmenter");
            if (model.equals("auto") ? f.get("segmenter").equals("-") : !f.get("segmenter").equals(model)) {
                failures.add(at + "segmenter " + f.get("segmenter") + ", asked for " + model);
            }
            boolean pluginIn = f.get("plugin").equals("in");
            expect(f, "testfill", pluginIn ? "listed" : "absent", at + "plugin jar " + f.get("plugin") + ": ", failures);
            String applied = Stream.of(f.get("want_effects").split(",")).filter(e -> !e.equals("-"))
                    .filter(e -> pluginIn || !e.equals("testfill")).collect(Collectors.joining(","));
            expect(f, "effects", applied.isEmpty() ? "-" : applied, at, failures);
        }
        for (String[] p : report.problems) {
            Map<String, String> at = report.status.stream().filter(f -> f.get("step").equals(p[0])).findFirst().orElse(Map.of());
            boolean expected = p[1].equals("effect") && p[2].equals("testfill") && p[3].contains("not installed") && "out".equals(at.get("plugin"));
            if (!expected) {
                failures.add("step " + p[0] + ": unexpected problem: " + p[1] + " " + p[2] + ": " + p[3]);
            }
        }
    }

    /**
     * Resident memory after the warm-up grows by less than the bound: the median of the last
     * 30 s against the median of the 30 s after the warm-up. Medians, because a size change or a
     * picture decode lifts single samples by ~10 MB for a few seconds; a leak lifts them all.
     * The series is printed as seconds:MB(of which Java heap + non-heap committed).
     */
    private static void checkMemory(Report report, List<String> failures) {
        StringBuilder series = new StringBuilder();
        List<Long> early = new ArrayList<>();
        List<Long> late = new ArrayList<>();
        double last = report.status.isEmpty() ? 0 : Double.parseDouble(report.status.get(report.status.size() - 1).get("t"));
        long max = 0;
        for (Map<String, String> f : report.status) {
            double t = Double.parseDouble(f.get("t"));
            long rss = Long.parseLong(f.get("rss_kb"));
            series.append(String.format(Locale.ROOT, " %.0f:%d(%d+%d)", t, rss / 1024, Long.parseLong(f.get("heap_kb")) / 1024,
                    Long.parseLong(f.get("nonheap_kb")) / 1024));
            if (t >= WARM_UP_SECONDS && t < WARM_UP_SECONDS + MEMORY_WINDOW_SECONDS) {
                early.add(rss);
            }
            if (t > last - MEMORY_WINDOW_SECONDS && t >= WARM_UP_SECONDS + MEMORY_WINDOW_SECONDS) {
                late.add(rss);
            }
            max = t >= WARM_UP_SECONDS ? Math.max(max, rss) : max;
        }
        System.out.println("churn test: resident memory, seconds:MB(heap+non-heap)," + series);
        if (early.isEmpty() || late.isEmpty()) {
            failures.add("too few resident memory samples after the " + WARM_UP_SECONDS + " s warm-up (run at least "
                    + (WARM_UP_SECONDS + 2 * MEMORY_WINDOW_SECONDS) + " s)");
            return;
        }
        long from = median(early);
        long to = median(late);
        System.out.printf(Locale.ROOT, "churn test: resident memory (medians of %d s) %d MB after the warm-up, %d MB at the end, growth %d MB; peak %d MB%n",
                MEMORY_WINDOW_SECONDS, from / 1024, to / 1024, (to - from) / 1024, max / 1024);
        if (to - from >= MAX_RSS_GROWTH_KB) {
            failures.add(String.format(Locale.ROOT, "resident memory grew by %.1f MB after the warm-up (medians of %d s: %d MB from %d s, %d MB at the end; "
                    + "less than %d MB allowed); series seconds:MB(heap+non-heap)%s", (to - from) / 1024.0, MEMORY_WINDOW_SECONDS, from / 1024, WARM_UP_SECONDS,
                    to / 1024, MAX_RSS_GROWTH_KB / 1024, series));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Every output file is whole (its size is the header plus whole frames, and ffprobe reads
     * them all), none is left as .part, and together they hold every frame the pipeline wrote:
     * the driver's total misses at most one frame per run, so it may fall short by {@code runs}.
     */
    private static void checkFiles(Path outputs, long total, long runs, List<String> failures) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> list = Files.list(outputs)) {
            files = list.sorted().toList();
        }
        long frames = 0;
        StringBuilder summary = new StringBuilder();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".y4m")) {
                failures.add("left in the output folder: " + name + " (" + Files.size(file) + " bytes)");
                continue;
            }
            long whole = wholeFrames(file, failures);
            String[] probed = ffprobe(file);
            if (probed.length != 3 || !probed[2].equals(String.valueOf(whole))) {
                failures.add(name + ": ffprobe reads '" + String.join(",", probed) + "', the file holds " + whole + " whole frames");
            }
            frames += whole;
            summary.append(' ').append(name).append(':').append(String.join("x", List.of(probed).subList(0, Math.min(2, probed.length))))
                    .append(':').append(whole);
        }
        System.out.printf(Locale.ROOT, "churn test: %d files, %d frames in them, %d written by the pipeline in %d runs;%s%n", files.size(), frames,
                total, runs, summary);
        if (frames < total || frames > total + runs) {
            failures.add("the output files hold " + frames + " frames, the pipeline wrote " + total + " (up to " + (total + runs)
                    + " counting frames the driver could not see) in " + runs + " runs: " + summary);
        }
    }

    /** The number of frames in a 4:2:2 YUV4MPEG2 file, if its size is the header plus whole frames. */
    private static long wholeFrames(Path file, List<String> failures) throws IOException {
        String header;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(256);
            int end = new String(start, StandardCharsets.US_ASCII).indexOf('\n');
            header = end < 0 ? "" : new String(start, 0, end + 1, StandardCharsets.US_ASCII);
        }
        Matcher m = Pattern.compile("^YUV4MPEG2 W(\\d+) H(\\d+) .*C422.*\n$").matcher(header);
        if (!m.matches()) {
            failures.add(file.getFileName() + ": not a 4:2:2 YUV4MPEG2 header: '" + header.strip() + "'");
            return 0;
        }
        long frameBytes = "FRAME\n".length() + 2L * Integer.parseInt(m.group(1)) * Integer.parseInt(m.group(2));
        long body = Files.size(file) - header.length();
        if (body % frameBytes != 0) {
            failures.add(file.getFileName() + ": " + body % frameBytes + " bytes of a cut frame after " + body / frameBytes + " whole ones");
        }
        return body / frameBytes;
    }

    private static String[] ffprobe(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=width,height,nb_read_frames", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() == 0 ? text.split(",") : new String[] {"ffprobe failed: " + text};
    }

    private static void expect(Map<String, String> fields, String key, String value, String at, List<String> failures) {
        if (!value.equals(fields.get(key))) {
            failures.add(at + key + " " + fields.get(key) + ", expected " + value);
        }
    }

    private static void awaitDone(Scrim s, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!s.stdout().contains("churn-driver: DONE")) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the churn driver did not finish within " + seconds + " s; stdout:\n" + s.stdout() + "\nstderr:\n" + s.stderr());
            }
            Thread.sleep(500);
        }
    }

    /** A picture input of another size and shape than the pattern: a dark figure on a bright gradient. */
    private static Path picture(Path file) throws IOException {
        BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int y = 0; y < 600; y++) {
            g.setColor(new Color(120 + y / 5, 160, 220 - y / 5));
            g.drawLine(0, y, 799, y);
        }
        g.setColor(new Color(60, 40, 30));
        g.fillOval(330, 120, 140, 180);
        g.fillRoundRect(220, 300, 360, 300, 120, 120);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** The driver's report: its status lines by field, its problems, the changes it made, its END line by field. */
    private static final class Report {
        final List<Map<String, String>> status = new ArrayList<>();
        /** step, stage, subject, message */
        final List<String[]> problems = new ArrayList<>();
        final Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> end = Map.of();

        static Report parse(String stdout, List<String> failures) {
            Report r = new Report();
            Pattern problem = Pattern.compile("step=(\\d+) stage=(\\S*) subject=(.*?) message=(.*)");
            boolean done = false;
            for (String line : stdout.split("\n")) {
                if (!line.startsWith("churn-driver: ")) {
                    continue;
                }
                String rest = line.substring("churn-driver: ".length());
                String kind = rest.split(" ", 2)[0];
                Map<String, String> f = fields(rest);
                switch (kind) {
                    case "STATUS" -> r.status.add(f);
                    case "CHANGE" -> r.changes.put(f.get("step"), f.get("kind") + " " + f.get("to"));
                    case "PROBLEM" -> {
                        Matcher m = problem.matcher(rest);
                        if (m.find()) {
                            r.problems.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
                        }
                    }
                    case "END" -> r.end = f;
                    case "FAIL" -> failures.add("the driver failed: " + rest);
                    case "DONE" -> done = true;
                    default -> {
                    }
                }
            }
            if (!r.end.containsKey("total") || !done) {
                failures.add("the driver's report has no END or DONE line");
            }
            return r;
        }

        private static Map<String, String> fields(String line) {
            Map<String, String> f = new LinkedHashMap<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                f.put(m.group(1), m.group(2));
            }
            return f;
        }
    }
}
