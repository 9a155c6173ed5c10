package scrim.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import scrim.api.Frame;
import scrim.api.VideoFormat;

class I420WriterUnitTest {

    @Test
    void planesHoldTheLumasAndTheChromaOfTwoRowsAveraged() throws Exception {
        VideoFormat format = VideoFormat.yuyv(4, 2, 30);
        try (FramePool pool = new FramePool(format, 1); I420Writer writer = new I420Writer(format)) {
            Frame f = pool.acquire(0, TimeUnit.SECONDS);
            // row 0: Y 10 11 12 13, U 100, V 200 in both pairs; row 1: Y 20..23, U 110, V 210
            f.buffer().put(new byte[] {10, 100, 11, (byte) 200, 12, 100, 13, (byte) 200,
                20, 110, 21, (byte) 210, 22, 110, 23, (byte) 210});
            ByteBuffer out = writer.convert(f);
            f.close();
            byte[] planes = new byte[out.remaining()];
            out.get(planes);
            assertEquals(4 * 2 + 2 * 2, planes.length, "Y 4x2, U 2x1, V 2x1");
            byte[] luma = {10, 11, 12, 13, 20, 21, 22, 23};
            for (int i = 0; i < luma.length; i++) {
                assertEquals(luma[i], planes[i], "luma " + i);
            }
            assertEquals(105, planes[8] & 0xff, "U averaged over the two rows");
            assertEquals(105, planes[9] & 0xff);
            assertEquals(205, planes[10] & 0xff, "V averaged over the two rows");
            assertEquals(205, planes[11] & 0xff);
        }
    }
}
