package scrim.sink.pipewire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The parameters' bytes, decoded here independently of {@link PodBuilder} and printed the way
 * pw-dump prints them, against what pw-dump showed for Scrim's node (320x240 at 30000/1001,
 * with gst-launch-1.0 pipewiresrc linked, PipeWire 0.3.65).
 */
class StreamParamsUnitTest {

    private static final Map<Integer, String> FORMAT_KEYS = Map.of(1, "mediaType", 2, "mediaSubtype", 0x20001, "format", 0x20003, "size",
            0x20004, "framerate");
    private static final Map<Integer, String> FORMAT_IDS = Map.of(1, "mediaType:2=video", 2, "mediaSubtype:1=raw", 0x20001,
            "format:4=YUY2,2=I420");
    private static final Map<Integer, String> BUFFERS_KEYS = Map.of(1, "buffers", 2, "blocks", 3, "size", 4, "stride", 6, "dataType");
    private static final Map<Integer, String> META_KEYS = Map.of(1, "type", 2, "size");

    @Test
    void enumFormatIsWhatPwDumpShowsForTheNode() {
        ByteBuffer b = pod();
        StreamParams.enumFormat(b, 320, 240, 30000, 1001);
        assertEquals("{\"mediaType\": \"video\", \"mediaSubtype\": \"raw\", \"format\": {\"default\": \"YUY2\", \"alt1\": \"YUY2\","
                + " \"alt2\": \"I420\"}, \"size\": {\"width\": 320, \"height\": 240}, \"framerate\": {\"num\": 30000, \"denom\": 1001}}",
                json(b, FORMAT_KEYS, FORMAT_IDS));
        assertEquals(b.position(), 8 + b.getInt(0), "the object's size covers exactly its properties");
    }

    @Test
    void anOddHeightOffersYuy2Only() {
        ByteBuffer b = pod();
        StreamParams.enumFormat(b, 320, 239, 30, 1);
        assertEquals("{\"mediaType\": \"video\", \"mediaSubtype\": \"raw\", \"format\": \"YUY2\", \"size\": {\"width\": 320, \"height\": 239},"
                + " \"framerate\": {\"num\": 30, \"denom\": 1}}", json(b, FORMAT_KEYS, FORMAT_IDS));
    }

