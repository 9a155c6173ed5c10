package scrim.sink.pipewire.internal;

import java.nio.ByteBuffer;

/**
 * The parameters the PipeWire camera offers, as SPA PODs: the formats it can produce
 * (EnumFormat, raw YUY2 or I420 video at the run's size and rate), and, once a consumer's format is agreed,
 * the buffers it wants (Buffers: count, one block of a frame's bytes, its stride) and the
 * header metadata that carries each frame's timestamp and sequence (Meta).
 */
final class StreamParams {

    // spa/param/param.h: enum spa_param_type
    static final int PARAM_ENUM_FORMAT = 3;
    static final int PARAM_FORMAT = 4;
    static final int PARAM_BUFFERS = 5;
    static final int PARAM_META = 6;

    // spa/utils/type.h: object types
    static final int OBJECT_FORMAT = 0x40003;
    static final int OBJECT_PARAM_BUFFERS = 0x40004;
    static final int OBJECT_PARAM_META = 0x40005;

    // spa/param/format.h
    static final int FORMAT_MEDIA_TYPE = 1;
    static final int FORMAT_MEDIA_SUBTYPE = 2;
    static final int FORMAT_VIDEO_FORMAT = 0x20001;
    static final int FORMAT_VIDEO_SIZE = 0x20003;
    static final int FORMAT_VIDEO_FRAMERATE = 0x20004;
    static final int MEDIA_TYPE_VIDEO = 2;
    static final int MEDIA_SUBTYPE_RAW = 1;

    // spa/param/video/raw.h: enum spa_video_format
    static final int VIDEO_FORMAT_I420 = 2;
    static final int VIDEO_FORMAT_YUY2 = 4;

    // spa/param/buffers.h
    static final int BUFFERS_BUFFERS = 1;
    static final int BUFFERS_BLOCKS = 2;
    static final int BUFFERS_SIZE = 3;
    static final int BUFFERS_STRIDE = 4;
    static final int BUFFERS_DATA_TYPE = 6;
    static final int META_TYPE = 1;
    static final int META_SIZE = 2;
    /** spa/buffer/meta.h: SPA_META_Header, and the size of struct spa_meta_header. */
    static final int META_HEADER = 1;
    static final int META_HEADER_BYTES = 32;
    /** spa/buffer/buffer.h: SPA_DATA_MemPtr and SPA_DATA_MemFd, the memory the copy can write to. */
    static final int DATA_TYPES = 1 << 1 | 1 << 2;

    /** Buffers in flight: enough for a consumer to hold one while the next is filled, few enough to keep latency low. */
    static final int BUFFERS_DEFAULT = 4;
    static final int BUFFERS_MIN = 2;
    static final int BUFFERS_MAX = 8;

    private StreamParams() {
    }

    /** Whether frames of this height can be sent as I420, whose chroma rows pair the frame's rows. */
    static boolean offersI420(int height) {
        return height % 2 == 0;
    }

    /**
     * Raw video of this size and rate, YUY2 preferred (Scrim's own layout, copied without
     * conversion, which Firefox and Chromium (libwebrtc), OBS and GStreamer all take), or I420
     * for consumers that only take 4:2:0, when the height is even (an enum choice: the default,
     * then each allowed format).
     */
    static void enumFormat(ByteBuffer out, int width, int height, int fpsNum, int fpsDenom) {
        PodBuilder b = new PodBuilder(out);
        int object = b.startObject(OBJECT_FORMAT, PARAM_ENUM_FORMAT);
        b.property(FORMAT_MEDIA_TYPE).id(MEDIA_TYPE_VIDEO);
        b.property(FORMAT_MEDIA_SUBTYPE).id(MEDIA_SUBTYPE_RAW);
        if (offersI420(height)) {
            b.property(FORMAT_VIDEO_FORMAT).choice(PodBuilder.CHOICE_ENUM, PodBuilder.TYPE_ID, VIDEO_FORMAT_YUY2, VIDEO_FORMAT_YUY2,
                    VIDEO_FORMAT_I420);
        } else {
            b.property(FORMAT_VIDEO_FORMAT).id(VIDEO_FORMAT_YUY2);
        }
        b.property(FORMAT_VIDEO_SIZE).rectangle(width, height);
        b.property(FORMAT_VIDEO_FRAMERATE).fraction(fpsNum, fpsDenom);
        b.end(object);
    }

    /** Buffers of one block each, {@code frameBytes} long with rows of {@code stride} bytes. */
    static void buffers(ByteBuffer out, int frameBytes, int stride) {
        PodBuilder b = new PodBuilder(out);
        int object = b.startObject(OBJECT_PARAM_BUFFERS, PARAM_BUFFERS);
        b.property(BUFFERS_BUFFERS).choice(PodBuilder.CHOICE_RANGE, PodBuilder.TYPE_INT, BUFFERS_DEFAULT, BUFFERS_MIN, BUFFERS_MAX);
        b.property(BUFFERS_BLOCKS).integer(1);
        b.property(BUFFERS_SIZE).integer(frameBytes);
        b.property(BUFFERS_STRIDE).integer(stride);
        b.property(BUFFERS_DATA_TYPE).choice(PodBuilder.CHOICE_FLAGS, PodBuilder.TYPE_INT, DATA_TYPES);
        b.end(object);
    }

    /** Asks for a header (timestamp, sequence) on every buffer. */
    static void metaHeader(ByteBuffer out) {
        PodBuilder b = new PodBuilder(out);
        int object = b.startObject(OBJECT_PARAM_META, PARAM_META);
        b.property(META_TYPE).id(META_HEADER);
        b.property(META_SIZE).integer(META_HEADER_BYTES);
        b.end(object);
    }
}
