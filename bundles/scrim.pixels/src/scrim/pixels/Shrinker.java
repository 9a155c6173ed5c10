package scrim.pixels;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Area-average downscaling in halving steps: OpenCV averages exact halves several times faster
 * than any other ratio (at 720p, two halvings take a sixth of the time of one quartering), so
 * this halves while it can and makes only the last, small step at another ratio. Scratch is
 * kept between calls; one instance per thread.
 */
public final class Shrinker implements AutoCloseable {

    private final Mat even = new Mat();
    private final Mat odd = new Mat();
    private final Size size = new Size();

    /** Scales src down to cols x rows into dst (which must not be src). */
    public void shrink(Mat src, int cols, int rows, Mat dst) {
        Mat current = src;
        while (current.cols() >= 2 * cols && current.rows() >= 2 * rows) {
            Mat next = current == even ? odd : even;
            size.width(current.cols() / 2).height(current.rows() / 2);
            opencv_imgproc.resize(current, next, size, 0, 0, opencv_imgproc.INTER_AREA);
            current = next;
        }
        size.width(cols).height(rows);
        opencv_imgproc.resize(current, dst, size, 0, 0, opencv_imgproc.INTER_AREA);
    }

    @Override
    public void close() {
        even.close();
        odd.close();
        size.close();
    }
}
