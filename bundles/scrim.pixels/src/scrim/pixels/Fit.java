package scrim.pixels;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/** Scales pictures to a frame size; keeps its scratch between calls (one instance per thread). */
public final class Fit implements AutoCloseable {

    private final Mat scaled = new Mat();
    private final Size size = new Size();
    private final Rect middle = new Rect();

    /**
     * Scales {@code src} to fill {@code width} x {@code height} without distortion, cutting off
     * what overhangs evenly on both sides ("cover"). Result in {@code dst}.
     */
    public void cover(Mat src, int width, int height, Mat dst) {
        double scale = Math.max((double) width / src.cols(), (double) height / src.rows());
        int sw = Math.max(width, (int) Math.ceil(src.cols() * scale));
        int sh = Math.max(height, (int) Math.ceil(src.rows() * scale));
        size.width(sw).height(sh);
        int interpolation = scale < 1 ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_LINEAR;
        opencv_imgproc.resize(src, scaled, size, 0, 0, interpolation);
        middle.x((sw - width) / 2).y((sh - height) / 2).width(width).height(height);
        try (Mat view = scaled.apply(middle)) {
            view.copyTo(dst);
        }
    }

    @Override
    public void close() {
        scaled.close();
        size.close();
        middle.close();
    }
}
