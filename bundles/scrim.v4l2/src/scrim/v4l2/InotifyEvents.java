package scrim.v4l2;

import java.nio.file.Path;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * What happens to one path, through Linux inotify: a read blocks until one of the events asked
 * for happens, so nothing is polled. For a folder: entries created, deleted, moved or with their
 * attributes changed (udev setting a node's group); for a device node: opened and closed.
 */
final class InotifyEvents implements AutoCloseable {

    /** Receives one event: the entry's name ("" for the watched path itself, null for a queue overflow: look again) and the inotify mask. */
    interface Listener {
        void changed(String name, int mask);
    }

    /** The events of a folder's entries (DeviceWatcher). Opening or writing a node is not one of them. */
    static final int FOLDER = Libc.IN_CREATE | Libc.IN_DELETE | Libc.IN_MOVED_FROM | Libc.IN_MOVED_TO | Libc.IN_ATTRIB | Libc.IN_ONLYDIR;
    /** A file or node being opened or closed by anyone (DeviceUsers). Reads and writes are not events. */
    static final int OPEN_CLOSE = Libc.IN_OPEN | Libc.IN_CLOSE_WRITE | Libc.IN_CLOSE_NOWRITE;

    private static final int HEADER = 16; // struct inotify_event: wd, mask, cookie, len, then the name

    private final int fd;
    private final int watch;
    private final Memory buffer = new Memory(16 * 1024);
    private final Memory pollFd = new Memory(8);
    private boolean watching = true;

    private InotifyEvents(int fd, int watch) {
        this.fd = fd;
        this.watch = watch;
    }

    static InotifyEvents watch(Path path, int mask) throws V4l2Exception {
        int fd;
        try {
            fd = Libc.C.inotify_init1(Libc.IN_CLOEXEC);
        } catch (LastErrorException e) {
            throw new V4l2Exception("cannot watch " + path + " (inotify_init1): " + Libc.C.strerror(e.getErrorCode())
                    + "; raise fs.inotify.max_user_instances", e.getErrorCode());
        }
        try {
            return new InotifyEvents(fd, Libc.C.inotify_add_watch(fd, path.toString(), mask));
        } catch (LastErrorException e) {
            Libc.C.close(fd);
            throw new V4l2Exception("cannot watch " + path + ": " + Libc.C.strerror(e.getErrorCode()), e.getErrorCode());
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for events to read.
     *
     * @return true if a {@link #read} would not block
     */
    boolean await(int timeoutMillis) throws V4l2Exception {
        pollFd.setInt(0, fd);
        pollFd.setShort(4, (short) Libc.POLLIN);
        pollFd.setShort(6, (short) 0);
        try {
            return FrameCalls.poll(pollFd, 1, timeoutMillis) > 0;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.EINTR) {
                return false;
            }
            throw new V4l2Exception("waiting for inotify events failed: " + Libc.C.strerror(e.getErrorCode()), e.getErrorCode());
        }
    }

    /**
     * Blocks until something happens and hands each event to the listener.
     *
     * @return false once the watch has ended: {@link #stop()} was called, or the path is gone
     */
    boolean read(Listener listener) throws V4l2Exception {
        long n;
        while (true) {
            try {
                n = Libc.C.read(fd, buffer, buffer.size());
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Libc.EINTR) {
                    throw new V4l2Exception("reading inotify events failed: " + Libc.C.strerror(e.getErrorCode()), e.getErrorCode());
                }
            }
        }
        boolean ended = false;
        for (long at = 0; at + HEADER <= n; at += HEADER + buffer.getInt(at + 12)) {
            int mask = buffer.getInt(at + 4);
            if ((mask & Libc.IN_IGNORED) != 0) {
                ended = true; // the watch was removed
            } else if ((mask & Libc.IN_Q_OVERFLOW) != 0) {
                listener.changed(null, mask);
            } else {
                listener.changed(buffer.getInt(at + 12) > 0 ? buffer.getString(at + HEADER) : "", mask);
            }
        }
        return !ended;
    }

    /** Ends the watch: a {@link #read} blocked in another thread returns false (removing the watch queues IN_IGNORED). */
    synchronized void stop() {
        if (watching) {
            watching = false;
            try {
                Libc.C.inotify_rm_watch(fd, watch);
            } catch (LastErrorException e) {
                // already gone with its path: the reader has seen IN_IGNORED
            }
        }
    }

    /** Frees the descriptor; only once no thread can be reading any more. */
    @Override
    public void close() {
        try {
            Libc.C.close(fd);
        } catch (LastErrorException e) {
            // closing is best effort
        }
        buffer.close();
        pollFd.close();
    }
}
