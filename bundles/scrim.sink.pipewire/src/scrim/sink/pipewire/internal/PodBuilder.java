package scrim.sink.pipewire.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes SPA PODs, PipeWire's self-describing binary values (spa/pod/pod.h): every value is a
 * header of two 32-bit words (body size, type) and a body padded to 8 bytes. Objects hold
 * properties (key, flags, value); a choice holds one child header and then its values back to
 * back. Only what a video source's parameters need is here. Written in the machine's byte
 * order, as PipeWire reads them in place.
 */
final class PodBuilder {

    // spa/utils/type.h
    static final int TYPE_ID = 3;
    static final int TYPE_INT = 4;
    static final int TYPE_RECTANGLE = 10;
    static final int TYPE_FRACTION = 11;
    static final int TYPE_OBJECT = 15;
    static final int TYPE_CHOICE = 19;

    // spa/pod/pod.h: enum spa_choice_type
    static final int CHOICE_RANGE = 1;
    static final int CHOICE_ENUM = 3;
    static final int CHOICE_FLAGS = 4;

    private final ByteBuffer out;

    /** Writes into {@code out} from its position on; the buffer's order is set to the machine's. */
    PodBuilder(ByteBuffer out) {
        this.out = out.order(ByteOrder.nativeOrder());
    }

    /** Starts an object; returns the mark to give {@link #end(int)}. */
    int startObject(int objectType, int id) {
        int mark = out.position();
        out.putInt(0).putInt(TYPE_OBJECT).putInt(objectType).putInt(id);
        return mark;
    }

    /** Starts the property {@code key} of the open object; its value follows. */
    PodBuilder property(int key) {
        out.putInt(key).putInt(0);
        return this;
    }

    PodBuilder id(int value) {
        return scalar(TYPE_ID, value);
    }

    PodBuilder integer(int value) {
        return scalar(TYPE_INT, value);
    }

    PodBuilder rectangle(int width, int height) {
        out.putInt(8).putInt(TYPE_RECTANGLE).putInt(width).putInt(height);
        return this;
    }

    PodBuilder fraction(int num, int denom) {
        out.putInt(8).putInt(TYPE_FRACTION).putInt(num).putInt(denom);
        return this;
    }

    /**
     * A choice of 32-bit values of {@code childType} (Id or Int): for a range default, min, max;
     * for an enum the default, then every allowed value; for flags the allowed bits.
     */
    PodBuilder choice(int choiceType, int childType, int... values) {
        int mark = out.position();
        out.putInt(0).putInt(TYPE_CHOICE).putInt(choiceType).putInt(0).putInt(4).putInt(childType);
        for (int v : values) {
            out.putInt(v);
        }
        end(mark);
        return this;
    }

    /** Closes the object or choice begun at {@code mark}: writes its body size and pads to 8 bytes. */
    void end(int mark) {
        out.putInt(mark, out.position() - mark - 8);
        while (out.position() % 8 != 0) {
            out.put((byte) 0);
        }
    }

    private PodBuilder scalar(int type, int value) {
        out.putInt(4).putInt(type).putInt(value).putInt(0);
        return this;
    }
}
