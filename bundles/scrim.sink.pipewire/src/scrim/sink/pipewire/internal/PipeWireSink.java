package scrim.sink.pipewire.internal;

import java.io.IOException;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import scrim.api.Frame;
import scrim.api.FrameSink;
import scrim.api.VideoFormat;

/**
 * A PipeWire camera: while open, a video source node named {@link #nodeName} carries the
 * pipeline's frames. When the daemon is not there (not started yet, restarted, crashed), the
 * output keeps trying on its own timer thread, waiting longer after each failure up to
 * {@link #MAX_RETRY_MILLIS}; frames meanwhile are dropped, the pipeline runs on. A consumer
 * linked to the node (the stream is STREAMING) counts as one consumer for on demand.
 * <p>
 * The service property {@link #DAEMON_VERSION} is the daemon's version while the sink knows that a
 * daemon answers (the Devices view and the window's banner count the camera only then, scrim
 * doctor prints it): asked at registration, when the daemon's socket is created or removed
 * ({@link DaemonSocket}: no polling while nothing changes) and after each (re)connection of the
 * output; removed when the output loses its daemon. {@link #SOCKET} names the socket watched.
 */
final class PipeWireSink implements FrameSink, PipeWireStream.Listener {

    static final long FIRST_RETRY_MILLIS = 250;
    static final long MAX_RETRY_MILLIS = 4000;
    /** After the socket changed: a daemon creates it a moment before it accepts clients, so it is asked more than once. */
    private static final long[] PROBE_AFTER_CHANGE_MILLIS = {0, 500, 2000};
    /** Service property: the version of the daemon that answers, absent while none does. */
    static final String DAEMON_VERSION = "pipewire.daemon.version";
    /** Service property: where the daemon is expected to listen ("" when no runtime folder is set), for scrim doctor. */
    static final String SOCKET = "pipewire.socket";

    private final PipeWireLibrary pw;
    private final String nodeName;
    private final ScheduledExecutorService timer;
    /** The live connection, or null; replaced only under "this", read by write without waiting. */
    private volatile PipeWireStream stream;
    private VideoFormat format;
    private ScheduledFuture<?> retry;
    private long retryMillis = FIRST_RETRY_MILLIS;
    /** The last connection problem reported, so a daemon that stays away is reported once. */
    private String reported;
    private volatile Runnable consumersChanged;
    // the service and its properties, changed on the timer thread only (after register)
    private ServiceRegistration<FrameSink> registration;
    private final Hashtable<String, Object> properties = new Hashtable<>();
    private DaemonSocket socket;

