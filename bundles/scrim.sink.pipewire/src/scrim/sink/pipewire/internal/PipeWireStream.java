package scrim.sink.pipewire.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import scrim.api.Frame;
import scrim.api.VideoFormat;
import scrim.pixels.I420Writer;

/**
 * One connection to the PipeWire daemon publishing one video source node: its own thread loop,
 * context and stream ({@code pw_stream_new_simple}). The stream drives its graph (DRIVER): each
 * written frame is copied into a free buffer (as YUY2, or converted to I420 when the consumer
 * negotiated that), queued, and a graph cycle is triggered, so
 * consumers run at the pipeline's rate. With no consumer linked there is no free buffer and a
 * frame costs one volatile read. A connection that failed (the daemon went away) is closed and
 * replaced by its owner; it does not reconnect itself.
 */
final class PipeWireStream implements AutoCloseable {

    /** Told, on PipeWire's thread, when the stream's state changed. */
    interface Listener {
        void stateChanged(PipeWireStream stream, int state, String error);
    }

    // struct pw_buffer: buffer, user_data; struct spa_buffer: n_metas, n_datas, metas, datas
    private static final int PW_BUFFER_USER_DATA = 8;
    private static final int SPA_BUFFER_N_METAS = 0;
    private static final int SPA_BUFFER_METAS = 8;
    private static final int SPA_BUFFER_DATAS = 16;
    /** struct spa_meta: type, size, data; 16 bytes. */
    private static final int SPA_META_BYTES = 16;
    /** struct spa_data: type, flags, fd, mapoffset, maxsize (at 20), data (24), chunk (32). */
    private static final int SPA_DATA_MAXSIZE = 20;
    private static final int SPA_DATA_DATA = 24;
    private static final int SPA_DATA_CHUNK = 32;
    /** The stream keeps at most this many buffers (MAX_BUFFERS in stream.c). */
    private static final int MAX_BUFFERS = 64;
    private static final int PARAM_BYTES = 1024;

    private final PipeWireLibrary pw;
    private final VideoFormat format;
    private final Listener listener;
    private final Pointer loop;
    private final long loopAddress;
    private Pointer stream;
    private long streamAddress;
    /** Referenced for as long as the stream lives: PipeWire calls through it. */
    private final PipeWireLibrary.StreamEvents events = new PipeWireLibrary.StreamEvents();
    /** EnumFormat, then Buffers and Meta once a format is agreed; written on PipeWire's thread only. */
    private final Memory params = new Memory(3L * PARAM_BYTES);
    private final Pointer[] formatParams;
    private final Pointer[] bufferParams;

    // the buffers PipeWire gave, by the slot number kept in their user_data; changed under the loop lock
    private final ByteBuffer[] slotData = new ByteBuffer[MAX_BUFFERS];
    private final long[] slotChunk = new long[MAX_BUFFERS];
    private final long[] slotHeader = new long[MAX_BUFFERS];
    /** The video format agreed with the consumer (StreamParams.VIDEO_FORMAT_*), 0 before; under the loop lock. */
    private int agreed;
    /** Made when a consumer first agrees on I420, kept until close; used under the loop lock. */
    private I420Writer i420;
    /** Re-pointed at each struct read, instead of a new Pointer per read. */
    private final Pointer cursor = new Pointer(0);
    private volatile int state = PipeWireLibrary.STATE_UNCONNECTED;
    private boolean closed;

    private PipeWireStream(PipeWireLibrary pw, VideoFormat format, Listener listener) {
        this.pw = pw;
        this.format = format;
        this.listener = listener;
        int[] rate = format.fpsFraction();
        StreamParams.enumFormat(params.getByteBuffer(0, PARAM_BYTES), format.width(), format.height(), rate[0], rate[1]);
        formatParams = new Pointer[] {params.share(0)};
        bufferParams = new Pointer[] {params.share(PARAM_BYTES), params.share(2L * PARAM_BYTES)};
        StreamParams.metaHeader(params.getByteBuffer(2L * PARAM_BYTES, PARAM_BYTES));
        loop = pw.pw_thread_loop_new("scrim-pipewire", null);
        if (loop == null) {
            throw new IllegalStateException("PipeWire could not create a thread loop (out of memory or file descriptors)");
        }
        loopAddress = Pointer.nativeValue(loop);
        events.stateChanged = (data, old, now, error) -> stateChanged(now, error);
        events.paramChanged = (data, id, param) -> paramChanged(id, param);
        events.addBuffer = (data, buffer) -> addBuffer(buffer);
        events.removeBuffer = (data, buffer) -> removeBuffer(buffer);
        events.write();
    }

