package scrim.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.Problem;
import scrim.api.StageTimes;
import scrim.api.VideoFormat;

class StatusReportUnitTest {

    private static PipelineStatus status(PipelineState state, boolean idle, long since, List<Problem> problems) {
        StageTimes none = StageTimes.NONE;
        return new PipelineStatus(state, VideoFormat.yuyv(640, 360, 30), "pattern", "landscape", List.of("blur", "dim"),
                List.of("/dev/video9"), 900, 880, 3, 29.94, none, none, none, none, none, Map.of(), Map.of(), problems, 0, Map.of(), 0,
                idle, since, 2, 420);
    }

    @Test
    void saysLiveOrIdleForHowLongThenTheSameAsOneJsonLine() {
        long now = 1_000_000_000L;
        String text = StatusReport.of(status(PipelineState.RUNNING, false, now - 125_000, List.of()), 77, now);
        String[] lines = text.split("\n");
        assertEquals("Scrim (pid 77): live for 2 min 5 s", lines[0]);
        assertTrue(text.contains("  input      pattern, 640x360 YUYV @30 fps\n"), text);
        assertTrue(text.contains("  outputs    /dev/video9\n") && text.contains("  model      landscape\n"), text);
        assertTrue(text.contains("  effects    blur, dim\n") && text.contains("  fps        29.9 (880 frames written, 3 dropped)\n"), text);
        assertTrue(text.contains("  consumers  2 (last wake from idle: 420 ms)\n") && text.contains("  problems   none\n"), text);
        assertEquals("{\"pid\":77,\"state\":\"live\",\"pipeline\":\"RUNNING\",\"since\":999875000,\"seconds\":125,\"input\":\"pattern\","
                + "\"format\":\"640x360 YUYV @30 fps\",\"outputs\":[\"/dev/video9\"],\"model\":\"landscape\",\"effects\":[\"blur\",\"dim\"],"
                + "\"fps\":29.9,\"written\":880,\"dropped\":3,\"consumers\":2,\"wakeMillis\":420,\"problems\":[]}", lines[lines.length - 1]);
    }

    @Test
    void idleAndEveryProblemOnItsOwnLine() {
        long now = 10_000_000L;
        String text = StatusReport.of(status(PipelineState.RUNNING, true, now - 2 * 3600_000 - 7 * 60_000, List.of(
                new Problem("sink", "/dev/video9", "gone"), new Problem("effect", "blur", "\"bad\" setting"))), 5, now);
        assertTrue(text.startsWith("Scrim (pid 5): idle for 2 h 7 min\n"), text);
        assertTrue(text.contains("  problems   sink /dev/video9: gone\n             effect blur: \"bad\" setting\n"), text);
        assertTrue(text.endsWith("\"problems\":[\"sink /dev/video9: gone\",\"effect blur: \\\"bad\\\" setting\"]}\n"), text);
        assertEquals("failed", StatusReport.state(status(PipelineState.FAILED, false, 0, List.of())));
    }
}
