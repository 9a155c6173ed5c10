package scrim.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/** The C calls made for every frame allocate nothing on the Java heap, and still report errno. */
class FrameCallsUnitTest {

    private static final long FIONREAD = 0x541b;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void pollAndIoctlAllocateNothingPerCall() {
        int fd = Libc.C.inotify_init1(Libc.IN_CLOEXEC); // a descriptor that never becomes readable here
        try (Memory pollFd = new Memory(8); Memory available = new Memory(4)) {
            pollFd.setInt(0, fd);
            pollFd.setShort(4, (short) Libc.POLLIN);
            int calls = 20_000;
            long perCall = -1;
            for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
                long before = allocated();
                for (int i = 0; i < calls; i++) {
                    FrameCalls.poll(pollFd, 1, 0);
                    FrameCalls.ioctl(fd, FIONREAD, available); // an ioctl that succeeds on this descriptor
                }
                perCall = (allocated() - before) / calls;
            }
            assertEquals(0, perCall, "bytes allocated per poll and ioctl");
        } finally {
            Libc.C.close(fd);
        }
    }

    @Test
    void errorsCarryTheirNumber() {
        int fd = Libc.C.inotify_init1(Libc.IN_CLOEXEC);
        try (Memory argument = new Memory(V4l2.SIZEOF_BUFFER)) {
            LastErrorException e = assertThrows(LastErrorException.class, () -> FrameCalls.ioctl(fd, V4l2.VIDIOC_DQBUF, argument));
            assertEquals(25, e.getErrorCode(), "ENOTTY: not a video device");
        } finally {
            Libc.C.close(fd);
        }
    }

    @Test
    void aFrameIsWrittenFromItsPositionWithoutAllocating(@TempDir Path dir) throws Exception {
        ByteBuffer frame = ByteBuffer.allocateDirect(1000);
        for (int i = 0; i < 1000; i++) {
            frame.put((byte) (i % 251));
        }
        Path file = Files.createFile(dir.resolve("frames"));
        try (V4l2Device d = V4l2Device.open(file, false)) {
            d.write(frame.clear());
            d.write(frame.clear().position(600)); // what is left after a partial write
        }
        byte[] written = Files.readAllBytes(file);
        assertEquals(1400, written.length);
        for (int i = 0; i < 1400; i++) {
            assertEquals((byte) ((i < 1000 ? i : i - 400) % 251), written[i], "byte " + i);
        }
        try (V4l2Device nothing = V4l2Device.open(Path.of("/dev/null"), false)) {
            int calls = 20_000;
            long perCall = -1;
            for (int round = 0; round < 3; round++) {
                long before = allocated();
                for (int i = 0; i < calls; i++) {
                    nothing.write(frame.clear());
                }
                perCall = (allocated() - before) / calls;
            }
            assertEquals(0, perCall, "bytes allocated per frame written");
        }
    }
}
