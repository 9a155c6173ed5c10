package scrim.v4l2;

import java.nio.ByteBuffer;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few C library calls V4L2 needs (those made per frame are in {@link FrameCalls}); errors arrive as {@link LastErrorException} with errno. */
interface Libc extends Library {

    Libc C = Native.load("c", Libc.class);

    int O_RDWR = 2;
    int O_NONBLOCK = 04000;
    int PROT_READ = 1;
    int PROT_WRITE = 2;
    int MAP_SHARED = 1;
    int POLLIN = 1;
    int POLLPRI = 2;
    int EFD_CLOEXEC = 02000000;

    int EINTR = 4;
    int EAGAIN = 11;
    int EACCES = 13;
    int EBUSY = 16;
    int ENODEV = 19;
    int EINVAL = 22;
    int ENOENT = 2;

    int IN_CLOEXEC = 02000000;
    int IN_ATTRIB = 0x4;
    int IN_CLOSE_WRITE = 0x8;
    int IN_CLOSE_NOWRITE = 0x10;
    int IN_OPEN = 0x20;
    int IN_MOVED_FROM = 0x40;
    int IN_MOVED_TO = 0x80;
    int IN_CREATE = 0x100;
    int IN_DELETE = 0x200;
    int IN_Q_OVERFLOW = 0x4000;
    int IN_IGNORED = 0x8000;
    int IN_ONLYDIR = 0x1000000;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    Pointer mmap(Pointer address, NativeLong length, int protection, int flags, int fd, NativeLong offset) throws LastErrorException;

    int munmap(Pointer address, NativeLong length) throws LastErrorException;

    /** size_t and ssize_t are 64-bit on the platforms Scrim runs on (x86-64). */
    long write(int fd, ByteBuffer buffer, long count) throws LastErrorException;

    long read(int fd, Pointer buffer, long count) throws LastErrorException;

    int inotify_init1(int flags) throws LastErrorException;

    int inotify_add_watch(int fd, String path, int mask) throws LastErrorException;

    int inotify_rm_watch(int fd, int watch) throws LastErrorException;

    int eventfd(int initval, int flags) throws LastErrorException;

    String strerror(int errno);
}
