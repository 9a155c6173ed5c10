package scrim.pixels;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import scrim.api.Frame;

/**
 * Placeholder pictures for consumers of Scrim's output while there is no camera picture:
 * a dark card with a line of text ("Camera disconnected", "Scrim is paused"), so a call
 * shows a clear message instead of a frozen or black picture.
 */
public final class Cards {

    private Cards() {
    }

    /** Draws the card into a frame (rendered anew each call: cards are made rarely). */
    public static void render(Frame frame, String title, String subtitle) {
        int w = frame.format().width();
        int h = frame.format().height();
        double scale = Math.max(0.4, h / 600.0);
        int thickness = Math.max(1, (int) Math.round(scale * 2));
        try (Mat bgr = new Mat(h, w, opencv_core.CV_8UC3, new Scalar(48, 40, 36, 0)); Yuyv yuyv = new Yuyv();
             Scalar white = new Scalar(235, 235, 235, 0); Scalar grey = new Scalar(170, 170, 170, 0)) {
            centred(bgr, title, h / 2, scale * 1.4, thickness + 1, white);
            centred(bgr, subtitle, h / 2 + (int) (h * 0.09), scale * 0.8, thickness, grey);
            yuyv.fromBgr(bgr, frame);
        }
    }

    private static void centred(Mat bgr, String text, int y, double scale, int thickness, Scalar colour) {
        int[] baseline = new int[1];
        try (Size size = opencv_imgproc.getTextSize(text, opencv_imgproc.FONT_HERSHEY_SIMPLEX, scale, thickness, baseline);
             Point at = new Point(Math.max(0, (bgr.cols() - size.width()) / 2), y)) {
            opencv_imgproc.putText(bgr, text, at, opencv_imgproc.FONT_HERSHEY_SIMPLEX, scale, colour, thickness, opencv_imgproc.LINE_AA, false);
        }
    }
}
