package scrim.engine.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import scrim.api.Frame;
import scrim.api.FrameSink;
import scrim.api.VideoFormat;

/**
 * The sinks that are open now. Follows the selection's sink list between frames: opens new
 * sinks, closes dropped ones, reopens all on a format change. Kept across runs of the same
 * format so switching the source never closes an output. Used under the compose lock.
 */
final class SinkSet {

    interface Failure {
        void sinkFailed(FrameSink sink, String action, Throwable e);
    }

    private final Failure failure;
    private final List<FrameSink> open = new ArrayList<>();
    private List<FrameSink> wanted = List.of();
    private VideoFormat format;

    SinkSet(Failure failure) {
        this.failure = failure;
    }

    /** Makes the open set match {@code sinks} at {@code fmt}; cheap when nothing changed. */
    void follow(List<FrameSink> sinks, VideoFormat fmt) {
        if (sinks == wanted && fmt.equals(format)) {
            return;
        }
        if (!fmt.equals(format)) {
            closeAll();
            format = fmt;
        }
        for (FrameSink s : new ArrayList<>(open)) {
            if (!sinks.contains(s)) {
                close(s);
            }
        }
        for (FrameSink s : sinks) {
            if (!open.contains(s)) {
                try {
                    s.open(fmt);
                    open.add(s);
                } catch (Exception | LinkageError e) {
                    failure.sinkFailed(s, "open", e);
                }
            }
        }
        wanted = sinks;
    }

    /** The format the sinks are open for, or null when none is open. */
    VideoFormat format() {
        return open.isEmpty() ? null : format;
    }

    /** Writes to every open sink without timing it (placeholder cards). */
    void write(Frame frame) {
        write(frame, null);
    }

    /**
     * Writes to every open sink, timing each write's end against the frame's capture into
     * {@code latency} (if given); a sink that throws is closed and reported.
     */
    void write(Frame frame, SinkLatencies latency) {
        for (int i = 0; i < open.size(); i++) {
            FrameSink s = open.get(i);
            try {
                s.write(frame);
                if (latency != null) {
                    latency.written(s, frame.timestampNanos());
                }
            } catch (Exception | LinkageError e) {
                close(s);
                i--;
                failure.sinkFailed(s, "write", e);
            }
        }
    }

    /** Closes a sink that is going away (service unregistered). */
    void remove(FrameSink sink) {
        if (open.contains(sink)) {
            close(sink);
        }
    }

    void closeAll() {
        for (FrameSink s : new ArrayList<>(open)) {
            close(s);
        }
        wanted = List.of();
        format = null;
    }

    private void close(FrameSink s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException | RuntimeException | LinkageError e) {
            failure.sinkFailed(s, "close", e);
        }
    }
}
