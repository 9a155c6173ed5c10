package scrim.source.media.internal;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The synthetic test scene: a person-shaped figure (head and shoulders) that sways left and
 * right in front of a room-like background. Its geometry is a pure function of the frame
 * number and size, so the exact person mask of any frame can be drawn again ({@link #drawPerson}).
 * Drawn without anti-aliasing so the mask matches the picture pixel for pixel.
 */
final class Scene {

    /** Frames per full left-right-left sway. */
    static final int PERIOD = 150;

    private Scene() {
    }

    /** Draws the figure into {@code target}, in {@code color} (any depth: BGR picture or float mask). */
    static void drawPerson(Mat target, long sequence, Scalar color, Point centre, Size axes) {
        int w = target.cols();
        int h = target.rows();
        int cx = (int) Math.round(w / 2.0 + w * 0.22 * Math.sin(2 * Math.PI * (sequence % PERIOD) / PERIOD));
        int headR = h / 7;
        int headY = h / 2 - h / 10;
        // torso: the upper half of a wide ellipse standing on the bottom edge
        centre.x(cx).y(h);
        axes.width(w / 6 + headR).height(h / 2 - h / 40);
        opencv_imgproc.ellipse(target, centre, axes, 0, 180, 360, color, opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
        // neck and head
        centre.x(cx).y(headY);
        axes.width(headR * 4 / 5).height(headR);
        opencv_imgproc.ellipse(target, centre, axes, 0, 0, 360, color, opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
    }
}
