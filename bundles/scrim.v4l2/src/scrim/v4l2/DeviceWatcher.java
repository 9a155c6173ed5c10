package scrim.v4l2;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Follows the video device nodes that match a predicate: reports each one that appears and
 * each one that disappears (a camera plugged in or out, a module loaded or removed), by
 * looking at /dev once a second on its own thread. Nodes that cannot be opened (no
 * permission, busy) are reported by whoever uses them, not here.
 */
public final class DeviceWatcher implements AutoCloseable {

    private final Predicate<DeviceInfo> wanted;
    private final Consumer<DeviceInfo> appeared;
    private final Consumer<DeviceInfo> disappeared;
    private final Map<Path, DeviceInfo> present = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    public DeviceWatcher(String name, Predicate<DeviceInfo> wanted, Consumer<DeviceInfo> appeared, Consumer<DeviceInfo> disappeared) {
        this.wanted = wanted;
        this.appeared = appeared;
        this.disappeared = disappeared;
        scan();
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            scan();
        }
    }

    private synchronized void scan() {
        Map<Path, DeviceInfo> now = new HashMap<>();
        for (Path node : V4l2.nodes()) {
            DeviceInfo known = present.get(node);
            if (known != null) {
                now.put(node, known); // opening a busy device again would disturb nobody, but costs; it is still there
                continue;
            }
            try {
                DeviceInfo info = V4l2.query(node);
                if (wanted.test(info)) {
                    now.put(node, info);
                }
            } catch (V4l2Exception e) {
                // not ours to report here
            }
        }
        present.entrySet().removeIf(e -> {
            if (!now.containsKey(e.getKey())) {
                disappeared.accept(e.getValue());
                return true;
            }
            return false;
        });
        for (Map.Entry<Path, DeviceInfo> e : now.entrySet()) {
            if (present.putIfAbsent(e.getKey(), e.getValue()) == null) {
                appeared.accept(e.getValue());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        synchronized (this) {
            present.values().forEach(disappeared);
            present.clear();
        }
    }
}
