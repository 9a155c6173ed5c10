package scrim.pixels;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Shrinks the background of a YUYV picture with the person left out: every small pixel is a
 * mask-weighted average of the background around it (normalised convolution, weight = 1 - alpha,
 * the person's edge widened by one small pixel), optionally blurred at the small size. This is
 * what keeps blurred, pixelated and wrapped backgrounds free of a halo of the person, and
 * working small is what makes a strong blur cheap. Works on YUYV pairs ({@code Y0 U Y1 V}).
 * Scratch is kept between calls; one instance per thread.
 */
public final class BackgroundSampler implements AutoCloseable {

    /** Weight given to the plain average, so a cell that is all person still gets a colour. */
    private static final double FALLBACK = 1e-3;

    private final Mat small8 = new Mat();
    private final Mat alpha = new Mat();
    private final Mat weight = new Mat();
    private final Mat weightBlurred = new Mat();
    private final Mat weight4 = new Mat();
    private final Mat smallF = new Mat();
    private final Mat premultiplied = new Mat();
    private final Mat widen = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_RECT, new Size(3, 3));
    private final MatVector four = new MatVector(4);
    private final Size size = new Size();
    private final Size auto = new Size(0, 0);

    /**
     * @param pairs a YUYV picture as pairs ({@code CV_8UC4}, see {@code Frame.pairs()})
     * @param mask  {@code CV_8UC1} alpha at the picture's pixel size, 255 = person
     * @param cols  width of the result in pairs
     * @param rows  height of the result
     * @param sigma Gaussian blur at the small size, in small rows; 0 for none
     * @param out   receives {@code CV_8UC4} pairs, cols x rows
     */
    public void sample(Mat pairs, Mat mask, int cols, int rows, double sigma, Mat out) {
        size.width(cols).height(rows);
        opencv_imgproc.resize(pairs, small8, size, 0, 0, opencv_imgproc.INTER_AREA);
        opencv_imgproc.resize(mask, alpha, size, 0, 0, opencv_imgproc.INTER_AREA);
        opencv_imgproc.dilate(alpha, alpha, widen);
        alpha.convertTo(weight, opencv_core.CV_32F, -1 / 255.0, 1);
        small8.convertTo(smallF, opencv_core.CV_32F);
        spread(weight);
        opencv_core.multiply(smallF, weight4, premultiplied);
        if (sigma > 0) {
            // a pair is two pixels wide: half the sigma across keeps the blur round
            opencv_imgproc.GaussianBlur(premultiplied, premultiplied, auto, sigma / 2, sigma, opencv_core.BORDER_REFLECT, 0);
            opencv_imgproc.GaussianBlur(weight, weightBlurred, auto, sigma / 2, sigma, opencv_core.BORDER_REFLECT, 0);
        } else {
            weight.copyTo(weightBlurred);
        }
        opencv_core.addWeighted(premultiplied, 1, smallF, FALLBACK, 0, premultiplied);
        weightBlurred.convertTo(weightBlurred, -1, 1, FALLBACK);
        spread(weightBlurred);
        opencv_core.divide(premultiplied, weight4, smallF);
        smallF.convertTo(out, opencv_core.CV_8U);
    }

    /** One weight per channel of a pair, in weight4. */
    private void spread(Mat w) {
        for (int i = 0; i < 4; i++) {
            four.put(i, w);
        }
        opencv_core.merge(four, weight4);
    }

    @Override
    public void close() {
        small8.close();
        alpha.close();
        weight.close();
        weightBlurred.close();
        weight4.close();
        smallF.close();
        premultiplied.close();
        widen.close();
        four.close();
        size.close();
        auto.close();
    }
}
