package scrim.sink.file.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Marks an output file as being written by this process: {@code NAME.lock} beside it, locked
 * (fcntl) while the output is in use and holding this process's pid, so a second Scrim told to
 * write the same file refuses instead of interleaving with the first. The file is removed when
 * released; whoever locks it checks that the name still leads to the file it locked (the holder
 * may have removed it in between).
 */
final class OutputLock implements Closeable {

    private final Path path;
    private final FileChannel channel;

    private OutputLock(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** The lock file of {@code file}. */
    static Path pathOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /** Locks {@code file} for this process, or explains who holds it. */
    static OutputLock acquire(Path file) throws IOException {
        Path path = pathOf(file);
        while (true) {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                channel.close();
                throw new IOException(file + " is already being written by another output of this Scrim: give each output its own file");
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new IOException(file + " is being written by another Scrim" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + ": stop that one first, or choose another output file");
            }
            // a token of our own: if the name now leads elsewhere, the holder removed the file we locked
            String token = ProcessHandle.current().pid() + " " + UUID.randomUUID() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.US_ASCII)), 0);
            if (token.equals(contentOf(path))) {
                return new OutputLock(path, channel);
            }
            channel.close();
        }
    }

    /** Removes the lock file, then lets go of the lock (in that order: see the class comment). */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(path);
        } finally {
            channel.close();
        }
    }

    /** The holder's pid as it wrote it, or "" if not written yet. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64);
        channel.read(b, 0);
        String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
        int space = text.indexOf(' ');
        return space > 0 && text.substring(0, space).chars().allMatch(Character::isDigit) ? text.substring(0, space) : "";
    }

    private static String contentOf(Path path) throws IOException {
        try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer b = ByteBuffer.allocate(128);
            c.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
