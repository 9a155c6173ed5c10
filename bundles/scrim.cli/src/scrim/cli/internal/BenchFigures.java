package scrim.cli.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.bytedeco.javacpp.Pointer;

import scrim.api.Latency;
import scrim.api.PipelineStatus;
import scrim.api.StageTimes;
import scrim.api.VideoFormat;

/**
 * What {@code scrim bench} reports about the frames between two marks (after warm-up and shortly before
 * the end): milliseconds per stage and per effect, frame rate, CPU per frame, peak memory, the
 * latency of each output, and the memory the hot path allocates per frame. Prints them for a
 * person and as one JSON line for scripts.
 */
final class BenchFigures {

    /** What is read at one moment of the run. */
    record Mark(PipelineStatus status, long nanos, long cpuNanos, long nativeBytes, long nativeObjects) {

        static Mark now(PipelineStatus status) {
            return new Mark(status, System.nanoTime(), ProcessStats.cpuNanos(), Pointer.totalBytes(), Pointer.totalCount());
        }

        /**
         * The first mark, after one garbage collection: JavaCPP frees a native object that was
         * not closed only when its Java object is collected, so without it the start-up's
         * garbage would be freed during the measurement and offset what frames leave behind.
         */
        static Mark afterCollecting(Supplier<PipelineStatus> status) throws InterruptedException {
            System.gc();
            Thread.sleep(50); // JavaCPP's deallocator thread frees what the collection found
            return now(status.get());
        }
    }

    private final PipelineStatus last;
    private final boolean realtime;
    private final long frames;
    private final long warmup;
    private final long dropped;
    private final Map<String, Double> stageMs = new LinkedHashMap<>();
    private final Map<String, Double> effectMs = new LinkedHashMap<>();
    private final double fps;
    private final double cpuMsPerFrame;
    private final double peakRssMb;
    /** Per output id: median and 99th percentile in milliseconds. */
    private final Map<String, double[]> latencyMs = new TreeMap<>();
    /** Null when the JVM cannot count thread allocations. */
    private final Double heapBytesPerFrame;
    private final double nativeBytesPerFrame;
    private final double nativeObjectsPerFrame;

    BenchFigures(Mark first, Mark end, boolean realtime) {
        PipelineStatus s0 = first.status();
        last = end.status();
        this.realtime = realtime;
        frames = last.written() - s0.written();
        warmup = s0.written();
        dropped = last.dropped() - s0.dropped();
        stageMs.put("capture", last.capture().meanMillisSince(s0.capture()));
        stageMs.put("segment", last.segment().meanMillisSince(s0.segment()));
        stageMs.put("refine", last.refine().meanMillisSince(s0.refine()));
        stageMs.put("compose", last.compose().meanMillisSince(s0.compose()));
        stageMs.put("sink", last.sink().meanMillisSince(s0.sink()));
        for (String name : last.effects()) {
            StageTimes before = s0.effectTimes().getOrDefault(name, StageTimes.NONE);
            effectMs.put(name, last.effectTimes().getOrDefault(name, StageTimes.NONE).meanMillisSince(before));
        }
        fps = frames * 1e9 / (end.nanos() - first.nanos());
        cpuMsPerFrame = perFrame(end.cpuNanos() - first.cpuNanos()) / 1e6;
        peakRssMb = ProcessStats.peakRssMegabytes();
        last.latency().forEach((sink, l) -> {
            Latency measured = l.since(s0.latency().getOrDefault(sink, Latency.NONE));
            latencyMs.put(sink, new double[] {measured.medianMillis(), measured.p99Millis()});
        });
        heapBytesPerFrame = s0.heapBytes() < 0 || last.heapBytes() < 0 ? null : perFrame(last.heapBytes() - s0.heapBytes());
        nativeBytesPerFrame = perFrame(end.nativeBytes() - first.nativeBytes());
        nativeObjectsPerFrame = perFrame(end.nativeObjects() - first.nativeObjects());
    }

    private double perFrame(long total) {
        return frames == 0 ? 0 : (double) total / frames;
    }

    void print(PrintStream out) {
        VideoFormat f = last.format();
        out.printf(Locale.ROOT, "bench: %s, model %s, effects %s, %s, %d frames measured after %d warm-up%n", f,
                last.segmenter() == null ? "none" : last.segmenter(), last.effects(), realtime ? "real time" : "as fast as possible",
                frames, warmup);
        stageMs.forEach((stage, v) -> out.printf(Locale.ROOT, "  %-8s %8.3f ms%n", stage, v));
        effectMs.forEach((name, v) -> out.printf(Locale.ROOT, "    %-14s %8.3f ms%n", name, v));
        out.printf(Locale.ROOT, "  %-8s %8.1f frames/s, %d dropped%n", "rate", fps, dropped);
        out.printf(Locale.ROOT, "  %-8s %8.3f ms CPU per frame (all threads)%n", "cpu", cpuMsPerFrame);
        out.printf(Locale.ROOT, "  %-8s %8.1f MB peak resident memory%n", "memory", peakRssMb);
        latencyMs.forEach((sink, ms) -> out.printf(Locale.ROOT,
                "  %-8s %8.2f ms median, %.2f ms 99th percentile, capture to the end of the write to %s%n", "latency", ms[0], ms[1], sink));
        out.printf(Locale.ROOT, "  %-8s %8s bytes per frame allocated on the Java heap by the capture, model and compose threads%n",
                "heap", heapBytesPerFrame == null ? "unknown" : String.format(Locale.ROOT, "%.1f", heapBytesPerFrame));
        out.printf(Locale.ROOT, "  %-8s %8.1f bytes, %.3f objects per frame: net change of native memory held by JavaCPP objects%n",
                "native", nativeBytesPerFrame, nativeObjectsPerFrame);
        out.println(json());
    }

    /** One line; the keys before latency_ms are those of earlier versions, in the same order. */
    String json() {
        VideoFormat f = last.format();
        JsonWriter latency = new JsonWriter();
        latencyMs.forEach((sink, ms) -> latency.object(sink, new JsonWriter().number("p50", ms[0], 3).number("p99", ms[1], 3)));
        return new JsonWriter().string("size", f.width() + "x" + f.height()).number("frames", frames)
                .string("model", last.segmenter()).strings("effects", last.effects()).numbers("ms", stageMs, 3)
                .numbers("effect_ms", effectMs, 3).number("fps", fps, 1).number("cpu_ms_per_frame", cpuMsPerFrame, 3)
                .number("peak_rss_mb", peakRssMb, 1).bool("realtime", realtime).number("dropped", dropped)
                .object("latency_ms", latency).number("heap_bytes_per_frame", heapBytesPerFrame, 1)
                .number("native_bytes_per_frame", nativeBytesPerFrame, 1).number("native_objects_per_frame", nativeObjectsPerFrame, 3)
                .toString();
    }
}