    /**
     * Connects to the daemon and publishes the node {@code nodeName} offering {@code format}.
     *
     * @throws IOException when the daemon cannot be reached (not running, or another user's)
     */
    static PipeWireStream open(PipeWireLibrary pw, String nodeName, VideoFormat format, Listener listener) throws IOException {
        PipeWireStream s = new PipeWireStream(pw, format, listener);
        try {
            s.connect(nodeName);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void connect(String nodeName) throws IOException {
        if (pw.pw_thread_loop_start(loop) < 0) {
            throw new IOException("PipeWire's thread loop did not start");
        }
        pw.pw_thread_loop_lock(loop);
        try {
            Pointer props = pw.pw_properties_new((String) null);
            pw.pw_properties_set(props, "media.type", "Video");
            pw.pw_properties_set(props, "media.category", "Capture");
            pw.pw_properties_set(props, "media.role", "Camera");
            pw.pw_properties_set(props, "media.class", "Video/Source");
            pw.pw_properties_set(props, "node.name", nodeName);
            pw.pw_properties_set(props, "node.description", nodeName);
            pw.pw_properties_set(props, "application.name", "Scrim");
            stream = pw.pw_stream_new_simple(pw.pw_thread_loop_get_loop(loop), nodeName, props, events, null);
            if (stream == null) {
                throw new IOException("PipeWire could not create a stream (no context: is the PipeWire configuration installed?)");
            }
            streamAddress = Pointer.nativeValue(stream);
            int res = pw.pw_stream_connect(stream, PipeWireLibrary.DIRECTION_OUTPUT, PipeWireLibrary.ID_ANY,
                    PipeWireLibrary.FLAG_DRIVER | PipeWireLibrary.FLAG_MAP_BUFFERS, formatParams, formatParams.length);
            if (res < 0) {
                throw new IOException("cannot connect to the PipeWire daemon (errno " + -res + "): is PipeWire running for this user"
                        + " (systemctl --user status pipewire), with XDG_RUNTIME_DIR set?");
            }
        } finally {
            pw.pw_thread_loop_unlock(loop);
        }
    }

    int state() {
        return state;
    }

    /**
     * Copies the frame into a free buffer and sends it; a frame with no free buffer (nobody
     * linked, or the consumer still holds every buffer) is dropped.
     *
     * @return whether the frame was sent
     */
    synchronized boolean write(Frame frame) {
        if (closed || state != PipeWireLibrary.STATE_STREAMING) {
            return false;
        }
        FrameCalls.pw_thread_loop_lock(loopAddress);
        try {
            long buffer = FrameCalls.pw_stream_dequeue_buffer(streamAddress);
            if (buffer == 0) {
                return false;
            }
            Pointer.nativeValue(cursor, buffer);
            int slot = (int) cursor.getLong(PW_BUFFER_USER_DATA);
            ByteBuffer data = slotData[slot]; // every buffer got a slot in addBuffer: there are at most MAX_BUFFERS
            boolean planar = agreed == StreamParams.VIDEO_FORMAT_I420;
            ByteBuffer pixels = planar ? i420.convert(frame) : frame.buffer();
            int bytes = pixels.limit();
            boolean fits = data != null && data.capacity() >= bytes;
            if (fits) {
                data.put(0, pixels, 0, bytes);
            }
            // an empty chunk when it does not fit: the buffer goes back, the consumer skips it
            Pointer.nativeValue(cursor, slotChunk[slot]);
            cursor.setInt(0, 0);
            cursor.setInt(4, fits ? bytes : 0);
            cursor.setInt(8, planar ? format.width() : format.width() * 2);
            cursor.setInt(12, 0);
            if (slotHeader[slot] != 0) {
                Pointer.nativeValue(cursor, slotHeader[slot]); // struct spa_meta_header: flags, offset, pts, dts_offset, seq
                cursor.setInt(0, 0);
                cursor.setInt(4, 0);
                cursor.setLong(8, frame.timestampNanos());
                cursor.setLong(16, 0);
                cursor.setLong(24, frame.sequence());
            }
            FrameCalls.pw_stream_queue_buffer(streamAddress, buffer);
            FrameCalls.pw_stream_trigger_process(streamAddress);
            return fits;
        } finally {
            FrameCalls.pw_thread_loop_unlock(loopAddress);
        }
    }

    /** Removes the node and ends the connection; safe to call twice, never on PipeWire's thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (stream != null) {
            pw.pw_thread_loop_lock(loop);
            try {
                pw.pw_stream_disconnect(stream);
                pw.pw_stream_destroy(stream);
            } finally {
                pw.pw_thread_loop_unlock(loop);
            }
            stream = null;
        }
        pw.pw_thread_loop_stop(loop);
        pw.pw_thread_loop_destroy(loop);
        if (i420 != null) {
            i420.close();
        }
    }

    // PipeWire's thread, loop locked, from here on

    private void stateChanged(int now, String error) {
        state = now;
        listener.stateChanged(this, now, error);
    }

    /**
     * A consumer's format was agreed (or cleared): asks for buffers of its size (YUY2: two bytes
     * a pixel; I420: one and a half, rows of the Y plane's width), with a header for timestamps.
     */
    private void paramChanged(int id, Pointer param) {
        if (id != StreamParams.PARAM_FORMAT || param == null) {
            return;
        }
        int video = PodReader.intProperty(param.getByteBuffer(0, PARAM_BYTES), StreamParams.FORMAT_VIDEO_FORMAT, -1);
        int width = format.width();
        int height = format.height();
        int frameBytes;
        int stride;
        if (video == StreamParams.VIDEO_FORMAT_YUY2) {
            frameBytes = width * height * 2;
            stride = width * 2;
        } else if (video == StreamParams.VIDEO_FORMAT_I420 && StreamParams.offersI420(height)) {
            if (i420 == null) {
                i420 = new I420Writer(format);
            }
            frameBytes = width * height * 3 / 2;
            stride = width;
        } else {
            return; // not one this node offers: PipeWire cannot agree on it
        }
        agreed = video;
        StreamParams.buffers(params.getByteBuffer(PARAM_BYTES, PARAM_BYTES), frameBytes, stride);
        pw.pw_stream_update_params(stream, bufferParams, bufferParams.length);
    }

    private void addBuffer(Pointer buffer) {
        int slot = freeSlot(); // never -1: the stream holds at most MAX_BUFFERS
        Pointer spa = buffer.getPointer(0);
        Pointer datas = spa.getPointer(SPA_BUFFER_DATAS);
        Pointer mem = datas.getPointer(SPA_DATA_DATA);
        // memory that could not be mapped has no data: write() then sends empty chunks
        slotData[slot] = mem == null ? null : mem.getByteBuffer(0, Integer.toUnsignedLong(datas.getInt(SPA_DATA_MAXSIZE)));
        slotChunk[slot] = Pointer.nativeValue(datas.getPointer(SPA_DATA_CHUNK));
        slotHeader[slot] = 0;
        int metas = spa.getInt(SPA_BUFFER_N_METAS);
        Pointer meta = spa.getPointer(SPA_BUFFER_METAS);
        for (int i = 0; i < metas; i++) {
            if (meta.getInt((long) i * SPA_META_BYTES) == StreamParams.META_HEADER
                    && meta.getInt((long) i * SPA_META_BYTES + 4) >= StreamParams.META_HEADER_BYTES) {
                slotHeader[slot] = Pointer.nativeValue(meta.getPointer((long) i * SPA_META_BYTES + 8));
            }
        }
        buffer.setLong(PW_BUFFER_USER_DATA, slot);
    }

    private void removeBuffer(Pointer buffer) {
        int slot = (int) buffer.getLong(PW_BUFFER_USER_DATA);
        if (slot >= 0 && slot < MAX_BUFFERS) {
            slotData[slot] = null;
            slotChunk[slot] = 0;
            slotHeader[slot] = 0;
        }
    }

    private int freeSlot() {
        for (int i = 0; i < MAX_BUFFERS; i++) {
            if (slotChunk[i] == 0) {
                return i;
            }
        }
        throw new IllegalStateException("PipeWire gave more than " + MAX_BUFFERS + " buffers");
    }
}
