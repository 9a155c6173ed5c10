package scrim.v4l2;

import java.nio.file.Path;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * What happens to the entries of one folder, through Linux inotify: a read blocks until an
 * entry is created, deleted, moved or has its attributes changed (udev setting a node's group),
 * so nothing is polled. Opening or writing a node is not an event.
 */
final class FolderEvents implements AutoCloseable {

    /** Receives one event: the entry's name (null for a queue overflow: look at the whole folder again) and the inotify mask. */
    interface Listener {
        void changed(String name, int mask);
    }

    private static final int MASK = Libc.IN_CREATE | Libc.IN_DELETE | Libc.IN_MOVED_FROM | Libc.IN_MOVED_TO | Libc.IN_ATTRIB | Libc.IN_ONLYDIR;
    private static final int HEADER = 16; // struct inotify_event: wd, mask, cookie, len, then the name

    private final int fd;
    private final int watch;
    private final Memory buffer = new Memory(16 * 1024);
    private boolean watching = true;

    private FolderEvents(int fd, int watch) {
        this.fd = fd;
        this.watch = watch;
    }

    static FolderEvents watch(Path folder) throws V4l2Exception {
        int fd;
        try {
            fd = Libc.C.inotify_init1(Libc.IN_CLOEXEC);
        } catch (LastErrorException e) {
            throw new V4l2Exception("cannot watch " + folder + " (inotify_init1): " + Libc.C.strerror(e.getErrorCode())
                    + "; raise fs.inotify.max_user_instances", e.getErrorCode());
        }
        try {
            return new FolderEvents(fd, Libc.C.inotify_add_watch(fd, folder.toString(), MASK));
        } catch (LastErrorException e) {
            Libc.C.close(fd);
            throw new V4l2Exception("cannot watch " + folder + ": " + Libc.C.strerror(e.getErrorCode()), e.getErrorCode());
        }
    }

    /**
     * Blocks until something happens and hands each event to the listener.
     *
     * @return false once the watch has ended: {@link #stop()} was called, or the folder is gone
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
                // already gone with its folder: the reader has seen IN_IGNORED
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
    }
}
