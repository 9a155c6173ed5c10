package scrim.pixels;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Shrinks the background of a YUYV picture with the person left out: every small pixel is the
 * average of the background pixels under it only (each pixel weighted by 1 - alpha, with alpha
 * doubled so the soft edge counts as person), optionally blurred at the small size as a
 * normalised convolution. This is what keeps blurred, pixelated and wrapped backgrounds free of
 * a halo of the person, and working small is what makes a strong blur cheap. Scratch is kept
 * between calls; one instance per thread.
 */
public final class BackgroundSampler implements AutoCloseable {

    /** A tiny weight of mid grey, so a cell that is all person gets grey rather than a division by zero. */
    private static final double FALLBACK = 1e-3;
    private static final double GREY = 128;
    /**
     * Gives both lumas of a pair (Y0 U Y1 V) their mean: averaged apart, even and odd columns
     * keep their own brightness, and stripes one pixel wide would survive any blur or block.
     */
    private static final float[] SHARED_LUMA = {
        0.5f, 0, 0.5f, 0,
        0, 1, 0, 0,
        0.5f, 0, 0.5f, 0,
        0, 0, 0, 1,
    };

    private final Mat edge = new Mat();
    private final Mat weight2 = new Mat();
    private final Mat weighted = new Mat();
    private final Views pairs = new Views(4, 2);
    private final MatVector two = new MatVector(2);
    private final Mat smallWeight = new Mat();
    private final Mat smallWeighted = new Mat();
    private final Mat weightF = new Mat();
    private final Mat sumF = new Mat();
    private final Mat mixed = new Mat();
    private final FloatPointer sharedLumaValues = new FloatPointer(SHARED_LUMA);
    private final Mat sharedLuma = new Mat(4, 4, opencv_core.CV_32F, sharedLumaValues);
    private final Shrinker shrinker = new Shrinker();
    private final Mat small = new Mat();
    private final Size full = new Size();
    private final Size kernel = new Size();

    /**
     * @param picture a YUYV picture ({@code CV_8UC2}, see {@code Frame.mat()})
     * @param mask    {@code CV_8UC1} alpha of the same size, 255 = person
     * @param cols    width of the result in pairs (two pixels each)
     * @param rows    height of the result
     * @param sigma   blur at the small size (a near-Gaussian of this sigma, in small rows); 0 for none
     * @param out     receives YUYV pairs ({@code CV_8UC4}, like {@code Frame.pairs()}), cols x rows
     */
    public void sample(Mat picture, Mat mask, int cols, int rows, double sigma, Mat out) {
        // per pixel: weight = 1 - min(1, 2 alpha), repeated for both bytes of the pixel, as pairs
        mask.convertTo(edge, -1, 2, 0);
        opencv_core.bitwise_not(edge, edge);
        two.put(0, edge);
        two.put(1, edge);
        opencv_core.merge(two, weight2);
        opencv_core.multiply(picture, weight2, weighted, 1 / 255.0, -1);
        shrinker.shrink(pairs.of(weighted), cols, rows, smallWeighted);
        shrinker.shrink(pairs.of(weight2), cols, rows, smallWeight);
        smallWeighted.convertTo(sumF, opencv_core.CV_32F, 1, FALLBACK * GREY);
        smallWeight.convertTo(weightF, opencv_core.CV_32F, 1 / 255.0, FALLBACK);
        if (sigma > 0) {
            StackBlur.pairs(sigma, kernel);
            opencv_imgproc.stackBlur(sumF, sumF, kernel);
            opencv_imgproc.stackBlur(weightF, weightF, kernel);
        }
        opencv_core.divide(sumF, weightF, sumF);
        opencv_core.transform(sumF, mixed, sharedLuma);
        mixed.convertTo(out, opencv_core.CV_8U);
    }

    /**
     * Samples the background (as {@link #sample}) and scales it back to the picture's size.
     *
     * @param interpolation how to scale up: {@code INTER_LINEAR} for smooth, {@code INTER_NEAREST} for blocks
     * @param out           receives YUYV pairs ({@code CV_8UC4}) of the picture's size
     */
    public void background(Mat picture, Mat mask, int cols, int rows, double sigma, int interpolation, Mat out) {
        sample(picture, mask, cols, rows, sigma, small);
        full.width(picture.cols() / 2).height(picture.rows());
        opencv_imgproc.resize(small, out, full, 0, 0, interpolation);
    }

    @Override
    public void close() {
        edge.close();
        weight2.close();
        weighted.close();
        pairs.close();
        two.close();
        smallWeight.close();
        smallWeighted.close();
        weightF.close();
        sumF.close();
        mixed.close();
        sharedLuma.close();
        sharedLumaValues.close();
        shrinker.close();
        small.close();
        full.close();
        kernel.close();
    }
}
