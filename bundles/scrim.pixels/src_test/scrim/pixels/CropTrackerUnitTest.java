package scrim.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where the crop goes and when the whole frame is looked at again: worked numbers. */
class CropTrackerUnitTest {

    @Test
    void theCropIsTheBoxWithItsMarginInsideTheFrameOnWholePairs() {
        int[] rect = new int[4];
        // a 200x200 box, 20 % = 40 px on each side
        CropTracker.around(100, 50, 300, 250, 0.2, 1280, 720, rect);
        assertArrayEquals(new int[] {60, 10, 280, 280}, rect);
        // an odd left edge moves left to a whole YUYV pair
        CropTracker.around(101, 50, 301, 250, 0.2, 1280, 720, rect);
        assertEquals(60, rect[0]);
        assertEquals(0, rect[2] % 2, "even width");
        // at the bottom-right corner the margin is cut by the frame
        CropTracker.around(1200, 600, 1280, 720, 0.2, 1280, 720, rect);
        assertArrayEquals(new int[] {1184, 576, 96, 144}, rect);
        // and never leaves it
        CropTracker.around(0, 0, 1280, 720, 0.2, 1280, 720, rect);
        assertArrayEquals(new int[] {0, 0, 1280, 720}, rect);
    }

    @Test
    void theWholeFrameIsLookedAtFirstAndEveryIntervalFrames() {
        CropTracker t = new CropTracker();
        t.configure(0.2, 5);
        assertTrue(t.wantsWhole(), "nobody known yet");
        t.seenWhole(true, 500, 200, 700, 720);
        for (int i = 0; i < 5; i++) {
            assertFalse(t.wantsWhole(), "frame " + i + " is a crop pass");
            int[] rect = t.crop(1280, 720).clone();
            t.seenInCrop(true, 500, 200, 700, 720, rect, 1280, 720);
        }
        assertTrue(t.wantsWhole(), "after 5 crop passes the whole frame again");
        t.seenWhole(true, 500, 200, 700, 720);
        assertTrue(t.cropAfterWhole(), "a scheduled look is refined by the crop, so its mask is like its neighbours'");
        assertFalse(t.wantsWhole());
        t.reset();
        assertTrue(t.wantsWhole(), "a new picture is looked at whole");
    }

    @Test
    void nobodyFoundMeansTheWholeFrameNext() {
        CropTracker t = new CropTracker();
        t.seenWhole(false, 0, 0, 0, 0);
        assertTrue(t.wantsWhole());
        t.seenWhole(true, 500, 200, 700, 720);
        assertTrue(t.cropAfterWhole(), "a first look is refined by the crop in the same frame");
        t.seenInCrop(false, 0, 0, 0, 0, t.crop(1280, 720).clone(), 1280, 720);
        assertTrue(t.wantsWhole(), "the person left the crop");
        t.seenWhole(true, 500, 200, 700, 720);
        assertFalse(t.cropAfterWhole(), "a forced look uses the whole frame's answer: one model run, not two");
        assertFalse(t.wantsWhole(), "and the crop follows in the next frame");
    }

    @Test
    void aPersonAtTheCropsEdgeMakesTheNextFrameWhole() {
        CropTracker t = new CropTracker();
        t.configure(0.2, 100);
        t.seenWhole(true, 500, 200, 700, 600);
        int[] rect = t.crop(1280, 720).clone(); // {460, 120, 280, 560}
        t.seenInCrop(true, 520, 200, 740, 600, rect, 1280, 720); // reaches the right edge at 740
        assertTrue(t.wantsWhole(), "moving out of the crop: look at the whole frame");
        t.seenWhole(true, 540, 200, 760, 600);
        assertFalse(t.cropAfterWhole(), "forced: the whole frame's answer serves this frame");
        // the crop's edge at the frame's edge is no reason: the person cannot go on there
        t.seenWhole(true, 1000, 200, 1280, 720);
        rect = t.crop(1280, 720).clone();
        assertEquals(1280, rect[0] + rect[2]);
        t.seenInCrop(true, 1000, 200, 1280, 720, rect, 1280, 720);
        assertFalse(t.wantsWhole());
    }

    @Test
    void theBoxGrowsAtOnceAndShrinksSlowly() {
        CropTracker t = new CropTracker();
        t.configure(0, 100);
        t.seenWhole(true, 400, 200, 600, 600);
        int[] rect = t.crop(1280, 720).clone();
        assertArrayEquals(new int[] {400, 200, 200, 400}, rect);
        // an arm raised to the left, inside a crop with room around the box
        t.configure(0.5, 100);
        rect = t.crop(1280, 720).clone(); // {300, 0, 400, 720}
        t.seenInCrop(true, 350, 200, 600, 600, rect, 1280, 720);
        t.configure(0, 100);
        assertEquals(350, t.crop(1280, 720)[0], "grown to the arm in one frame");
        t.configure(0.5, 100);
        rect = t.crop(1280, 720).clone();
        t.seenInCrop(true, 450, 200, 600, 600, rect, 1280, 720); // the arm goes down
        t.configure(0, 100);
        assertEquals(374, t.crop(1280, 720)[0], "a quarter of the way toward the smaller box (375, on a whole pair)");
    }
}
