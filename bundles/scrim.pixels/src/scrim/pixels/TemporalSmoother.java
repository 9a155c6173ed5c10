package scrim.pixels;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Removes flicker from a stream of person probabilities without ghosting a moving person:
 * each pixel moves toward the new value by a weight that grows with the change. Small
 * changes (noise on a still person) are averaged over several frames; a large change
 * (motion) is taken at once. Works at the model's resolution, so it costs next to nothing.
 * One instance per stream.
 */
public final class TemporalSmoother implements AutoCloseable {

    /** Default strength, chosen by measurement of flicker on a still scene with camera noise (README). */
    public static final double DEFAULT_STRENGTH = 0.7;

    /** A change of this much or more (in probability) is taken as motion and not smoothed. */
    private static final double MOTION = 0.25;

    private final Mat history = new Mat();
    private final Mat change = new Mat();
    private final Mat weight = new Mat();

    /**
     * Smooths {@code probability} (CV_32FC1) in place.
     *
     * @param strength 0 = off; 0.8 = a still pixel keeps 80% of its history each frame
     */
    public void smooth(Mat probability, double strength) {
        boolean restart = history.empty() || history.rows() != probability.rows() || history.cols() != probability.cols();
        if (strength <= 0 || restart) {
            probability.copyTo(history);
            return;
        }
        // weight = (1 - strength) + strength * min(|p - history| / MOTION, 1)
        opencv_core.absdiff(probability, history, change);
        change.convertTo(weight, -1, 1 / MOTION, 0);
        opencv_imgproc.threshold(weight, weight, 1, 1, opencv_imgproc.THRESH_TRUNC);
        weight.convertTo(weight, -1, strength, 1 - strength);
        // history += weight * (p - history)
        opencv_core.subtract(probability, history, change);
        opencv_core.multiply(change, weight, change);
        opencv_core.add(history, change, history);
        history.copyTo(probability);
    }

    /** Forgets the history (a new source, a new model). */
    public void reset() {
        history.release();
    }

    @Override
    public void close() {
        history.close();
        change.close();
        weight.close();
    }
}
