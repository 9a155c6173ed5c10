package scrim.sink.pipewire.internal;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * The libpipewire-0.3 calls made to set a stream up and tear it down (those made per frame are
 * in {@link FrameCalls}). Every call except the thread loop's own must be made with the thread
 * loop locked.
 */
public interface PipeWireLibrary extends Library {

    /** The runtime library's file name: distributions ship no unversioned .so without the -dev package. */
    String FILE = "libpipewire-0.3.so.0";

    // pipewire/stream.h: enum pw_stream_state
    int STATE_ERROR = -1;
    int STATE_UNCONNECTED = 0;
    int STATE_CONNECTING = 1;
    int STATE_PAUSED = 2;
    int STATE_STREAMING = 3;

    // enum pw_stream_flags
    int FLAG_MAP_BUFFERS = 1 << 2;
    int FLAG_DRIVER = 1 << 3;

    /** enum spa_direction: PipeWire receives what this stream produces. */
    int DIRECTION_OUTPUT = 1;
    /** PW_ID_ANY: no target node; consumers link to this one. */
    int ID_ANY = -1;

    void pw_init(Pointer argc, Pointer argv);

    String pw_get_library_version();

    Pointer pw_thread_loop_new(String name, Pointer props);

    Pointer pw_thread_loop_get_loop(Pointer loop);

    int pw_thread_loop_start(Pointer loop);

    void pw_thread_loop_stop(Pointer loop);

    void pw_thread_loop_destroy(Pointer loop);

    void pw_thread_loop_lock(Pointer loop);

    void pw_thread_loop_unlock(Pointer loop);

    /** Called with a null key only: an empty property set. */
    Pointer pw_properties_new(String key, Object... moreKeysAndValues);

    int pw_properties_set(Pointer properties, String key, String value);

    /** A stream with its own context and connection on {@code loop}; takes ownership of {@code properties}. */
    Pointer pw_stream_new_simple(Pointer loop, String name, Pointer properties, StreamEvents events, Pointer data);

    int pw_stream_connect(Pointer stream, int direction, int targetId, int flags, Pointer[] params, int paramCount);

    int pw_stream_update_params(Pointer stream, Pointer[] params, int paramCount);

    int pw_stream_disconnect(Pointer stream);

    void pw_stream_destroy(Pointer stream);

    int pw_stream_get_node_id(Pointer stream);

    Pointer pw_context_new(Pointer loop, Pointer properties, long userDataSize);

    /** This user's daemon's core, or null when the connection failed. */
    Pointer pw_context_connect(Pointer context, Pointer properties, long userDataSize);

    int pw_core_disconnect(Pointer core);

    void pw_context_destroy(Pointer context);

    /** Listens to a proxy's events; for a core, what pw_core_add_listener does. */
    void pw_proxy_add_object_listener(Pointer proxy, Pointer hook, CoreEvents events, Pointer data);

    int pw_thread_loop_timed_wait(Pointer loop, int seconds);

    void pw_thread_loop_signal(Pointer loop, boolean waitForAccept);

    /** Loads the library and initialises it once; throws {@link UnsatisfiedLinkError} when PipeWire is not installed. */
    static PipeWireLibrary load() {
        PipeWireLibrary pw = Native.load(FILE, PipeWireLibrary.class);
        pw.pw_init(null, null);
        return pw;
    }

    /** void (*state_changed)(void *data, enum pw_stream_state old, enum pw_stream_state state, const char *error) */
    interface StateChanged extends Callback {
        void invoke(Pointer data, int old, int state, String error);
    }

    /** void (*param_changed)(void *data, uint32_t id, const struct spa_pod *param) */
    interface ParamChanged extends Callback {
        void invoke(Pointer data, int id, Pointer param);
    }

    /** void (*add_buffer)(void *data, struct pw_buffer *buffer), and remove_buffer. */
    interface BufferChanged extends Callback {
        void invoke(Pointer data, Pointer buffer);
    }

    /** void (*info)(void *data, const struct pw_core_info *info) */
    interface CoreInfo extends Callback {
        void invoke(Pointer data, Pointer info);
    }

    /** struct pw_core_events, version 0: only info is listened to. Must stay reachable while the core lives. */
    @FieldOrder({"version", "info", "done", "ping", "error", "removeId", "boundId", "addMem", "removeMem"})
    class CoreEvents extends Structure {
        public int version;
        public CoreInfo info;
        public Callback done;
        public Callback ping;
        public Callback error;
        public Callback removeId;
        public Callback boundId;
        public Callback addMem;
        public Callback removeMem;
    }

    /**
     * struct pw_stream_events, version 0 (the callbacks up to drained, which 0.3 and 1.x all
     * have). Unused callbacks stay null. Must stay reachable while the stream lives.
     */
    @FieldOrder({"version", "destroy", "stateChanged", "controlInfo", "ioChanged", "paramChanged", "addBuffer", "removeBuffer", "process",
            "drained"})
    class StreamEvents extends Structure {
        public int version;
        public Callback destroy;
        public StateChanged stateChanged;
        public Callback controlInfo;
        public Callback ioChanged;
        public ParamChanged paramChanged;
        public BufferChanged addBuffer;
        public BufferChanged removeBuffer;
        public Callback process;
        public Callback drained;
    }
}
