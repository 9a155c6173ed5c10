package scrim.v4l2;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts the processes, other than one (Scrim itself), that hold a file open, from the links in
 * {@code /proc/PID/fd}. A link names the node by the path the kernel resolved ("/dev/video10"),
 * so it is compared with the node's real path first; a link that only ends with the node's name
 * (a program in another mount namespace, a sandboxed browser) counts if it is the same file.
 * Processes of other users cannot be looked into without root and are not counted; nor are
 * entries that vanish or cannot be read while the scan runs (a process ending).
 */
final class ProcFds {

    private final Path proc;
    private final long ownPid;

    /** @param proc /proc, or a folder standing in for it in tests */
    ProcFds(Path proc, long ownPid) {
        this.proc = proc;
        this.ownPid = ownPid;
    }

    /** How many processes other than {@code ownPid} hold {@code node} open now (each counted once). */
    int holders(Path node) {
        Path real;
        try {
            real = node.toRealPath();
        } catch (IOException e) {
            return 0; // the node is gone: nobody holds it
        }
        String name = "/" + real.getFileName();
        String path = real.toString();
        int count = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc)) {
            for (Path pid : pids) {
                if (isOtherPid(pid.getFileName().toString()) && holds(pid.resolve("fd"), path, name, real)) {
                    count++;
                }
            }
        } catch (IOException e) {
            return count;
        }
        return count;
    }

    private boolean isOtherPid(String name) {
        if (name.isEmpty() || name.length() > 18) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(name) != ownPid;
    }

    private static boolean holds(Path fds, String path, String name, Path real) {
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path link : links) {
                if (isLink(link, path, name, real)) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            // another user's process, or one that just ended
        }
        return false;
    }

    private static boolean isLink(Path link, String path, String name, Path real) {
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.equals(path) || target.endsWith(name) && Files.isSameFile(link, real);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // closed meanwhile
        }
    }
}
