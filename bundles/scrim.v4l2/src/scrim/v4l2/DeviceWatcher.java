package scrim.v4l2;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Follows the video device nodes that match a predicate: reports each one that appears and
 * each one that disappears (a camera plugged in or out, a module loaded or removed). It watches
 * /dev with inotify and opens a node only to ask what it is, once when it appears (and again
 * if its permissions change), never again while it stays: opening a camera can power it up,
 * and the nodes of other programs are none of its business. What every node turned out to be,
 * failures included, is remembered. Nodes that cannot be opened (no permission) are reported
 * by whoever uses them, not here.
 */
public final class DeviceWatcher implements AutoCloseable {

    /** Asks a node what it is (V4l2::query on a real system). */
    interface Probe {
        DeviceInfo probe(Path node) throws V4l2Exception;
    }

    /** Without inotify (too many instances), the folder is listed this often; known nodes are still not opened again. */
    private static final long LIST_MILLIS = 2000;

    private final Path dir;
    private final Probe probe;
    private final Predicate<DeviceInfo> wanted;
    private final Consumer<DeviceInfo> appeared;
    private final Consumer<DeviceInfo> disappeared;
    /** Every node seen, with what it is (empty: it could not be opened). */
    private final Map<Path, Optional<DeviceInfo>> known = new HashMap<>();
    /** The wanted ones, as reported. */
    private final Map<Path, DeviceInfo> present = new HashMap<>();
    private final InotifyEvents events;
    private final Thread thread;
    private volatile boolean closed;

    public DeviceWatcher(String name, Predicate<DeviceInfo> wanted, Consumer<DeviceInfo> appeared, Consumer<DeviceInfo> disappeared) {
        this(name, Path.of("/dev"), V4l2::query, wanted, appeared, disappeared);
    }

    /** Watches {@code dir} (/dev, or a folder standing in for it in tests). */
    DeviceWatcher(String name, Path dir, Probe probe, Predicate<DeviceInfo> wanted, Consumer<DeviceInfo> appeared, Consumer<DeviceInfo> disappeared) {
        this.dir = dir;
        this.probe = probe;
        this.wanted = wanted;
        this.appeared = appeared;
        this.disappeared = disappeared;
        events = watch(dir);
        rescan(); // after the watch is set up, so that no node falls between the two
        thread = new Thread(events != null ? this::follow : this::list, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static InotifyEvents watch(Path dir) {
        try {
            return InotifyEvents.watch(dir, InotifyEvents.FOLDER);
        } catch (V4l2Exception e) {
            System.err.println("scrim: " + e.getMessage() + "; looking for devices every " + LIST_MILLIS / 1000 + " s instead");
            return null;
        }
    }

    private void follow() {
        try {
            while (!closed && events.read(this::changed)) {
                // each event is handled as it is read
            }
        } catch (V4l2Exception e) {
            System.err.println("scrim: no longer following devices in " + dir + ": " + e.getMessage());
        }
    }

    private void list() {
        while (!closed) {
            try {
                Thread.sleep(LIST_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            rescan();
        }
    }

    private synchronized void changed(String name, int mask) {
        if (closed) {
            return;
        }
        if (name == null) {
            rescan(); // events were lost
        } else if (name.startsWith("video")) {
            Path node = dir.resolve(name);
            if ((mask & (Libc.IN_DELETE | Libc.IN_MOVED_FROM)) != 0) {
                forget(node);
            } else {
                ask(node);
            }
        }
    }

    /** Compares the folder with what is known: new nodes are asked, vanished ones forgotten. */
    private synchronized void rescan() {
        if (closed) {
            return;
        }
        Set<Path> now = new HashSet<>(V4l2.nodes(dir));
        for (Path node : Set.copyOf(known.keySet())) {
            if (!now.contains(node)) {
                forget(node);
            }
        }
        for (Path node : V4l2.nodes(dir)) {
            if (!known.containsKey(node)) {
                ask(node);
            }
        }
    }

    /** Opens a node to learn what it is, and reports the change if it matters. */
    private void ask(Path node) {
        Optional<DeviceInfo> info;
        try {
            info = Optional.of(probe.probe(node));
        } catch (V4l2Exception e) {
            info = Optional.empty(); // remembered too: a failing node is not tried again until it changes
        }
        known.put(node, info);
        DeviceInfo was = present.get(node);
        DeviceInfo now = info.filter(wanted).orElse(null);
        if (was != null && !was.equals(now)) {
            present.remove(node);
            disappeared.accept(was);
        }
        if (now != null && !now.equals(was)) {
            present.put(node, now);
            appeared.accept(now);
        }
    }

    private void forget(Path node) {
        known.remove(node);
        DeviceInfo was = present.remove(node);
        if (was != null) {
            disappeared.accept(was);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (events != null) {
            events.stop();
        } else {
            thread.interrupt();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (events != null && !thread.isAlive()) {
            events.close(); // never while the thread may still read it: its number could be reused
        }
        synchronized (this) {
            present.values().forEach(disappeared);
            present.clear();
            known.clear();
        }
    }
}
