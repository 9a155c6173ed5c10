package scrim.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Dictionary;
import java.util.List;
import java.util.stream.Stream;

/**
 * The saved setup: ConfigAdmin's files under {@code $XDG_CONFIG_HOME/scrim/config}, used by the
 * commands that resume and change it (start, window).
 * <ul>
 * <li>One process at a time: a lock file beside it, held while the process lives (the kernel
 * drops it when the process dies, so a crash never blocks the next start). A second start is
 * refused with the first one's pid.</li>
 * <li>A folder that cannot be written (read-only file system, no permission): Scrim runs on a
 * copy of the saved setup, says so, and saves nothing, rather than failing on the first change.</li>
 * <li>Damaged files are moved aside as {@code *.broken} (never deleted) and reported by path
 * before the framework starts, so ConfigAdmin never silently replaces them with defaults.</li>
 * </ul>
 */
final class SavedSetup implements AutoCloseable {

    /** Reads one ConfigAdmin file as ConfigAdmin does; throws when it cannot. */
    interface Reader {
        Dictionary<String, ?> read(InputStream in) throws IOException;
    }

    /** Another process holds the saved setup. */
    static final class InUseException extends Exception {
        private static final long serialVersionUID = 1L;

        InUseException(String message) {
            super(message);
        }
    }

    private static final String LOCK = "instance.lock";
    private static final String SUFFIX = ".config";
    private static final String BROKEN = ".broken";

    private final Path saved;
    private final Path store;
    private final FileChannel channel;
    private final FileLock lock;

    private SavedSetup(Path saved, Path store, FileChannel channel, FileLock lock) {
        this.saved = saved;
        this.store = store;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the saved setup in {@code home} ({@code $XDG_CONFIG_HOME/scrim}) for this process.
     *
     * @param scratch where a copy goes when {@code home} cannot be written
     * @throws InUseException when another Scrim holds it
     */
    static SavedSetup open(Path home, Path scratch, PrintStream err) throws IOException, InUseException {
        Path saved = home.resolve("config");
        String unwritable = unwritable(saved);
        if (unwritable != null) {
            Path copy = Files.createDirectories(scratch.resolve("config"));
            if (Files.isDirectory(saved)) {
                copyTree(saved, copy);
            }
            err.println("scrim: the saved setup in " + saved + " cannot be written (" + unwritable + "): running with it, but changes"
                    + " made now are not saved; make the folder writable, or point XDG_CONFIG_HOME at a writable folder, to keep them");
            return new SavedSetup(saved, copy, null, null);
        }
        FileChannel channel = FileChannel.open(home.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            String pid = new String(Files.readAllBytes(home.resolve(LOCK)), StandardCharsets.US_ASCII).strip();
            channel.close();
            throw new InUseException("the saved setup in " + saved + " is in use by another Scrim (pid " + (pid.isEmpty() ? "unknown" : pid)
                    + "): stop that one first (close its window, or Ctrl-C), or use 'scrim run', which leaves the saved setup alone");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new SavedSetup(saved, saved, channel, lock);
    }

    /** The folder ConfigAdmin keeps its files in (felix.cm.dir). */
    Path store() {
        return store;
    }

    /**
     * Checks that every file of the setup reads whole; moves each damaged one aside and says so.
     *
     * @return the damaged files, as moved aside
     */
    List<Path> setAsideDamaged(Reader reader, PrintStream err) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(store)) {
            files = all.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).sorted().toList();
        }
        List<Path> moved = new java.util.ArrayList<>();
        for (Path file : files) {
            String damage = damage(file, reader);
            if (damage != null) {
                Path aside = freeName(file);
                Files.move(file, aside);
                Path shown = saved.resolve(store.relativize(file));
                err.println("scrim: the saved settings in " + shown + " are damaged (" + damage + "): kept as " + aside.getFileName()
                        + (store.equals(saved) ? "" : " in the copy") + "; these settings start from their defaults, the rest of the setup is kept");
                moved.add(aside);
            }
        }
        return moved;
    }

    /** Why a file is not a whole ConfigAdmin file, or null when it is. */
    private static String damage(Path file, Reader reader) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                return "empty";
            }
            // ConfigAdmin ends every line; a file cut short ends in the middle of one
            if (bytes[bytes.length - 1] != '\n') {
                return "cut short: the last line is incomplete";
            }
            Dictionary<String, ?> d;
            try (InputStream in = Files.newInputStream(file)) {
                d = reader.read(in);
            }
            // ConfigAdmin always writes the pid; its parser stops quietly at garbage, so a missing pid means lost lines
            if (d == null || d.get("service.pid") == null) {
                return "no service.pid: lines are missing or unreadable";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    private static Path freeName(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + BROKEN);
        for (int i = 2; Files.exists(aside); i++) {
            aside = file.resolveSibling(file.getFileName() + BROKEN + "-" + i);
        }
        return aside;
    }

    /** Why the saved setup's folder cannot be written, or null when it can. */
    private static String unwritable(Path saved) {
        try {
            Files.createDirectories(saved);
            Path probe = Files.createTempFile(saved, ".probe", ".tmp");
            Files.delete(probe);
            return null;
        } catch (FileSystemException e) {
            return e.getReason() != null ? e.getReason() : e.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Lets the next start have the saved setup. */
    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            // the kernel drops the lock when the process ends anyway
        }
    }
}