    PipeWireSink(PipeWireLibrary pw, String nodeName) {
        this.pw = pw;
        this.nodeName = nodeName;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scrim-pipewire-" + nodeName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers this PipeWire camera output under the output id {@code id}, with the daemon's version when one answers now. */
    void register(BundleContext context, String id) {
        properties.put(FrameSink.ID, id);
        properties.put(FrameSink.LABEL, "PipeWire camera " + nodeName);
        properties.put(FrameSink.KIND, "pipewire");
        properties.put("pipewire.version", pw.pw_get_library_version()); // for scrim doctor
        socket = new DaemonSocket(DaemonSocket.of(System.getenv()), this::socketChanged);
        properties.put(SOCKET, socket.path() == null ? "" : socket.path().toString());
        String daemon = DaemonProbe.daemonVersion(pw);
        if (daemon != null) {
            properties.put(DAEMON_VERSION, daemon);
        }
        registration = context.registerService(FrameSink.class, this, properties);
    }

    /** Publishes the node; when the daemon cannot be reached, keeps trying in the background instead of failing. */
    @Override
    public synchronized void open(VideoFormat format) {
        close();
        this.format = format;
        retryMillis = FIRST_RETRY_MILLIS;
        connect();
    }

    @Override
    public void write(Frame frame) {
        PipeWireStream s = stream;
        if (s != null) {
            s.write(frame);
        }
    }

    /** Removes the node: consumers see the camera go away, as when a real one is unplugged. */
    @Override
    public synchronized void close() {
        format = null;
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        drop();
    }

    @Override
    public int consumers() {
        PipeWireStream s = stream;
        return s != null && s.state() == PipeWireLibrary.STATE_STREAMING ? 1 : 0;
    }

    @Override
    public void watchConsumers(Runnable changed) {
        consumersChanged = changed;
    }

    /** The component ends: withdraws the service, closes and stops the timer. */
    void dispose() {
        socket.close();
        timer.shutdownNow();
        registration.unregister();
        close();
    }

    /** The watch's thread: a daemon started, stopped or was replaced; asked again on the timer thread. */
    private void socketChanged() {
        try {
            for (long after : PROBE_AFTER_CHANGE_MILLIS) {
                timer.schedule(this::probe, after, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            // disposed
        }
    }

    /** Timer thread: asks the daemon for its version and shows the answer. */
    private void probe() {
        showDaemon(DaemonProbe.daemonVersion(pw));
    }

    /** Timer thread, holding no lock (service listeners run in this call): the daemon's version, or null for none. */
    private void showDaemon(String version) {
        if (version == null ? !properties.containsKey(DAEMON_VERSION) : version.equals(properties.get(DAEMON_VERSION))) {
            return;
        }
        if (version == null) {
            properties.remove(DAEMON_VERSION);
        } else {
            properties.put(DAEMON_VERSION, version);
        }
        try {
            registration.setProperties(properties);
        } catch (IllegalStateException e) {
            // unregistered meanwhile
        }
    }

    /**
     * PipeWire's thread, its loop locked: the work goes to the timer thread, as a stream cannot be
     * destroyed from its own callback, and whoever holds this sink's lock may be waiting for the loop.
     */
    @Override
    public void stateChanged(PipeWireStream s, int state, String error) {
        try {
            if (state == PipeWireLibrary.STATE_ERROR || state == PipeWireLibrary.STATE_UNCONNECTED) {
                timer.execute(() -> lost(s, error));
            } else if (state == PipeWireLibrary.STATE_PAUSED || state == PipeWireLibrary.STATE_STREAMING) {
                timer.execute(this::connected);
            }
        } catch (RejectedExecutionException e) {
            // disposed: nothing to reconnect
        }
        Runnable r = consumersChanged;
        if (r != null) {
            r.run();
        }
    }

    private synchronized void connected() {
        retryMillis = FIRST_RETRY_MILLIS;
        if (!properties.containsKey(DAEMON_VERSION)) {
            timer.execute(this::probe);
        }
        if (reported != null) {
            System.err.println("scrim: PipeWire camera " + nodeName + " is back");
            reported = null;
        }
    }

    private synchronized void lost(PipeWireStream s, String error) {
        if (stream != s) {
            return; // closed or replaced meanwhile
        }
        drop();
        timer.execute(() -> showDaemon(null));
        report("PipeWire camera " + nodeName + " lost its connection (" + (error == null ? "the daemon went away" : error) + "); reconnecting");
        scheduleRetry();
    }

    private void connect() {
        try {
            stream = PipeWireStream.open(pw, nodeName, format, this);
        } catch (IOException | RuntimeException e) {
            report("PipeWire camera " + nodeName + " is waiting for PipeWire: " + e.getMessage());
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        long wait = retryMillis;
        retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
        retry = timer.schedule(this::retry, wait, TimeUnit.MILLISECONDS);
    }

    private synchronized void retry() {
        retry = null;
        if (format != null && stream == null) {
            connect();
        }
    }

    private void drop() {
        PipeWireStream s = stream;
        stream = null;
        if (s != null) {
            s.close();
        }
    }

    private void report(String problem) {
        if (!problem.equals(reported)) {
            System.err.println("scrim: " + problem);
            reported = problem;
        }
    }
}
