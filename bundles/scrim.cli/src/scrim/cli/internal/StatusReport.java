package scrim.cli.internal;

import java.util.List;
import java.util.Locale;

import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.Problem;

/**
 * What {@code scrim status} prints about the running instance: readable lines, then the same as
 * one JSON line for scripts. Made in the running instance and sent over its control socket.
 */
final class StatusReport {

    private StatusReport() {
    }

    /**
     * @param pid the running instance's process id
     * @param now the current time, milliseconds since the epoch
     */
    static String of(PipelineStatus s, long pid, long now) {
        String state = state(s);
        long seconds = Math.max(0, (now - s.since()) / 1000);
        List<String> problems = s.problems().stream().map(Problem::toString).toList();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Scrim (pid %d): %s for %s%n", pid, state, duration(seconds)));
        line(text, "input", s.source() == null ? "none" : s.source() + (s.format() == null ? "" : ", " + s.format()));
        line(text, "outputs", s.sinks().isEmpty() ? "none" : String.join(", ", s.sinks()));
        line(text, "model", s.segmenter() == null ? "none (frames pass through)" : s.segmenter());
        line(text, "effects", s.effects().isEmpty() ? "none" : String.join(", ", s.effects()));
        line(text, "fps", String.format(Locale.ROOT, "%.1f (%d frames written, %d dropped)", s.fps(), s.written(), s.dropped()));
        line(text, "consumers", s.consumers() + (s.wakeMillis() < 0 ? "" : " (last wake from idle: " + s.wakeMillis() + " ms)"));
        line(text, "problems", problems.isEmpty() ? "none" : String.join("\n             ", problems));
        text.append(new JsonWriter()
                .number("pid", pid)
                .string("state", state)
                .string("pipeline", s.state().name())
                .number("since", s.since())
                .number("seconds", seconds)
                .string("input", s.source())
                .string("format", s.format() == null ? null : s.format().toString())
                .strings("outputs", s.sinks())
                .string("model", s.segmenter())
                .strings("effects", s.effects())
                .number("fps", s.fps(), 1)
                .number("written", s.written())
                .number("dropped", s.dropped())
                .number("consumers", s.consumers())
                .number("wakeMillis", s.wakeMillis())
                .strings("problems", problems)).append('\n');
        return text.toString();
    }

    /** live or idle while running; otherwise the pipeline's own state (waiting, stopped, finished, failed). */
    static String state(PipelineStatus s) {
        if (s.state() == PipelineState.RUNNING) {
            return s.idle() ? "idle" : "live";
        }
        return s.state().name().toLowerCase(Locale.ROOT);
    }

    /** 42 s, 3 min 5 s, 2 h 7 min. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(String.format(Locale.ROOT, "  %-10s %s%n", name, value));
    }
}
