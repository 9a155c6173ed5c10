package scrim.source.v4l2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A camera's memory-mapped capture buffers as the reader uses them (a V4l2Device while streaming). */
interface CaptureQueue {

    /** How many buffers the driver granted (it may grant more or fewer than asked). */
    int count();

    /** Waits for a filled buffer; returns its index, or -1 if none came within the time. */
    int dequeue(int timeoutMillis) throws IOException;

    /** The buffer's mapped memory (the same object every time, position 0, limit its whole length). */
    ByteBuffer bytes(int index);

    /** How many bytes the driver filled in the buffer dequeued last. */
    int bytesUsed();

    /** Whether the driver flagged the buffer dequeued last as damaged (V4L2_BUF_FLAG_ERROR). */
    boolean damaged();

    /** Gives a buffer back to the driver to fill again. */
    void requeue(int index) throws IOException;
}
