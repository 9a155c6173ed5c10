package scrim.sink.pipewire.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The libpipewire calls made for every frame, bound with JNA's direct mapping, which allocates
 * nothing per call (the interface mapping boxes its arguments into a new array). Pointers are
 * passed as their addresses.
 */
final class FrameCalls {

    static {
        Native.register(FrameCalls.class, NativeLibrary.getInstance(PipeWireLibrary.FILE));
    }

    private FrameCalls() {
    }

    static native void pw_thread_loop_lock(long loop);

    static native void pw_thread_loop_unlock(long loop);

    /** A free buffer (struct pw_buffer *), or 0 when none is (no consumer, or all are in use). */
    static native long pw_stream_dequeue_buffer(long stream);

    static native int pw_stream_queue_buffer(long stream, long buffer);

    /** Runs one graph cycle now: this stream is the driver, its rate is the rate frames arrive at. */
    static native int pw_stream_trigger_process(long stream);
}
