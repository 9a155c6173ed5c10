package scrim.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one Scrim of a user session that owns the devices and the saved setup (window, start,
 * background): a lock file in the session's runtime folder, held while the process lives. The
 * kernel drops the lock when the process dies, however it dies, so a killed Scrim never blocks
 * the next start. Beside it is the running instance's control socket; whoever holds the lock owns
 * that name, so a socket file left by a killed process is simply replaced.
 */
final class InstanceLock implements AutoCloseable {

    static final String LOCK = "instance.lock";
    static final String SOCKET = "control.sock";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The session's folder for the lock and the socket: {@code $XDG_RUNTIME_DIR/scrim}, or
     * {@code /tmp/scrim-UID} where the session has no runtime folder. Made private to the user;
     * refused when it belongs to someone else or others may enter it (they could fake the socket).
     */
    static Path sessionDir(String xdgRuntimeDir) throws IOException {
        long uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Path dir = xdgRuntimeDir != null && !xdgRuntimeDir.isBlank() ? Path.of(xdgRuntimeDir, "scrim")
                : Path.of(System.getProperty("java.io.tmpdir"), "scrim-" + uid);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // checked below
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a folder: remove it (Scrim keeps its instance lock and control socket there)");
        }
        long owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> open = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        open.removeAll(OWNER_ONLY);
        if (owner != uid || !open.isEmpty()) {
            throw new IOException(dir + " belongs to user " + owner + (open.isEmpty() ? "" : " and others may use it (" + open + ")")
                    + ", not only to you (user " + uid + "): remove it, or set XDG_RUNTIME_DIR to a folder of your own");
        }
        return dir;
    }

    /**
     * Takes the lock in {@code dir} for this process and removes a socket file a killed holder left.
     *
     * @return the lock, or null when another process holds it
     */
    static InstanceLock tryTake(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM holds it already
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        Files.deleteIfExists(dir.resolve(SOCKET));
        return new InstanceLock(dir, channel, lock);
    }

    /** The pid the holder wrote into the lock file, or -1 when it is not (yet) there. */
    static long holder(Path dir) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(LOCK), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Where the running instance answers requests ({@code show}, {@code status}). */
    static Path socket(Path dir) {
        return dir.resolve(SOCKET);
    }

    Path socket() {
        return socket(dir);
    }

    /** Removes this instance's socket file, then lets the next start take the lock. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(socket());
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the kernel drops the lock when the process ends anyway
        }
    }
}
