package scrim.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import scrim.api.Frame;
import scrim.api.VideoFormat;

class YuyvUnitTest {

    private static final VideoFormat SMALL = VideoFormat.yuyv(8, 4, 30);

    @Test
    void framesComeBackToThePoolWhenTheLastOwnerCloses() throws Exception {
        try (FramePool pool = new FramePool(SMALL, 2)) {
            Frame a = pool.acquire(0, TimeUnit.SECONDS);
            Frame b = pool.acquire(0, TimeUnit.SECONDS);
            assertNull(pool.acquire(10, TimeUnit.MILLISECONDS), "only two frames");
            a.retain();
            a.close();
            assertEquals(2, pool.inUse(), "still owned once");
            a.close();
            assertEquals(1, pool.inUse());
            assertThrows(IllegalStateException.class, a::close, "closing too often is a bug, said loudly");
            assertThrows(IllegalStateException.class, a::retain);
            assertNotNull(pool.acquire(0, TimeUnit.SECONDS));
            b.close();
            assertEquals(8 * 4 * 2, b.buffer().remaining());
        }
    }

    @Test
    void bgrSurvivesTheTripThroughYuyv() throws Exception {
        try (FramePool pool = new FramePool(SMALL, 1); Yuyv yuyv = new Yuyv(); Mat bgr = new Mat(4, 8, opencv_core.CV_8UC3);
             Mat back = new Mat(); Mat diff = new Mat()) {
            // two-pixel-wide colour blocks, the unit YUYV keeps chroma for
            for (int x = 0; x < 8; x += 2) {
                int b = 40 * x, g = 255 - 30 * x, r = 20 + 25 * x;
                for (int y = 0; y < 4; y++) {
                    bgr.ptr(y, x).put((byte) b, (byte) g, (byte) r, (byte) b, (byte) g, (byte) r);
                }
            }
            Frame f = pool.acquire(0, TimeUnit.SECONDS);
            yuyv.fromBgr(bgr, f);
            Yuyv.toBgr(f, back);
            opencv_core.absdiff(bgr, back, diff);
            double[] worst = new double[1];
            opencv_core.minMaxLoc(diff.reshape(1, 0), null, worst, null, null, null);
            assertTrue(worst[0] <= 3, "BT.601 round trip within rounding, worst " + worst[0]);
            f.close();
        }
    }

    @Test
    void mirroringSwapsLeftAndRightAndKeepsColours() throws Exception {
        try (FramePool pool = new FramePool(SMALL, 1); Yuyv yuyv = new Yuyv()) {
            Frame f = pool.acquire(0, TimeUnit.SECONDS);
            // pairs 0..3 with distinct lumas and chroma
            for (int y = 0; y < 4; y++) {
                for (int p = 0; p < 4; p++) {
                    f.pairs().ptr(y, p).put((byte) (10 * p), (byte) (100 + p), (byte) (10 * p + 5), (byte) (200 + p));
                }
            }
            yuyv.mirror(f);
            byte[] row = new byte[16];
            f.mat().ptr(2, 0).get(row);
            // pair 3 mirrored comes first, its two lumas swapped, its chroma unchanged
            assertEquals(35, row[0]);
            assertEquals(103, row[1] & 0xff);
            assertEquals(30, row[2]);
            assertEquals(203, row[3] & 0xff);
            assertEquals(5, row[12]);
            assertEquals(0, row[14]);
            f.close();
        }
    }

    @Test
    void compositingKeepsThePersonAndReplacesTheRest() throws Exception {
        try (Compositor c = new Compositor(); Mat person = new Mat(4, 8, opencv_core.CV_8UC2, new Scalar(200, 100, 0, 0));
             Mat bg = new Mat(4, 8, opencv_core.CV_8UC2, new Scalar(50, 150, 0, 0)); Mat mask = new Mat(4, 8, opencv_core.CV_8UC1, Scalar.all(0));
             Mat out = new Mat()) {
            mask.ptr(0, 0).put((byte) 255);
            mask.ptr(0, 1).put((byte) 128);
            c.compose(person, bg, mask, out);
            byte[] px = new byte[6];
            out.ptr(0, 0).get(px);
            assertEquals(200, px[0] & 0xff, "person pixel exact");
            assertEquals(100, px[1] & 0xff);
            assertEquals(125, px[2] & 0xff, 1.0, "half-way pixel blended");
            assertEquals(50, px[4] & 0xff, "background pixel exact");
            assertEquals(150, px[5] & 0xff);
        }
    }

    @Test
    void pairValueOfAColour() {
        Scalar magenta = Yuyv.pairOf(255, 0, 255);
        assertEquals(107, magenta.get(0));
        assertEquals(202, magenta.get(1));
        assertEquals(107, magenta.get(2));
        assertEquals(222, magenta.get(3));
    }
}