    @Test
    void formatChoiceBytes() {
        ByteBuffer b = pod();
        StreamParams.enumFormat(b, 2, 2, 1, 1);
        // after mediaType and mediaSubtype (24 bytes each): key, flags, then a Choice pod of 28 bytes:
        // SPA_CHOICE_Enum, flags 0, child size 4, child SPA_TYPE_Id, the default YUY2, the alternatives YUY2 and I420, padding
        int[] expected = {0x20001, 0, 28, 19, 3, 0, 4, 3, 4, 4, 2, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], b.getInt(16 + 2 * 24 + 4 * i), "word " + i + " of the format property");
        }
    }

    @Test
    void buffersAreWhatPwDumpShowsForThePort() {
        ByteBuffer b = pod();
        StreamParams.buffers(b, 153600, 640);
        assertEquals("{\"buffers\": {\"default\": 4, \"min\": 2, \"max\": 8}, \"blocks\": 1, \"size\": 153600, \"stride\": 640,"
                + " \"dataType\": {\"default\": 6}}", json(b, BUFFERS_KEYS, Map.of()));
    }

    @Test
    void metaAsksForTheHeader() {
        ByteBuffer b = pod();
        StreamParams.metaHeader(b);
        assertEquals("{\"type\": \"Header\", \"size\": 32}", json(b, META_KEYS, Map.of(1, "type:1=Header")));
    }

    @Test
    void objectHeaderAndFirstPropertyBytes() {
        ByteBuffer b = pod();
        StreamParams.enumFormat(b, 2, 2, 1, 1);
        // object: body size, SPA_TYPE_Object, SPA_TYPE_OBJECT_Format, SPA_PARAM_EnumFormat
        assertEquals(15, b.getInt(4));
        assertEquals(0x40003, b.getInt(8));
        assertEquals(3, b.getInt(12));
        // property mediaType, flags 0, then an Id pod: size 4, SPA_TYPE_Id, video, 4 bytes of padding
        int[] expected = {1, 0, 4, 3, 2, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], b.getInt(16 + 4 * i), "word " + i + " of the first property");
        }
        // 4 properties of 24 bytes (key, flags, 16-byte pod), the format's choice of 48, the 8-byte object body header
        assertEquals(8 + 4 * 24 + 48, b.getInt(0));
    }

    @Test
    void readerFindsTheAgreedFormatAndSurvivesBadInput() {
        ByteBuffer b = pod();
        StreamParams.enumFormat(b, 320, 240, 30, 1);
        int end = b.position();
        b.flip();
        assertEquals(StreamParams.VIDEO_FORMAT_YUY2, PodReader.intProperty(b, StreamParams.FORMAT_VIDEO_FORMAT, -1), "the choice's default");
        assertEquals(StreamParams.MEDIA_TYPE_VIDEO, PodReader.intProperty(b, StreamParams.FORMAT_MEDIA_TYPE, -1));
        assertEquals(-1, PodReader.intProperty(b, 0x777, -1), "absent");
        assertEquals(-1, PodReader.intProperty(b.duplicate().limit(end / 3), StreamParams.FORMAT_VIDEO_FORMAT, -1), "cut short");
        assertEquals(-1, PodReader.intProperty(ByteBuffer.allocate(64), StreamParams.FORMAT_VIDEO_FORMAT, -1), "not an object");
        ByteBuffer buffers = pod();
        StreamParams.buffers(buffers, 100, 10);
        assertEquals(StreamParams.BUFFERS_DEFAULT, PodReader.intProperty(buffers.flip(), StreamParams.BUFFERS_BUFFERS, -1), "a choice's default");
    }

    private static ByteBuffer pod() {
        return ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
    }

    /** The object at the start of {@code b} (written up to its position) in pw-dump's notation. */
    private static String json(ByteBuffer b, Map<Integer, String> keys, Map<Integer, String> ids) {
        StringBuilder s = new StringBuilder("{");
        int end = 8 + b.getInt(0);
        assertEquals(b.position(), end);
        for (int p = 16; p < end;) {
            int key = b.getInt(p);
            int size = b.getInt(p + 8);
            int type = b.getInt(p + 12);
            s.append(p > 16 ? ", " : "").append('"').append(keys.get(key)).append("\": ");
            s.append(value(b, p + 16, size, type, ids.get(key)));
            p += 16 + (size + 7) / 8 * 8;
        }
        return s.append('}').toString();
    }

    private static String value(ByteBuffer b, int at, int size, int type, String idNames) {
        switch (type) {
            case 3:
                return idName(b.getInt(at), idNames);
            case 4:
                return Integer.toString(b.getInt(at));
            case 10:
                return "{\"width\": " + b.getInt(at) + ", \"height\": " + b.getInt(at + 4) + "}";
            case 11:
                return "{\"num\": " + b.getInt(at) + ", \"denom\": " + b.getInt(at + 4) + "}";
            case 19:
                int choice = b.getInt(at);
                int childSize = b.getInt(at + 8);
                int childType = b.getInt(at + 12);
                int n = (size - 16) / childSize;
                // pw-dump's labels: a range's default, min, max; an enum's default, alt1, alt2...
                String[] names = choice == 1 ? new String[] {"default", "min", "max"}
                        : choice == 3 ? new String[] {"default", "alt1", "alt2", "alt3"} : new String[] {"default"};
                StringBuilder s = new StringBuilder("{");
                for (int i = 0; i < n; i++) {
                    String name = names[i];
                    s.append(i > 0 ? ", " : "").append('"').append(name).append("\": ");
                    s.append(value(b, at + 16 + i * childSize, childSize, childType, idNames));
                }
                return s.append('}').toString();
            default:
                throw new AssertionError("unexpected pod type " + type);
        }
    }

    private static String idName(int id, String names) {
        for (String pair : names.substring(names.indexOf(':') + 1).split(",")) {
            String[] kv = pair.split("=");
            if (Integer.parseInt(kv[0]) == id) {
                return '"' + kv[1] + '"';
            }
        }
        throw new AssertionError("id " + id + " not in " + names);
    }
}
