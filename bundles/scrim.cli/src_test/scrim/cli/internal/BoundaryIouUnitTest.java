package scrim.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Boundary IoU on drawn shapes whose answers are worked out by hand. */
class BoundaryIouUnitTest {

    private final BoundaryIou metric = new BoundaryIou();

    @AfterEach
    void close() {
        metric.close();
    }

    /** A 100x100 mask with the square of rows and columns [top, top+side) x [left, left+side) set. */
    private static Mat square(int left, int top, int side) {
        Mat m = new Mat(100, 100, opencv_core.CV_8UC1, Scalar.all(0));
        opencv_imgproc.rectangle(m, new Point(left, top), new Point(left + side - 1, top + side - 1), Scalar.all(255),
                opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
        return m;
    }

    @Test
    void bandIsTwoPercentOfTheDiagonal() {
        assertEquals(3, BoundaryIou.bandWidth(100, 100));      // 0.02 * 141.4 = 2.83
        assertEquals(29, BoundaryIou.bandWidth(1280, 720));    // 0.02 * 1468.6 = 29.4
        assertEquals(1, BoundaryIou.bandWidth(10, 10));
    }

    @Test
    void identicalMasksScoreOne() {
        try (Mat a = square(20, 20, 60); Mat b = square(20, 20, 60)) {
            assertEquals(1.0, metric.of(a, b), 1e-9);
        }
    }

    @Test
    void disjointMasksScoreZero() {
        try (Mat a = square(5, 5, 30); Mat b = square(60, 60, 30)) {
            assertEquals(0.0, metric.of(a, b), 1e-9);
        }
    }

    /**
     * A 60x60 square and the same square 10 px to the right: mask IoU 50x60 / 70x60 = 0.714, but
     * the 3 px bands (684 px each: 60x60 - 54x54) share only the top and bottom strips where the
     * squares overlap, 6 rows x 50 columns = 300 px: 300 / (684 + 684 - 300) = 0.2809.
     */
    @Test
    void shiftedSquareScoresItsSharedEdgesOnly() {
        try (Mat a = square(20, 20, 60); Mat b = square(30, 20, 60)) {
            assertEquals(300.0 / 1068, metric.of(a, b), 1e-9);
        }
    }

    /**
     * A square and the same square 1 px larger on every side (a fringe): the bands are 684 and
     * 62x62 - 56x56 = 708 px and share the first square's pixels outside the second's 56x56 interior,
     * 3600 - 3136 = 464 px: 464 / (684 + 708 - 464) = 0.5, where mask IoU is 3600 / 3844 = 0.94.
     */
    @Test
    void aOnePixelFringeHalvesIt() {
        try (Mat a = square(20, 20, 60); Mat b = square(19, 19, 62)) {
            assertEquals(0.5, metric.of(a, b), 1e-9);
        }
    }

    /**
     * The image border is a contour (the paper pads with zeros): a mask that fills the image has a
     * 3 px band along the border, which a mask leaving out a 3 px frame does not touch at all, so
     * Boundary IoU is 0 where mask IoU is 94x94 / 100x100 = 0.88.
     */
    @Test
    void theImageBorderIsAContour() {
        try (Mat full = new Mat(100, 100, opencv_core.CV_8UC1, Scalar.all(255)); Mat inset = square(3, 3, 94)) {
            assertEquals(0.0, metric.of(full, inset), 1e-9);
            assertEquals(1.0, metric.of(full, full), 1e-9);
        }
    }
}
