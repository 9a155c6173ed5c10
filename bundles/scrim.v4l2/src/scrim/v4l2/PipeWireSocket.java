package scrim.v4l2;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where this user's PipeWire daemon listens, and whether it answers: the PipeWire camera can be
 * published only then. Read by scrim doctor and by the window's "no virtual camera" banner.
 */
public final class PipeWireSocket {

    private PipeWireSocket() {
    }

    /** Where libpipewire connects: $PIPEWIRE_RUNTIME_DIR or $XDG_RUNTIME_DIR, then $PIPEWIRE_REMOTE or pipewire-0; null if neither dir is set. */
    public static Path of(Map<String, String> environment) {
        String dir = environment.getOrDefault("PIPEWIRE_RUNTIME_DIR", environment.get("XDG_RUNTIME_DIR"));
        if (dir == null || dir.isBlank()) {
            return null;
        }
        String remote = environment.getOrDefault("PIPEWIRE_REMOTE", "pipewire-0");
        return Path.of(dir).resolve(remote);
    }

    /** Whether a daemon accepts a connection on {@code socket} now (a missing socket fails at once). */
    public static boolean answers(Path socket) {
        if (socket == null) {
            return false;
        }
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
