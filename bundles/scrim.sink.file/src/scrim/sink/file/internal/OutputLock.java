package scrim.sink.file.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Marks an output file as being written by this process: {@code NAME.lock} beside it, locked
 * while the output is in use, so a second Scrim told to write the same file refuses instead of
 * interleaving with the first. The lock file is removed when released.
 * <p>
 * The lock is a POSIX record lock (what {@link FileChannel#tryLock()} takes on Linux), which a
 * process loses as soon as it closes <em>any</em> descriptor of the file. So this process never
 * opens a lock file it may hold: who holds one is read from {@code /proc/locks}, and whether the
 * locked file was removed meanwhile (by a holder letting go) from {@code /proc/self/fd}.
 */
final class OutputLock implements Closeable {

    private final Path path;
    private final FileChannel channel;

    private OutputLock(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Locks {@code file} for this process, or says who is writing it ({@link Busy}). */
    static OutputLock acquire(Path file) throws IOException {
        Path path = file.resolveSibling(file.getFileName() + ".lock");
        long self = ProcessHandle.current().pid();
        while (true) {
            long holder = holderOf(path);
            if (holder == self) {
                throw new IOException(file + " is already being written by another output of this Scrim: give each output its own file");
            }
            if (holder != 0) {
                throw busy(file, holder);
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException | IOException e) {
                channel.close();
                throw e instanceof IOException io ? io : new IOException(file + " is already being written by another output of this Scrim", e);
            }
            if (lock == null) {
                channel.close();
                throw busy(file, holderOf(path));
            }
            if (!removedWhileOpen(path)) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((self + "\n").getBytes(StandardCharsets.US_ASCII)), 0); // for people who look
                return new OutputLock(path, channel);
            }
            channel.close(); // the holder removed the file as we opened it: try again
        }
    }

    /** The file is being written by another Scrim. */
    static final class Busy extends IOException {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }

    private static Busy busy(Path file, long holder) {
        return new Busy(file + " is being written by another Scrim" + (holder == 0 ? "" : " (pid " + holder + ")")
                + ": stop that one first, or choose another output file");
    }

    /** Removes the lock file, then lets go of the lock (in that order, so nobody locks a file that is going away unnoticed). */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(path);
        } finally {
            channel.close();
        }
    }

    /** The pid holding a POSIX lock on {@code path}, or 0 if none (or the file does not exist). */
    private static long holderOf(Path path) throws IOException {
        String device;
        try {
            long dev = (Long) Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            long ino = (Long) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            long major = dev >>> 8 & 0xfff | dev >>> 32 & ~0xfffL;
            long minor = dev & 0xff | dev >>> 12 & ~0xffL;
            device = String.format(Locale.ROOT, "%02x:%02x:%d", major, minor, ino);
        } catch (NoSuchFileException e) {
            return 0;
        }
        // lines like "1: POSIX  ADVISORY  WRITE 8755 fe:00:16137204 0 EOF"; waiters have "->" in second place
        for (String line : Files.readAllLines(Path.of("/proc/locks"), StandardCharsets.US_ASCII)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[1].equals("POSIX") && f[5].equals(device)) {
                return Long.parseLong(f[4]);
            }
        }
        return 0;
    }

    /** True if this process has {@code path} open although the name was removed (Linux marks such links "(deleted)"). */
    private static boolean removedWhileOpen(Path path) throws IOException {
        String removed = path + " (deleted)";
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : descriptors) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(removed)) {
                        return true;
                    }
                } catch (IOException closedMeanwhile) {
                    // another thread closed it: not ours
                }
            }
        }
        return false;
    }
}
