package scrim.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/** Where finished frames go: a loopback device, a file, a preview. One service per output. */
@ConsumerType
public interface FrameSink {

    /** Service property: stable id used in configuration. */
    String ID = "sink.id";
    /** Service property: human-readable name. */
    String LABEL = "sink.label";
    /** Service property: {@code file}, {@code loopback}, {@code preview}. */
    String KIND = "sink.kind";

    /** Prepares for frames of this (YUYV) format; called again after {@link #close()} for a new format. */
    void open(VideoFormat format) throws IOException;

    /** Writes one frame; the caller keeps ownership of the frame. */
    void write(Frame frame) throws IOException;

    /** Completes the output (a file becomes whole only here). */
    void close() throws IOException;

    /** {@link #consumers()} of an output that is always in use (a file). */
    int ALWAYS = -1;

    /**
     * How many programs use this output now, other than Scrim: for a virtual camera the apps
     * reading it. The engine idles while no selected output and no {@link FrameTap} is in use
     * (setting {@code ondemand}).
     *
     * @return the count, or {@link #ALWAYS} for an output that always wants frames
     */
    default int consumers() {
        return ALWAYS;
    }

    /**
     * Tells the output whom to call, on any thread, when {@link #consumers()} may have changed; the
     * call must be quick. Null stops the calls. Outputs whose consumers never change ignore it.
     */
    default void watchConsumers(Runnable changed) {
    }
}
