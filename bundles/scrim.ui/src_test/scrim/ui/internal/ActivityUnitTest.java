package scrim.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import scrim.api.PipelineState;

/** The idle/live words of the status line and the tray tooltip. */
class ActivityUnitTest {

    private static final long NOW = 1_000_000_000L;

    @Test
    void idleSaysForHowLongAndWhatWakesIt() {
        assertEquals("Idle for 2 min: the camera starts when an app uses it",
                Activity.describe(PipelineState.RUNNING, true, NOW - 150_000, 0, false, NOW));
    }

    @Test
    void liveCountsTheAppsApartFromThePreview() {
        assertEquals("Live for 5 s, 1 app watching and the preview", Activity.describe(PipelineState.RUNNING, false, NOW - 5_400, 2, true, NOW));
        assertEquals("Live for 5 s, 2 apps watching", Activity.describe(PipelineState.RUNNING, false, NOW - 5_000, 2, false, NOW));
        assertEquals("Live for 0 s for the preview", Activity.describe(PipelineState.RUNNING, false, NOW, 1, true, NOW));
        // on demand off: live with nobody watching
        assertEquals("Live for 1 h 1 min, no app watching", Activity.describe(PipelineState.RUNNING, false, NOW - 3_660_000, 0, false, NOW));
    }

    @Test
    void otherStatesAreNamed() {
        assertEquals("Stopped for 3 s", Activity.describe(PipelineState.STOPPED, false, NOW - 3_000, 0, true, NOW));
    }

    @Test
    void durationsAreAsPreciseAsAGlanceNeeds() {
        assertEquals("0 s", Activity.duration(-5));
        assertEquals("59 s", Activity.duration(59_999));
        assertEquals("1 min", Activity.duration(60_000));
        assertEquals("59 min", Activity.duration(3_599_000));
        assertEquals("1 h", Activity.duration(3_600_000));
        assertEquals("2 h 5 min", Activity.duration(7_500_000));
    }
}
