package scrim.cli.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import scrim.api.Latency;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.StageTimes;
import scrim.api.VideoFormat;

class BenchFiguresUnitTest {

    private static final String OUT = "/tmp/a \"quoted\" dir/out.y4m";

    private static Latency delays(int frames, long nanos) {
        long[] counts = new long[Latency.BUCKETS];
        counts[Latency.bucketOf(nanos)] = frames;
        return Latency.of(counts);
    }

    private static PipelineStatus status(long written, StageTimes compose, Latency latency, long heapBytes) {
        StageTimes none = StageTimes.NONE;
        return new PipelineStatus(PipelineState.RUNNING, VideoFormat.yuyv(1280, 720, 30), "pattern", "landscape", List.of("blur"),
                List.of(OUT), written, written, 0, 30, none, none, none, compose, none, Map.of("blur", compose), Map.of(), List.of(),
                0, Map.of(OUT, latency), heapBytes, false, 0, 0, -1);
    }

    @Test
    void figuresAreThoseOfTheFramesBetweenTheMarks() {
        // warm-up: 30 frames of 500 ms (start-up), then 100 frames of 20 ms
        PipelineStatus first = status(30, new StageTimes(30, 30 * 9_000_000L, 0), delays(30, 500_000_000), 1_000_000);
        long[] counts = new long[Latency.BUCKETS];
        counts[Latency.bucketOf(500_000_000)] = 30;
        counts[Latency.bucketOf(20_000_000)] = 100;
        PipelineStatus last = status(130, new StageTimes(130, 30 * 9_000_000L + 100 * 4_000_000L, 0), Latency.of(counts), 1_003_200);
        BenchFigures f = new BenchFigures(new BenchFigures.Mark(first, 0, 0, 5000, 7), new BenchFigures.Mark(last, 4_000_000_000L,
                1_000_000_000L, 5000 + 100 * 16, 7 + 100), true);
        String json = f.json();
        assertTrue(json.startsWith("{\"size\":\"1280x720\",\"frames\":100,\"model\":\"landscape\",\"effects\":[\"blur\"],\"ms\":{"), json);
        assertTrue(json.contains("\"compose\":4.000"), json);
        assertTrue(json.contains("\"effect_ms\":{\"blur\":4.000}"), json);
        assertTrue(json.contains("\"fps\":25.0,\"cpu_ms_per_frame\":10.000,"), json);
        assertTrue(json.contains("\"realtime\":true,\"dropped\":0,"), json);
        assertTrue(json.contains("\"latency_ms\":{\"/tmp/a \\\"quoted\\\" dir/out.y4m\":{\"p50\":20."), json);
        assertTrue(json.contains("\"heap_bytes_per_frame\":32.0,\"native_bytes_per_frame\":16.0,\"native_objects_per_frame\":1.000}"), json);
    }

    @Test
    void unknownHeapFiguresAreNull() {
        PipelineStatus s = status(10, StageTimes.NONE, Latency.NONE, -1);
        String json = new BenchFigures(new BenchFigures.Mark(s, 0, 0, 0, 0), new BenchFigures.Mark(s, 1, 0, 0, 0), false).json();
        assertTrue(json.contains("\"heap_bytes_per_frame\":null"), json);
    }
}
