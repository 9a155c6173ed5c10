package scrim.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/** An open capture from a {@link FrameSource}; used by one thread, closed by its opener. */
@ConsumerType
public interface CaptureStream extends AutoCloseable {

    /** The format frames are delivered in: YUYV, at the size the stream was opened with. */
    VideoFormat format();

    /**
     * Fills the next frame into {@code into} (same format as {@link #format()}) and stamps it.
     * A live source blocks until the device delivers; a file source returns at once.
     *
     * @return false at the end of a finite stream
     * @throws IOException when the source fails; the message says what to do
     */
    boolean read(Frame into) throws IOException;

    @Override
    void close();
}
