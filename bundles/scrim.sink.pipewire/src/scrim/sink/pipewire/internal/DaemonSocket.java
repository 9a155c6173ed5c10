package scrim.sink.pipewire.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;

/**
 * Where this user's PipeWire daemon listens, as libpipewire finds it ($PIPEWIRE_RUNTIME_DIR or
 * $XDG_RUNTIME_DIR, then $PIPEWIRE_REMOTE or pipewire-0), and a watch on that socket: a daemon
 * that starts creates it, one that stops removes it (a restarted one replaces it). The watch is
 * inotify underneath, so knowing whether a daemon is there costs nothing while nothing happens;
 * asking the daemon itself ({@link DaemonProbe}) is a whole client connection.
 */
final class DaemonSocket implements AutoCloseable {

    private final Path socket;
    private final WatchService watcher;
    private final Thread thread;

    /**
     * Watches the socket; {@code changed} runs on the watch's own thread whenever it is created or
     * removed. A folder that cannot be watched (missing) gives no calls: without it no daemon can
     * be reached either.
     */
    DaemonSocket(Path socket, Runnable changed) {
        this.socket = socket;
        WatchService w = null;
        if (socket != null) {
            try {
                w = FileSystems.getDefault().newWatchService();
                socket.getParent().register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            } catch (IOException | RuntimeException e) {
                close(w);
                w = null;
            }
        }
        watcher = w;
        thread = new Thread(() -> watch(changed), "scrim-pipewire-socket");
        thread.setDaemon(true);
        if (watcher != null) {
            thread.start();
        }
    }

    /** The socket libpipewire connects to in this environment, or null when no runtime folder is set. */
    static Path of(Map<String, String> environment) {
        String dir = environment.getOrDefault("PIPEWIRE_RUNTIME_DIR", environment.get("XDG_RUNTIME_DIR"));
        if (dir == null || dir.isBlank()) {
            return null;
        }
        return Path.of(dir).resolve(environment.getOrDefault("PIPEWIRE_REMOTE", "pipewire-0"));
    }

    /** The socket watched, or null. */
    Path path() {
        return socket;
    }

    private void watch(Runnable changed) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = false;
                for (WatchEvent<?> e : key.pollEvents()) {
                    ours |= e.kind() == StandardWatchEventKinds.OVERFLOW || socket.getFileName().equals(e.context());
                }
                if (ours) {
                    changed.run();
                }
                if (!key.reset()) {
                    return; // the folder went away
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    @Override
    public void close() {
        close(watcher);
    }

    private static void close(WatchService w) {
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
