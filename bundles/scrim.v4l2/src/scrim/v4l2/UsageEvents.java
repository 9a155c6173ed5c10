package scrim.v4l2;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * v4l2loopback's client-usage event (0.13 and later), read from the writer's own descriptor: the
 * module queues it when a consumer starts or stops streaming (capture STREAMON, STREAMOFF,
 * close), with the number of streaming consumers first in the payload. Unlike the /proc scan
 * this sees the programs of every user, and only those that really stream. A thread of its own
 * waits for the event with poll(POLLPRI); an eventfd wakes it to stop before the writer closes.
 */
final class UsageEvents implements AutoCloseable {

    /** V4L2_EVENT_PRIVATE_START + 0x08E00000 + 1, v4l2loopback's V4L2_EVENT_PRI_CLIENT_USAGE. */
    static final int CLIENT_USAGE = 0x08000000 + 0x08E00000 + 1;
    static final int SUB_FL_SEND_INITIAL = 1;
    /** _IOW('V', 90, struct v4l2_event_subscription) and _IOR('V', 89, struct v4l2_event), x86-64. */
    static final long VIDIOC_SUBSCRIBE_EVENT = 0x4020565aL;
    static final long VIDIOC_DQEVENT = 0x80885659L;
    static final int SIZEOF_EVENT_SUBSCRIPTION = 32;
    static final int SIZEOF_EVENT = 136;
    /** v4l2_event.u follows the 4-byte type, aligned to 8 (it holds 64-bit members). */
    static final int EVENT_PAYLOAD = 8;

    private static final int POLLERR_HUP_NVAL = 0x8 | 0x10 | 0x20;

    private final V4l2Device writer;
    private final Runnable changed;
    private final int wake;
    private final Thread thread;
    private volatile int count;

    private UsageEvents(V4l2Device writer, Runnable changed, int wake) {
        this.writer = writer;
        this.changed = changed;
        this.wake = wake;
        thread = new Thread(this::follow, "scrim-usage-" + writer.node().getFileName());
        thread.setDaemon(true);
    }

    /**
     * Subscribes to the event on the writer's descriptor.
     *
     * @return the running subscription, or null where the module has no such event (v4l2loopback
     *         0.12 and older answer EINVAL): then the caller counts the holders in /proc
     */
    static UsageEvents subscribe(V4l2Device writer, Runnable changed) {
        try (Memory sub = new Memory(SIZEOF_EVENT_SUBSCRIPTION)) {
            sub.clear();
            sub.setInt(0, CLIENT_USAGE);
            sub.setInt(8, SUB_FL_SEND_INITIAL);
            FrameCalls.ioctl(writer.fd(), VIDIOC_SUBSCRIBE_EVENT, sub);
        } catch (LastErrorException e) {
            return null;
        }
        int wake;
        try {
            wake = Libc.C.eventfd(0, Libc.EFD_CLOEXEC);
        } catch (LastErrorException e) {
            System.err.println("scrim: cannot wait for the usage events of " + writer.node() + " (eventfd: " + Libc.C.strerror(e.getErrorCode())
                    + "); counting the programs that hold it open instead");
            return null;
        }
        UsageEvents events = new UsageEvents(writer, changed, wake);
        events.count = DeviceUsers.UNKNOWN; // until the initial event (SEND_INITIAL) arrives
        events.thread.start();
        return events;
    }

    /** Consumers streaming now, or {@link DeviceUsers#UNKNOWN} before the first event. */
    int count() {
        return count;
    }

    private void follow() {
        try (Memory fds = new Memory(16); Memory event = new Memory(SIZEOF_EVENT)) {
            while (true) {
                fds.setInt(0, writer.fd());
                fds.setInt(4, Libc.POLLPRI); // events, revents 0
                fds.setInt(8, wake);
                fds.setInt(12, Libc.POLLIN);
                try {
                    FrameCalls.poll(fds, 2, -1);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == Libc.EINTR) {
                        continue;
                    }
                    throw e;
                }
                if (fds.getShort(14) != 0 || (fds.getShort(6) & POLLERR_HUP_NVAL) != 0) {
                    return; // stopping, or the device is gone
                }
                if ((fds.getShort(6) & Libc.POLLPRI) != 0) {
                    event.clear();
                    FrameCalls.ioctl(writer.fd(), VIDIOC_DQEVENT, event);
                    if (event.getInt(0) == CLIENT_USAGE) {
                        count = event.getInt(EVENT_PAYLOAD);
                        changed.run();
                    }
                }
            }
        } catch (LastErrorException e) {
            System.err.println("scrim: no longer following the usage events of " + writer.node() + ": " + Libc.C.strerror(e.getErrorCode()));
        }
    }

    /** Stops the thread; call before the writer's descriptor is closed (its number could be reused). */
    @Override
    public void close() {
        try (Memory one = new Memory(8)) {
            one.setLong(0, 1);
            Libc.C.write(wake, one.getByteBuffer(0, 8), 8);
        } catch (LastErrorException e) {
            // cannot happen with a counter far from its limit
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            Libc.C.close(wake);
        }
    }
}
