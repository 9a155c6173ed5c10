package scrim.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The /proc scan on a fake tree: folders named by pid, each with an fd folder of symbolic
 * links, as the kernel shows them. The node is a plain file.
 */
class ProcFdsUnitTest {

    private static final long OWN = 300;

    @TempDir
    Path dir;

    private Path node;
    private Path proc;

    private void fd(long pid, int fd, Path target) throws IOException {
        Path fds = Files.createDirectories(proc.resolve(pid + "/fd"));
        Files.createSymbolicLink(fds.resolve(Integer.toString(fd)), target);
    }

    private int holders() {
        return new ProcFds(proc, OWN).holders(node);
    }

    @Test
    void countsOtherProcessesOnceEachAndNeverItself() throws Exception {
        node = Files.createFile(Files.createDirectories(dir.resolve("dev")).resolve("video10"));
        proc = Files.createDirectories(dir.resolve("proc"));
        Path other = Files.createFile(dir.resolve("dev/video11"));
        assertEquals(0, holders(), "nobody holds it");

        fd(100, 3, node);
        fd(100, 7, node); // two descriptors, one process
        fd(100, 0, Path.of("/dev/null"));
        assertEquals(1, holders(), "a process with two descriptors on the node is one user");

        fd(OWN, 5, node); // Scrim's own writer
        assertEquals(1, holders(), "Scrim's own descriptors are not a consumer");

        fd(200, 4, other);
        fd(200, 1, Path.of("pipe:[1234]"));
        fd(200, 2, Path.of("socket:[99]"));
        assertEquals(1, holders(), "a process holding another node, a pipe and a socket is not a user");

        Path elsewhere = Files.createDirectories(dir.resolve("sandbox/dev"));
        Files.createLink(elsewhere.resolve("video10"), node);
        fd(400, 9, elsewhere.resolve("video10"));
        Files.createFile(Files.createDirectories(dir.resolve("decoy")).resolve("video10"));
        fd(500, 9, dir.resolve("decoy/video10"));
        assertEquals(2, holders(), "the same node under another path (another mount namespace) counts, a different file of the same name does not");

        fd(600, 8, dir.resolve("gone/video10")); // a dangling link: closed and replaced while scanning
        Files.createDirectories(proc.resolve("700"));                          // no fd folder (a zombie)
        Files.writeString(Files.createDirectories(proc.resolve("800")).resolve("fd"), "x"); // unreadable as a folder
        Files.createDirectories(proc.resolve("self/fd"));
        Files.createSymbolicLink(proc.resolve("self/fd/3"), node);             // not a pid
        Files.writeString(proc.resolve("uptime"), "1.0 1.0");
        assertEquals(2, holders(), "entries that cannot be read and names that are not pids are skipped");

        Files.delete(node);
        assertEquals(0, holders(), "a node that is gone has no users");
    }
}
