package scrim.v4l2;

import java.nio.file.Path;

/**
 * Counts the programs, other than Scrim, that use a device node (the apps reading a virtual
 * camera), and says when the count changes.
 * <ul>
 * <li>Where v4l2loopback has its client-usage event (0.13 and later) and Scrim writes to the
 * node, the count is the module's: the consumers streaming, of any user ({@link UsageEvents}).</li>
 * <li>Otherwise (0.12, or no writer open) it is the number of processes other than this one that
 * hold the node open ({@link ProcFds}). Other users' processes cannot be seen there. The scan runs
 * when inotify reports the node opened or closed, never on a timer: a thread blocks reading the
 * events. A burst of opens and closes is looked at once, {@value #SETTLE_MILLIS} ms after the last
 * of them (at most {@value #MAX_SETTLE_MILLIS} ms after the first), so a program that only
 * probes the device (a browser listing cameras opens, asks and closes within a few ms) is never
 * counted, and a steady stream of probes cannot delay the count for long.</li>
 * </ul>
 */
public final class DeviceUsers implements AutoCloseable {

    /** The count when it cannot be known (inotify unavailable): callers should treat the device as used. */
    public static final int UNKNOWN = -1;
    static final int SETTLE_MILLIS = 100;
    static final int MAX_SETTLE_MILLIS = 1000;
    private static final InotifyEvents.Listener IGNORE = (name, mask) -> {
    };

    private final Path node;
    private final ProcFds fds;
    private final int settleMillis;
    private final Runnable changed;
    private final InotifyEvents events;
    private final Thread thread;
    private final Object usageLock = new Object();
    private volatile int holders;
    private volatile UsageEvents usage;
    private volatile boolean closed;

    /**
     * Starts counting the users of a node.
     *
     * @param changed called on a thread of this class when {@link #count()} changed; must be quick
     */
    public DeviceUsers(Path node, Runnable changed) {
        this(node, Path.of("/proc"), ProcessHandle.current().pid(), SETTLE_MILLIS, changed);
    }

    /** With a folder standing in for /proc, the pid not to count and the settle time (tests). */
    DeviceUsers(Path node, Path proc, long ownPid, int settleMillis, Runnable changed) {
        this.node = node;
        this.fds = new ProcFds(proc, ownPid);
        this.settleMillis = settleMillis;
        this.changed = changed;
        events = watch(node);
        holders = events != null ? fds.holders(node) : UNKNOWN; // after the watch is set up: no open falls between the two
        thread = events != null ? new Thread(this::follow, "scrim-users-" + node.getFileName()) : null;
        if (thread != null) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static InotifyEvents watch(Path node) {
        try {
            return InotifyEvents.watch(node, InotifyEvents.OPEN_CLOSE);
        } catch (V4l2Exception e) {
            System.err.println("scrim: " + e.getMessage() + "; the apps using " + node + " cannot be counted, so it is taken as always in use");
            return null;
        }
    }

    /** Programs using the node now (other than Scrim), or {@link #UNKNOWN}. */
    public int count() {
        UsageEvents u = usage;
        if (u != null && u.count() != UNKNOWN) {
            return u.count();
        }
        return holders;
    }

    /**
     * Scrim opened the node to write to it: counts from v4l2loopback's usage events on that
     * descriptor if the module has them, until {@link #writerClosing()}.
     */
    public void writerOpened(V4l2Device writer) {
        synchronized (usageLock) {
            stopUsage();
            usage = UsageEvents.subscribe(writer, this::usageChanged);
        }
    }

    /** Scrim is about to close its writer: back to counting holders in /proc. Call before the descriptor closes. */
    public void writerClosing() {
        synchronized (usageLock) {
            int was = count();
            stopUsage();
            if (count() != was && !closed) {
                changed.run();
            }
        }
    }

    private void stopUsage() {
        UsageEvents u = usage;
        usage = null;
        if (u != null) {
            u.close();
        }
    }

    private void usageChanged() {
        if (!closed) {
            changed.run();
        }
    }

    private void follow() {
        try {
            while (!closed && events.read(IGNORE)) {
                if (!settle()) {
                    break;
                }
                rescan();
            }
        } catch (V4l2Exception e) {
            System.err.println("scrim: no longer counting the apps using " + node + ": " + e.getMessage());
        }
        if (!closed && holders != 0) { // the node is gone, and its users with it
            holders = 0;
            changed.run();
        }
    }

    /** Waits until the node has been left alone for the settle time; false once the watch ended. */
    private boolean settle() throws V4l2Exception {
        long end = System.nanoTime() + MAX_SETTLE_MILLIS * 1_000_000L;
        while (System.nanoTime() < end && events.await(settleMillis)) {
            if (!events.read(IGNORE)) {
                return false;
            }
        }
        return true;
    }

    private void rescan() {
        int now = fds.holders(node);
        int was = count();
        holders = now;
        if (count() != was && !closed) {
            changed.run();
        }
    }

    /** Stops counting; no call to the listener after this returns. */
    @Override
    public void close() {
        closed = true;
        synchronized (usageLock) {
            stopUsage();
        }
        if (events == null) {
            return;
        }
        events.stop();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            events.close(); // never while the thread may still read it: its number could be reused
        }
    }
}
