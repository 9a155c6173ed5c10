package scrim.sink.pipewire.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads the properties of an SPA POD object (see {@link PodBuilder} for the layout); bad input yields the fallback, never an exception. */
final class PodReader {

    private PodReader() {
    }

    /**
     * The value of property {@code key} of the object at the start of {@code pod} when it is an
     * Id or Int, or the default of a choice of them; {@code fallback} when absent or malformed.
     */
    static int intProperty(ByteBuffer pod, int key, int fallback) {
        ByteBuffer b = pod.duplicate().order(ByteOrder.nativeOrder());
        int start = b.position();
        if (b.remaining() < 16 || b.getInt(start + 4) != PodBuilder.TYPE_OBJECT) {
            return fallback;
        }
        long end = Math.min((long) start + 8 + Integer.toUnsignedLong(b.getInt(start)), b.limit());
        int p = start + 16;
        while (p + 16 <= end) {
            int propertyKey = b.getInt(p);
            int size = b.getInt(p + 8);
            int type = b.getInt(p + 12);
            int body = p + 16;
            if (size < 0 || body + (long) size > end) {
                return fallback;
            }
            if (propertyKey == key) {
                if ((type == PodBuilder.TYPE_ID || type == PodBuilder.TYPE_INT) && size >= 4) {
                    return b.getInt(body);
                }
                // a choice: choice type, flags, child size, child type, then the default first
                if (type == PodBuilder.TYPE_CHOICE && size >= 20 && b.getInt(body + 8) == 4) {
                    return b.getInt(body + 16);
                }
                return fallback;
            }
            p = body + ((size + 7) & ~7);
        }
        return fallback;
    }
}
