package scrim.pixels;

import java.util.Locale;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Scales pictures to a frame size; keeps its scratch between calls (one instance per thread). */
public final class Fit implements AutoCloseable {

    /** How a picture of another shape fills the frame. */
    public enum Mode {
        /** Fills the frame without distortion, cutting off what overhangs evenly on both sides. */
        COVER,
        /** Shows all of the picture without distortion, with bars of a colour where it does not reach. */
        CONTAIN,
        /** Fills the frame exactly, distorting the picture if its shape differs. */
        STRETCH;

        /** The mode named {@code cover}, {@code contain} or {@code stretch}. */
        public static Mode of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fit '" + name + "' is unknown: use cover, contain or stretch");
            }
        }
    }

    private final Mat scaled = new Mat();
    private final Size size = new Size();
    private final Rect middle = new Rect();
    /** The middle of {@link #scaled}, made again when scaled gets a new size or type (and with it a new buffer). */
    private Mat crop = new Mat();
    /** Size and type of scaled, to tell when it got a new buffer. */
    private int scaledCols;
    private int scaledRows;
    private int scaledType = -1;

    /** {@link Mode#COVER}. */
    public void cover(Mat src, int width, int height, Mat dst) {
        fit(src, width, height, Mode.COVER, null, dst);
    }

    /**
     * Scales {@code src} to {@code width} x {@code height} in {@code dst} (same type as src);
     * {@code bars} is the colour around a contained picture, in src's channel order.
     */
    public void fit(Mat src, int width, int height, Mode mode, Scalar bars, Mat dst) {
        double sx = (double) width / src.cols();
        double sy = (double) height / src.rows();
        double scale = switch (mode) {
            case COVER -> Math.max(sx, sy);
            case CONTAIN -> Math.min(sx, sy);
            case STRETCH -> 1;
        };
        int sw = mode == Mode.STRETCH ? width : Math.max(1, (int) Math.round(src.cols() * scale));
        int sh = mode == Mode.STRETCH ? height : Math.max(1, (int) Math.round(src.rows() * scale));
        if (mode == Mode.COVER) {
            sw = Math.max(width, sw);
            sh = Math.max(height, sh);
        }
        size.width(sw).height(sh);
        boolean shrinking = (double) sw * sh < (double) src.cols() * src.rows();
        opencv_imgproc.resize(src, scaled, size, 0, 0, shrinking ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_LINEAR);
        if (sw != scaledCols || sh != scaledRows || scaled.type() != scaledType) {
            crop.close(); // scaled has a new buffer; the crop shows the old one
            scaledCols = sw;
            scaledRows = sh;
            scaledType = scaled.type();
        }
        if (mode == Mode.CONTAIN) {
            int top = (height - sh) / 2;
            int left = (width - sw) / 2;
            opencv_core.copyMakeBorder(scaled, dst, top, height - sh - top, left, width - sw - left, opencv_core.BORDER_CONSTANT, bars);
            return;
        }
        if (crop.isNull() || middle.width() != width || middle.height() != height) {
            middle.x((sw - width) / 2).y((sh - height) / 2).width(width).height(height);
            crop.close();
            crop = scaled.apply(middle);
        }
        crop.copyTo(dst);
    }

    @Override
    public void close() {
        crop.close();
        scaled.close();
        size.close();
        middle.close();
    }
}
