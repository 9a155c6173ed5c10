package scrim.pixels;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import scrim.api.Frame;
import scrim.api.Rgb;

/**
 * Conversions between BGR and packed YUYV (BT.601, limited range, the layout webcams and
 * v4l2loopback consumers use). An instance keeps its scratch matrices between calls, so
 * converting frames of one size allocates nothing; use one instance per thread.
 */
public final class Yuyv implements AutoCloseable {

    /** BGR (+1) to limited-range Y, U, V: rows of a 3x4 matrix for cv::transform. */
    private static final float[] BGR_TO_YUV = {
        0.098f, 0.504f, 0.257f, 16f,
        0.439f, -0.291f, -0.148f, 128f,
        -0.071f, -0.368f, 0.439f, 128f,
    };
    /** From six channels (Y U V of two pixels) to YUYV pairs: Y0, U0, Y1, V1. */
    private static final int[] SIX_TO_PAIR = {0, 0, 1, 1, 3, 2, 5, 3};
    /** A flipped pair still reads Y0 U Y1 V; mirroring it means swapping its two lumas. */
    private static final int[] MIRROR_PAIR = {0, 2, 1, 1, 2, 0, 3, 3};

    private final FloatPointer coefficients = new FloatPointer(BGR_TO_YUV);
    private final Mat matrix = new Mat(3, 4, opencv_core.CV_32F, coefficients);
    private final Mat yuv = new Mat();
    private final Views six = new Views(6, 1);
    private final Mat flipped = new Mat();
    private final IntPointer sixToPair = new IntPointer(SIX_TO_PAIR);
    private final IntPointer mirrorPair = new IntPointer(MIRROR_PAIR);

    /** Converts a BGR image of the frame's size into the frame. */
    public void fromBgr(Mat bgr, Frame out) {
        if (bgr.cols() != out.format().width() || bgr.rows() != out.format().height()) {
            throw new IllegalArgumentException("BGR image " + bgr.cols() + "x" + bgr.rows() + " does not fit frame " + out.format());
        }
        fromBgr(bgr, out.pairs());
    }

    /** Converts a BGR image (even width) into YUYV pairs ({@code CV_8UC4}, half as wide; created if needed). */
    public void fromBgr(Mat bgr, Mat pairs) {
        if (bgr.type() != opencv_core.CV_8UC3 || bgr.cols() % 2 != 0) {
            throw new IllegalArgumentException("expected a BGR image of even width, got type " + bgr.type() + ", " + bgr.cols() + "x" + bgr.rows());
        }
        opencv_core.transform(bgr, yuv, matrix);
        pairs.create(bgr.rows(), bgr.cols() / 2, opencv_core.CV_8UC4);
        opencv_core.mixChannels(six.of(yuv), 1, pairs, 1, sixToPair, 4);
    }

    /** Converts a frame to BGR (bgr is (re)created at the frame's size). */
    public static void toBgr(Frame in, Mat bgr) {
        opencv_imgproc.cvtColor(in.mat(), bgr, opencv_imgproc.COLOR_YUV2BGR_YUYV);
    }

    /** Mirrors a frame left to right in place. */
    public void mirror(Frame frame) {
        opencv_core.flip(frame.pairs(), flipped, 1);
        opencv_core.mixChannels(flipped, 1, frame.pairs(), 1, mirrorPair, 4);
    }

    /** Makes {@code pairs} a YUYV picture of {@code rows} x {@code cols} pairs in one colour. */
    public static void fill(Mat pairs, int rows, int cols, Rgb colour) {
        pairs.create(rows, cols, opencv_core.CV_8UC4);
        try (Scalar pair = pairOf(colour.blue(), colour.green(), colour.red())) {
            pairs.put(pair);
        }
    }

    /** A BGR colour as the YUYV pair value (Y, U, Y, V) that fills {@link Frame#pairs()}. */
    public static Scalar pairOf(int blue, int green, int red) {
        double y = 16 + 0.098 * blue + 0.504 * green + 0.257 * red;
        double u = 128 + 0.439 * blue - 0.291 * green - 0.148 * red;
        double v = 128 - 0.071 * blue - 0.368 * green + 0.439 * red;
        long yy = Math.round(y);
        return new Scalar(yy, Math.round(u), yy, Math.round(v));
    }

    @Override
    public void close() {
        matrix.close();
        coefficients.close();
        yuv.close();
        six.close();
        flipped.close();
        sixToPair.close();
        mirrorPair.close();
    }
}
