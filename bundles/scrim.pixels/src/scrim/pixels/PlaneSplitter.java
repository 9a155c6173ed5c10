package scrim.pixels;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

import scrim.api.Frame;

/**
 * Splits packed YUYV into planes (Y, U, V at 4:2:2) in one pass, into matrices the caller
 * owns (usually views of one output buffer). One instance per thread.
 */
public final class PlaneSplitter implements AutoCloseable {

    /** YUYV pairs (Y0 U Y1 V) to planes: Y0 Y1 into the two-channel luma view, U and V alone. */
    private static final int[] PAIRS_TO_PLANES = {0, 0, 2, 1, 1, 2, 3, 3};

    private final MatVector sources = new MatVector(1);
    private final MatVector targets = new MatVector(3);
    private final IntPointer fromTo = new IntPointer(PAIRS_TO_PLANES);

    /**
     * @param luma CV_8UC2, height x width/2 (the Y plane seen two pixels at a time)
     * @param u    CV_8UC1, height x width/2
     * @param v    CV_8UC1, height x width/2
     */
    public void split(Frame frame, Mat luma, Mat u, Mat v) {
        sources.put(0, frame.pairs());
        targets.put(0, luma);
        targets.put(1, u);
        targets.put(2, v);
        opencv_core.mixChannels(sources, targets, fromTo, 4);
    }

    @Override
    public void close() {
        sources.close();
        targets.close();
        fromTo.close();
    }
}
