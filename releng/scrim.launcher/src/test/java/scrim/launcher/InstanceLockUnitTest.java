package scrim.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's instance lock, held by a real second process (the kernel's lock, not this JVM's bookkeeping). */
class InstanceLockUnitTest {

    @TempDir
    Path runtime;

    /** Another JVM that takes the lock in {@code dir}, says "held" and keeps it until killed. */
    private static Process holder(Path dir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("held", r.readLine(), "the holder process took the lock");
        return p;
    }

    @Test
    void aHeldLockIsSeenWithItsPidAndAKilledHolderNeverBlocks() throws Exception {
        Path dir = InstanceLock.sessionDir(runtime.toString());
        Process p = holder(dir);
        try {
            assertNull(InstanceLock.tryTake(dir), "a second start must see the lock held");
            assertEquals(p.pid(), InstanceLock.holder(dir), "the lock file names the holder");
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, the kernel drops the lock
            p.waitFor();
        }
        try (InstanceLock lock = InstanceLock.tryTake(dir)) {
            assertNotNull(lock, "a killed holder's lock must not block the next start");
            assertEquals(ProcessHandle.current().pid(), InstanceLock.holder(dir));
        }
    }

    @Test
    void closingReleasesTheLockAndRemovesTheSocket() throws Exception {
        Path dir = InstanceLock.sessionDir(runtime.toString());
        InstanceLock lock = InstanceLock.tryTake(dir);
        assertNotNull(lock);
        assertNull(InstanceLock.tryTake(dir), "held while open");
        Files.createFile(lock.socket());
        lock.close();
        assertFalse(Files.exists(lock.socket()), "the socket file goes with the instance");
        try (InstanceLock again = InstanceLock.tryTake(dir)) {
            assertNotNull(again, "released on close");
        }
    }

    @Test
    void aStaleSocketFromAKilledInstanceIsReplaced() throws Exception {
        Path dir = InstanceLock.sessionDir(runtime.toString());
        Path socket = InstanceLock.socket(dir);
        // what a killed instance leaves: a socket file nobody listens on
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));
        assertNull(InstanceClient.askOnce(socket, "status"), "nobody answers on a stale socket");
        assertNull(InstanceClient.ask(dir, "status"), "a stale socket with a free lock means: not running");
        try (InstanceLock lock = InstanceLock.tryTake(dir);
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(lock.socket())); // fails if the stale file were still there
            Thread answering = new Thread(() -> {
                try (SocketChannel c = server.accept()) {
                    c.read(ByteBuffer.allocate(64));
                    c.write(ByteBuffer.wrap("fine\n".getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            answering.start();
            assertEquals("fine\n", InstanceClient.ask(dir, "status"));
            answering.join(5000);
        }
    }

    @Test
    void theSessionFolderIsPrivateAndSomeoneElsesIsRefused() throws Exception {
        Path dir = InstanceLock.sessionDir(runtime.toString());
        assertEquals(runtime.resolve("scrim"), dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = assertThrows(IOException.class, () -> InstanceLock.sessionDir(runtime.toString()));
        assertTrue(e.getMessage().contains("others may use it") && e.getMessage().contains("XDG_RUNTIME_DIR"), e.getMessage());
        Path link = Files.createDirectory(runtime.resolve("other"));
        Files.createSymbolicLink(link.resolve("scrim"), dir);
        e = assertThrows(IOException.class, () -> InstanceLock.sessionDir(link.toString()));
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
    }
}
