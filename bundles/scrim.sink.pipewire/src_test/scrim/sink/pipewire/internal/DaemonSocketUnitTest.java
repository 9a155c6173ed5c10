package scrim.sink.pipewire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's socket as libpipewire finds it, and the watch on it, with a real socket in a folder of the test's own. */
class DaemonSocketUnitTest {

    @TempDir
    Path runtime;

    @Test
    void theSocketIsWhereLibpipewireLooks() {
        assertEquals(Path.of("/run/user/7/pipewire-0"), DaemonSocket.of(Map.of("XDG_RUNTIME_DIR", "/run/user/7")));
        assertEquals(Path.of("/tmp/pw/pipewire-0"), DaemonSocket.of(Map.of("XDG_RUNTIME_DIR", "/run/user/7", "PIPEWIRE_RUNTIME_DIR", "/tmp/pw")));
        assertEquals(Path.of("/run/user/7/studio"), DaemonSocket.of(Map.of("XDG_RUNTIME_DIR", "/run/user/7", "PIPEWIRE_REMOTE", "studio")));
        assertNull(DaemonSocket.of(Map.of()));
    }

    @Test
    void aDaemonStartingAndStoppingIsSeenAndOtherFilesAreNot() throws Exception {
        Semaphore changes = new Semaphore(0);
        Path socket = runtime.resolve("pipewire-0");
        try (DaemonSocket watch = new DaemonSocket(socket, changes::release)) {
            Files.writeString(runtime.resolve("pipewire-0-manager"), "another daemon's socket");
            Files.writeString(runtime.resolve("pipewire-0.lock"), "");
            assertTrue(!changes.tryAcquire(300, TimeUnit.MILLISECONDS), "other files are not the daemon's socket");
            try (ServerSocketChannel daemon = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                daemon.bind(UnixDomainSocketAddress.of(socket));
                assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS), "the socket created: a daemon started");
            }
            Files.delete(socket);
            assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS), "the socket removed: the daemon stopped");
        }
    }

    @Test
    void aMissingFolderIsNotWatchedAndDoesNotFail() {
        try (DaemonSocket watch = new DaemonSocket(runtime.resolve("gone/pipewire-0"), () -> {
        })) {
            assertEquals(runtime.resolve("gone/pipewire-0"), watch.path());
        }
        try (DaemonSocket watch = new DaemonSocket(null, () -> {
        })) {
            assertNull(watch.path());
        }
    }
}
