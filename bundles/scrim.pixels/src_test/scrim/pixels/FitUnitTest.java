package scrim.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** One Fit kept across pictures, sizes and modes gives what a fresh one gives (its crop is kept between calls). */
class FitUnitTest {

    private static Mat noise(int rows, int cols, int type, long seed) {
        Mat m = new Mat(rows, cols, type);
        byte[] b = new byte[(int) (m.total() * m.elemSize())];
        new Random(seed).nextBytes(b);
        m.data().put(b);
        return m;
    }

    @Test
    void aKeptFitMatchesAFreshOneWhateverCameBefore() {
        try (Fit kept = new Fit(); Scalar bars = new Scalar(1, 2, 3, 0); Mat a = noise(300, 500, opencv_core.CV_8UC3, 1);
             Mat b = noise(200, 420, opencv_core.CV_8UC3, 2); Mat c = noise(301, 500, opencv_core.CV_8UC3, 3);
             Mat grey = noise(300, 500, opencv_core.CV_8UC1, 4); Mat got = new Mat(); Mat want = new Mat(); Mat diff = new Mat()) {
            Object[][] calls = {
                {a, 160, 120, Fit.Mode.COVER}, {a, 160, 120, Fit.Mode.CONTAIN}, {a, 160, 120, Fit.Mode.COVER},
                {b, 160, 120, Fit.Mode.COVER}, {c, 160, 120, Fit.Mode.COVER}, {a, 160, 120, Fit.Mode.STRETCH},
                {a, 160, 120, Fit.Mode.COVER}, {grey, 160, 120, Fit.Mode.COVER}, {a, 160, 120, Fit.Mode.COVER},
                {a, 100, 120, Fit.Mode.COVER}, {a, 160, 120, Fit.Mode.COVER},
            };
            for (Object[] call : calls) {
                Mat src = (Mat) call[0];
                int w = (int) call[1];
                int h = (int) call[2];
                Fit.Mode mode = (Fit.Mode) call[3];
                kept.fit(src, w, h, mode, bars, got);
                try (Fit fresh = new Fit()) {
                    fresh.fit(src, w, h, mode, bars, want);
                }
                assertEquals(w, got.cols());
                assertEquals(h, got.rows());
                opencv_core.absdiff(got, want, diff);
                try (Mat flat = diff.reshape(1, 0)) {
                    assertEquals(0, opencv_core.countNonZero(flat), "fit " + mode + " of " + src.cols() + "x" + src.rows() + " to " + w + "x" + h);
                }
            }
        }
    }
}
