package scrim.ui.internal;

import java.util.Locale;

import scrim.api.PipelineState;
import scrim.api.PipelineStatus;

/**
 * Whether Scrim is idle or live and for how long, in words, for the status line and the tray's
 * tooltip. Idle means on demand has closed the camera because nobody watches; live counts the
 * apps reading the virtual camera apart from the window's own preview.
 */
final class Activity {

    private Activity() {
    }

    /** @param preview whether the window's preview is registered as a watcher now (it is counted in the consumers) */
    static String describe(PipelineStatus s, boolean preview, long nowMillis) {
        return describe(s.state(), s.idle(), s.since(), s.consumers(), preview, nowMillis);
    }

    static String describe(PipelineState state, boolean idle, long since, int consumers, boolean preview, long nowMillis) {
        String duration = duration(nowMillis - since);
        if (state != PipelineState.RUNNING) {
            return capitalised(state) + " for " + duration;
        }
        if (idle) {
            return "Idle for " + duration + ": the camera starts when an app uses it";
        }
        int apps = Math.max(0, consumers - (preview ? 1 : 0));
        String live = "Live for " + duration;
        if (apps == 0) {
            return live + (preview ? " for the preview" : ", no app watching");
        }
        return live + ", " + apps + (apps == 1 ? " app" : " apps") + " watching" + (preview ? " and the preview" : "");
    }

    /** The short form for the tray: "live for 5 min", "idle for 2 h 5 min". */
    static String state(PipelineStatus s, long nowMillis) {
        String duration = duration(nowMillis - s.since());
        if (s.state() != PipelineState.RUNNING) {
            return s.state().name().toLowerCase(Locale.ROOT) + " for " + duration;
        }
        return (s.idle() ? "idle" : "live") + " for " + duration;
    }

    /** 5 s, 12 min, 3 h 20 min: as precise as a glance needs. */
    static String duration(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 60) {
            return min + " min";
        }
        return min / 60 + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
    }

    private static String capitalised(PipelineState state) {
        String n = state.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
