package scrim.source.media.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.osgi.service.component.annotations.Component;

import scrim.api.CaptureStream;
import scrim.api.Frame;
import scrim.api.FrameSource;
import scrim.api.VideoFormat;
import scrim.pixels.Yuyv;

/** The moving synthetic test scene, at any size; works on every machine. */
@Component(property = {FrameSource.ID + "=pattern", FrameSource.LABEL + "=Test pattern (moving figure)",
        FrameSource.KIND + "=pattern", FrameSource.LIVE + ":Boolean=false"})
public final class PatternSource implements FrameSource {

    static final Scalar SKIN = new Scalar(120, 150, 210, 0);
    private static final byte[] PREFIX = "scrim ".getBytes(StandardCharsets.US_ASCII);

    @Override
    public List<VideoFormat> formats() {
        return List.of(VideoFormat.yuyv(1280, 720, 30));
    }

    @Override
    public CaptureStream open(VideoFormat requested) {
        return new Stream(requested);
    }

    private static final class Stream implements CaptureStream {
        private final VideoFormat format;
        private final Mat background;
        private final Mat picture = new Mat();
        private final Yuyv yuyv = new Yuyv();
        private final Point centre = new Point();
        private final Size axes = new Size();
        private final Point textAt;
        private final Scalar white = new Scalar(255, 255, 255, 0);
        private final Scalar ball = new Scalar(40, 200, 240, 0);
        /** "scrim 000042" as a C string, rewritten in place: formatting a String per frame allocated 1.3 KB. */
        private final BytePointer label = new BytePointer(32);
        private long sequence;

        Stream(VideoFormat requested) {
            format = VideoFormat.yuyv(requested.width(), requested.height(), requested.fps());
            background = drawRoom(format.width(), format.height());
            textAt = new Point(format.width() / 40, format.height() / 12);
        }

        /** A wall with a gradient, a window and a shelf: texture that effects visibly replace. */
        private static Mat drawRoom(int w, int h) {
            Mat room = new Mat(h, w, opencv_core.CV_8UC3);
            try (Mat column = new Mat(h, 1, opencv_core.CV_8UC3); Size size = new Size(w, h)) {
                for (int y = 0; y < h; y++) {
                    int shade = 70 + 90 * y / h;
                    column.ptr(y, 0).put((byte) (shade + 30), (byte) shade, (byte) (shade - 30));
                }
                opencv_imgproc.resize(column, room, size, 0, 0, opencv_imgproc.INTER_NEAREST);
            }
            try (Rect window = new Rect(w / 16, h / 8, w / 5, h / 3);
                 Rect shelf = new Rect(w * 3 / 4, h / 3, w / 5, h / 30);
                 Scalar sky = new Scalar(235, 200, 150, 0);
                 Scalar wood = new Scalar(30, 70, 110, 0)) {
                opencv_imgproc.rectangle(room, window, sky, opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
                opencv_imgproc.rectangle(room, shelf, wood, opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
            }
            return room;
        }

        @Override
        public VideoFormat format() {
            return format;
        }

        @Override
        public boolean read(Frame into) {
            background.copyTo(picture);
            int w = format.width();
            int h = format.height();
            // a ball bouncing along the wall, so the background moves too
            long t = sequence % 90;
            centre.x((int) (w / 3 + (w / 3) * Math.abs(t - 45) / 45)).y(h / 5);
            opencv_imgproc.circle(picture, centre, Math.max(2, h / 30), ball, opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
            opencv_imgproc.putText(picture, label(sequence), textAt,
                    opencv_imgproc.FONT_HERSHEY_SIMPLEX, Math.max(0.3, h / 900.0), white, Math.max(1, h / 360), opencv_imgproc.LINE_8, false);
            Scene.drawPerson(picture, sequence, SKIN, centre, axes);
            yuyv.fromBgr(picture, into);
            into.stamp(sequence++, System.nanoTime());
            return true;
        }

        /** The label for a frame: "scrim " and the number with at least six digits. */
        private BytePointer label(long n) {
            int digits = 6;
            for (long rest = n / 1_000_000; rest > 0; rest /= 10) {
                digits++;
            }
            for (int i = 0; i < PREFIX.length; i++) {
                label.put(i, PREFIX[i]);
            }
            long rest = n;
            for (int i = PREFIX.length + digits - 1; i >= PREFIX.length; i--) {
                label.put(i, (byte) ('0' + rest % 10));
                rest /= 10;
            }
            label.put(PREFIX.length + digits, (byte) 0);
            return label;
        }

        @Override
        public void close() {
            label.close();
            background.close();
            picture.close();
            yuyv.close();
            centre.close();
            axes.close();
            textAt.close();
        }
    }
}
