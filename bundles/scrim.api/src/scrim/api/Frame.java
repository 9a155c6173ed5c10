package scrim.api;

import java.nio.ByteBuffer;

import org.bytedeco.opencv.opencv_core.Mat;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One video frame in a pooled native buffer. Whoever receives a frame owns one reference
 * and must {@link #close()} it; {@link #retain()} takes another reference for a second
 * owner. The buffer returns to its pool when the last reference is closed, so a frame must
 * not be used after its close.
 */
@ProviderType
public interface Frame extends AutoCloseable {

    VideoFormat format();

    /**
     * The pixels as an OpenCV matrix viewing the frame's buffer (no copy): for YUYV a
     * {@code CV_8UC2} matrix of height x width, Y in channel 0, U or V in channel 1.
     */
    Mat mat();

    /**
     * The same YUYV pixels seen as one 4-channel pixel per horizontal pair ({@code CV_8UC4},
     * height x width/2: Y0 U Y1 V), the natural unit for colour work on packed 4:2:2.
     */
    Mat pairs();

    /** The same pixels as a direct buffer (position 0, limit = frame bytes), for I/O. */
    ByteBuffer buffer();

    /** Number of the frame in its stream, counted by the source from 0. */
    long sequence();

    /** Capture time in nanoseconds ({@link System#nanoTime()} clock). */
    long timestampNanos();

    /** Sets sequence and timestamp; done by whoever fills the frame. */
    void stamp(long sequence, long timestampNanos);

    /** Takes one more reference; returns this frame. */
    Frame retain();

    /** Gives up one reference. */
    @Override
    void close();
}
