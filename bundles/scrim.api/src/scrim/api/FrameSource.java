package scrim.api;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/** A camera, a file or a generator of frames. One service per device or file. */
@ConsumerType
public interface FrameSource {

    /** Service property: stable id used in configuration, e.g. {@code pattern}. */
    String ID = "source.id";
    /** Service property: human-readable name. */
    String LABEL = "source.label";
    /** Service property: {@code camera}, {@code image}, {@code video} or {@code pattern}. */
    String KIND = "source.kind";
    /**
     * Service property (Boolean): true if the source paces itself like a camera. Frames of
     * a source that is not live are paced by the engine at the configured frame rate.
     */
    String LIVE = "source.live";

    /**
     * Formats this source offers natively, the preferred first (a media source can also be
     * opened at any other size).
     *
     * @throws IOException when the source cannot be read; the message says what to do
     */
    List<VideoFormat> formats() throws IOException;

    /**
     * Opens a capture delivering YUYV frames of the requested size (a media source scales,
     * a camera picks its nearest mode).
     *
     * @throws IOException with a message that names the problem and the fix
     */
    CaptureStream open(VideoFormat requested) throws IOException;
}
