package scrim.sink.pipewire.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Asks this user's PipeWire daemon for its version, as pw-cli info 0 does: connects a core of
 * its own, waits for the core's info event (the daemon sends it right after the handshake) and
 * disconnects. Without a daemon the connection fails at once; a daemon that hangs is given
 * {@link #WAIT_SECONDS}.
 */
final class DaemonProbe {

    static final int WAIT_SECONDS = 1;
    /** struct pw_core_info: id, cookie, user_name, host_name, version (at 24), name... */
    private static final int CORE_INFO_VERSION = 24;
    /** struct spa_hook is 6 pointers; room to spare. */
    private static final int SPA_HOOK_BYTES = 64;

    private DaemonProbe() {
    }

    /** The daemon's version, or null when no daemon answers. */
    static String daemonVersion(PipeWireLibrary pw) {
        Pointer loop = pw.pw_thread_loop_new("scrim-pipewire-probe", null);
        if (loop == null) {
            return null;
        }
        Pointer context = pw.pw_context_new(pw.pw_thread_loop_get_loop(loop), null, 0);
        String[] version = new String[1];
        PipeWireLibrary.CoreEvents events = new PipeWireLibrary.CoreEvents();
        events.info = (data, info) -> {
            version[0] = info.getPointer(CORE_INFO_VERSION).getString(0);
            pw.pw_thread_loop_signal(loop, false);
        };
        events.write();
        Memory hook = new Memory(SPA_HOOK_BYTES);
        hook.clear();
        try {
            if (context == null || pw.pw_thread_loop_start(loop) < 0) {
                return null;
            }
            pw.pw_thread_loop_lock(loop);
            try {
                Pointer core = pw.pw_context_connect(context, null, 0);
                if (core == null) {
                    return null; // nothing answers on the socket
                }
                pw.pw_proxy_add_object_listener(core, hook, events, null);
                long deadline = System.nanoTime() + WAIT_SECONDS * 1_000_000_000L;
                while (version[0] == null && System.nanoTime() < deadline) {
                    pw.pw_thread_loop_timed_wait(loop, WAIT_SECONDS);
                }
                pw.pw_core_disconnect(core);
                return version[0];
            } finally {
                pw.pw_thread_loop_unlock(loop);
            }
        } finally {
            pw.pw_thread_loop_stop(loop);
            if (context != null) {
                pw.pw_context_destroy(context);
            }
            pw.pw_thread_loop_destroy(loop);
        }
    }
}
