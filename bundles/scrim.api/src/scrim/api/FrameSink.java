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
}
