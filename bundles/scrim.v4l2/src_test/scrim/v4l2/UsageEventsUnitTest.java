package scrim.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The numbers of the client-usage event, computed as linux/videodev2.h and v4l2loopback.h do:
 * a wrong ioctl number fails with ENOTTY and would look like an old module (no event) forever.
 */
class UsageEventsUnitTest {

    /** _IOC(direction, 'V', number, size): direction 1 write, 2 read. */
    private static long ioc(int direction, int number, int size) {
        return (long) direction << 30 | (long) size << 16 | 'V' << 8 | number;
    }

    @Test
    void ioctlNumbersAndEventTypeMatchTheHeaders() {
        assertEquals(ioc(1, 90, UsageEvents.SIZEOF_EVENT_SUBSCRIPTION), UsageEvents.VIDIOC_SUBSCRIBE_EVENT);
        assertEquals(ioc(2, 89, UsageEvents.SIZEOF_EVENT), UsageEvents.VIDIOC_DQEVENT);
        // struct v4l2_event_subscription: type, id, flags, reserved[5]
        assertEquals(4 * 8, UsageEvents.SIZEOF_EVENT_SUBSCRIPTION);
        // struct v4l2_event: type (4), pad (4), u (64), pending, sequence (8), timespec (16), id (4), reserved[8] (32), pad (4)
        assertEquals(8 + 64 + 8 + 16 + 4 + 32 + 4, UsageEvents.SIZEOF_EVENT);
        assertEquals(0x10E00001, UsageEvents.CLIENT_USAGE);
    }
}
