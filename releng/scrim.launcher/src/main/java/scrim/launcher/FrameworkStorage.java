package scrim.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The framework's storage folder of this process, under the cache folder. The bundles are
 * installed by reference (their jars stay in the distribution), so it holds only the
 * framework's records and the plugins' copies. A lock file, held while the process lives, marks
 * it as in use: the kernel drops the lock when the process dies, however it dies, so storage
 * left by a crash is recognised and removed by the next start.
 */
final class FrameworkStorage implements AutoCloseable {

    static final String PREFIX = "felix-";
    private static final String NEW_PREFIX = ".felix-new-";
    private static final String LOCK = "lock";
    /**
     * Folders made by older versions have no lock file, so whether their process still runs is
     * unknown: they are removed once they are a day old (no start of the old version runs that
     * long after an update).
     */
    private static final Duration UNLOCKED_GRACE = Duration.ofDays(1);
    /** A folder is locked within microseconds of being made; one still unlocked after this was abandoned. */
    private static final Duration HALF_MADE_GRACE = Duration.ofMinutes(1);

    final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private FrameworkStorage(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Removes the storage of processes that ended without cleaning up, then makes and locks this one's. */
    static FrameworkStorage create(Path cache) throws IOException {
        sweep(cache);
        // made and locked under a name the sweep ignores, then renamed: no sweep ever sees it unlocked
        Path fresh = Files.createTempDirectory(cache, NEW_PREFIX);
        FileChannel channel = FileChannel.open(fresh.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IOException("cannot lock the new framework storage " + fresh + ": check that " + cache + " is on a local file system");
        }
        Path dir = cache.resolve(PREFIX + fresh.getFileName().toString().substring(NEW_PREFIX.length()));
        Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        return new FrameworkStorage(dir, channel, lock);
    }

    /** Where the framework keeps its bundle records. */
    Path bundles() {
        return dir.resolve("bundles");
    }

    /** Deletes the storage; the lock goes last, so no sweeper deletes it under us. */
    @Override
    public void close() {
        deleteTree(dir, dir.resolve(LOCK));
        try {
            lock.release();
            channel.close();
            Files.deleteIfExists(dir.resolve(LOCK));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // what is left is found by the next start's sweep
        }
    }

    /** Deletes every storage folder whose owner is gone: its lock is free, or it has no lock and is old. */
    static void sweep(Path cache) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(cache, "{" + PREFIX + "," + NEW_PREFIX + "}*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir)) {
                    sweepOne(dir);
                }
            }
        }
    }

    private static void sweepOne(Path dir) {
        Path lockFile = dir.resolve(LOCK);
        boolean halfMade = dir.getFileName().toString().startsWith(NEW_PREFIX);
        if (halfMade || !Files.exists(lockFile)) {
            try {
                Instant modified = Files.getLastModifiedTime(dir).toInstant();
                if (modified.isBefore(Instant.now().minus(halfMade ? HALF_MADE_GRACE : UNLOCKED_GRACE))) {
                    deleteTree(dir, null);
                }
            } catch (IOException e) {
                // gone meanwhile
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock != null) {
                deleteTree(dir, lockFile);
                Files.deleteIfExists(lockFile);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // another start is sweeping it, or it is in use
        }
    }

    /** Deletes a folder's contents and the folder, except {@code keep}. */
    private static void deleteTree(Path dir, Path keep) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(keep)).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a part that cannot be deleted now is found by the next sweep
        }
    }
}
