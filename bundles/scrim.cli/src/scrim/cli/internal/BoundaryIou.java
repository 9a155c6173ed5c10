package scrim.cli.internal;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Boundary IoU (Cheng et al., "Boundary IoU: Improving Object-Centric Image Segmentation
 * Evaluation", 2021): the IoU of the two masks' boundary bands, each band being the mask's
 * pixels within d of its contour, with d = 2 % of the image diagonal. Mean IoU is dominated by
 * the large interior of a person; this figure sees the edge, where a fringe of room shows.
 * As in the paper's code, the image border counts as a contour (the mask is padded with zeros).
 */
final class BoundaryIou implements AutoCloseable {

    /** The band's width as a fraction of the image diagonal. */
    static final double DILATION_RATIO = 0.02;

    private final Mat padded = new Mat();
    private final Mat eroded = new Mat();
    private final Mat truthBand = new Mat();
    private final Mat mineBand = new Mat();
    private final Mat both = new Mat();
    private final Mat either = new Mat();

    /** The band width d in pixels for an image of this size (at least 1). */
    static int bandWidth(int width, int height) {
        return Math.max(1, (int) Math.round(DILATION_RATIO * Math.hypot(width, height)));
    }

    /** Boundary IoU of two binary 8-bit masks (0 or 255) of the same size; 1 when neither has a boundary. */
    double of(Mat truth, Mat mine) {
        int d = bandWidth(truth.cols(), truth.rows());
        band(truth, d, truthBand);
        band(mine, d, mineBand);
        opencv_core.bitwise_and(truthBand, mineBand, both);
        opencv_core.bitwise_or(truthBand, mineBand, either);
        int union = opencv_core.countNonZero(either);
        return union == 0 ? 1 : (double) opencv_core.countNonZero(both) / union;
    }

    /** The mask's pixels within d of its contour: the mask minus its erosion by a (2d+1) square. */
    private void band(Mat mask, int d, Mat out) {
        opencv_core.copyMakeBorder(mask, padded, 1, 1, 1, 1, opencv_core.BORDER_CONSTANT, Scalar.all(0));
        try (Mat kernel = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_RECT, new Size(2 * d + 1, 2 * d + 1));
             Point anchor = new Point(-1, -1)) {
            // outside the padded image counts as background too
            opencv_imgproc.erode(padded, eroded, kernel, anchor, 1, opencv_core.BORDER_CONSTANT, Scalar.all(0));
        }
        opencv_core.subtract(padded, eroded, padded);
        try (Mat inner = padded.apply(new Rect(1, 1, mask.cols(), mask.rows()))) {
            inner.copyTo(out);
        }
    }

    @Override
    public void close() {
        padded.close();
        eroded.close();
        truthBand.close();
        mineBand.close();
        both.close();
        either.close();
    }
}
