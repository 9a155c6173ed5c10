package scrim.v4l2;

import java.nio.Buffer;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C calls made for every frame (poll, ioctl, write), bound with JNA's direct mapping: the
 * interface mapping ({@link Libc}) boxes its arguments into a new array on every call (about
 * 76 bytes a call, three calls a captured frame); these allocate nothing.
 */
final class FrameCalls {

    static {
        Native.register(FrameCalls.class, NativeLibrary.getInstance("c"));
    }

    private FrameCalls() {
    }

    static native int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

    static native int poll(Pointer fds, int count, int timeoutMillis) throws LastErrorException;

    /** Writes from the start of a direct buffer: unlike the interface mapping, the direct mapping ignores its position. */
    static native long write(int fd, Buffer buffer, long count) throws LastErrorException;
}
