package scrim.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VideoFormatUnitTest {

    @Test
    void parsesSizes() {
        assertArrayEquals(new int[] {1280, 720}, VideoFormat.parseSize("1280x720"));
        assertArrayEquals(new int[] {640, 480}, VideoFormat.parseSize(" 640X480 "));
    }

    @Test
    void rejectsMalformedSizesNamingTheForm() {
        for (String bad : new String[] {"1280", "1280x", "x720", "12a0x720", "1280*720", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VideoFormat.parseSize(bad));
            assertTrue(e.getMessage().contains("WIDTHxHEIGHT"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VideoFormat.parseSize("641x480"))
                .getMessage().contains("even width"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VideoFormat.parseSize("99999x480"))
                .getMessage().contains("out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VideoFormat.parseSize("0x480"))
                .getMessage().contains("out of range"));
    }

    @Test
    void parsesFrameRates() {
        assertEquals(30, VideoFormat.parseFps("30"));
        assertEquals(29.97, VideoFormat.parseFps("29.97"));
        assertEquals(30000.0 / 1001, VideoFormat.parseFps("30000/1001"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> VideoFormat.parseFps("fast"));
        assertThrows(IllegalArgumentException.class, () -> VideoFormat.parseFps("0"));
        assertThrows(IllegalArgumentException.class, () -> VideoFormat.parseFps("-5"));
        assertThrows(IllegalArgumentException.class, () -> VideoFormat.parseFps("1000"));
    }

    @Test
    void fractionsForContainerHeaders() {
        assertArrayEquals(new int[] {30, 1}, VideoFormat.yuyv(2, 2, 30).fpsFraction());
        assertArrayEquals(new int[] {30000, 1001}, VideoFormat.yuyv(2, 2, 30000.0 / 1001).fpsFraction());
        assertArrayEquals(new int[] {12500, 1000}, VideoFormat.yuyv(2, 2, 12.5).fpsFraction());
    }

    @Test
    void frameBytesPerLayout() {
        assertEquals(1280L * 720 * 2, VideoFormat.yuyv(1280, 720, 30).frameBytes());
        assertEquals(1280L * 720 * 3 / 2, VideoFormat.yuyv(1280, 720, 30).withPixelFormat(PixelFormat.I420).frameBytes());
        assertEquals(-1, VideoFormat.yuyv(1280, 720, 30).withPixelFormat(PixelFormat.MJPEG).frameBytes());
        assertEquals(33_333_333, VideoFormat.yuyv(2, 2, 30).frameIntervalNanos());
    }
}
