package scrim.source.v4l2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import scrim.api.Frame;
import scrim.api.VideoFormat;
import scrim.pixels.Yuyv;
import scrim.v4l2.V4l2;

/**
 * Turns a camera's filled buffers into frames: copies, scales or decodes (Motion-JPEG) into the
 * frame it is given. A damaged frame (flagged by the driver, cut short, or not decodable) is
 * skipped after its buffer is back with the driver, up to a bound: a camera that sends only
 * damaged frames is reported as such, not as busy. Matrices over the buffers are made once.
 */
final class CaptureReader implements AutoCloseable {

    private static final int WAIT_MILLIS = 2000;
    private static final int POLL_MILLIS = 250;
    /** Damaged frames in a row before the camera is reported as faulty (a second at 30 fps). */
    private static final int MAX_DAMAGED = 30;
    /** Zero bytes after a JPEG's end marker that are taken as padding. */
    private static final int MAX_PADDING = 4096;

    private final Path node;
    private final CaptureQueue queue;
    private final VideoFormat format;
    private final int fourcc;
    private final int width;
    private final int height;
    private final int stride;
    private final Mat[] views;
    private final long frameBytes;
    private final Mat decoded = new Mat();
    private final Mat scaled = new Mat();
    private final Yuyv yuyv = new Yuyv();
    private final Size target;
    private final Size targetPairs;
    private long sequence;

    CaptureReader(Path node, CaptureQueue queue, VideoFormat format, int fourcc, int width, int height, int stride) {
        this.node = node;
        this.queue = queue;
        this.format = format;
        this.fourcc = fourcc;
        this.width = width;
        this.height = height;
        this.stride = stride == 0 ? width * 2 : stride;
        this.target = new Size(format.width(), format.height());
        this.targetPairs = new Size(format.width() / 2, format.height());
        this.views = new Mat[queue.count()];
        this.frameBytes = (long) this.stride * height;
    }

    /** Fills {@code into} with the next good frame; damaged ones are skipped, each buffer going back to the driver first. */
    boolean read(Frame into) throws IOException {
        for (int damaged = 0; damaged < MAX_DAMAGED; damaged++) {
            int index = await();
            boolean good;
            try {
                good = !queue.damaged() && convert(index, queue.bytesUsed(), into);
            } finally {
                queue.requeue(index);
            }
            if (good) {
                into.stamp(sequence++, System.nanoTime());
                return true;
            }
        }
        throw new IOException(node + " sent " + MAX_DAMAGED + " damaged frames in a row: check the camera's cable and USB port,"
                + " or choose a smaller size, which the camera may send uncompressed");
    }

    private int await() throws IOException {
        int index;
        long waited = 0;
        while ((index = queue.dequeue(POLL_MILLIS)) < 0) {
            waited += POLL_MILLIS;
            if (waited >= WAIT_MILLIS) {
                throw new IOException(node + " delivers no frames: is another program using the camera?");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new IOException("capture from " + node + " stopped");
            }
        }
        return index;
    }

    /** Converts one filled buffer into the frame; false if it is damaged. */
    private boolean convert(int index, int used, Frame into) {
        if (fourcc == V4l2.PIX_FMT_MJPEG) {
            return decode(index, used, into);
        }
        if (used != 0 && used < frameBytes) {
            return false; // cut short (0: the driver does not say)
        }
        if (width == format.width() && height == format.height() && stride == width * 2) {
            ByteBuffer source = queue.bytes(index);
            source.limit((int) format.frameBytes());
            into.buffer().put(source);
        } else {
            // scale YUYV pairs directly (Y0 U Y1 V as four channels)
            opencv_imgproc.resize(view(index), into.pairs(), targetPairs, 0, 0, opencv_imgproc.INTER_AREA);
        }
        return true;
    }

    private boolean decode(int index, int used, Frame into) {
        if (!wholeJpeg(queue.bytes(index), used)) {
            return false;
        }
        Mat jpeg = view(index);
        jpeg.cols(used); // the view covers the whole buffer: decode only what the driver filled (one row: cols is its length)
        opencv_imgcodecs.imdecode(jpeg, opencv_imgcodecs.IMREAD_COLOR, decoded);
        if (decoded.empty()) {
            return false;
        }
        if (decoded.cols() == format.width() && decoded.rows() == format.height()) {
            yuyv.fromBgr(decoded, into);
        } else {
            opencv_imgproc.resize(decoded, scaled, target, 0, 0, opencv_imgproc.INTER_AREA);
            yuyv.fromBgr(scaled, into);
        }
        return true;
    }

    /**
     * Whether the filled bytes hold a JPEG from its start marker to its end marker (after which
     * some cameras pad with zeros). A frame cut short would decode with a grey bottom.
     */
    static boolean wholeJpeg(ByteBuffer bytes, int used) {
        if (used < 4 || used > bytes.capacity() || bytes.get(0) != (byte) 0xff || bytes.get(1) != (byte) 0xd8) {
            return false;
        }
        int end = used - 1;
        while (end > 2 && bytes.get(end) == 0 && used - end < MAX_PADDING) {
            end--;
        }
        return bytes.get(end) == (byte) 0xd9 && bytes.get(end - 1) == (byte) 0xff;
    }

    /** A matrix over a mapped buffer, made once per buffer: raw bytes for MJPEG, YUYV pairs otherwise. */
    private Mat view(int index) {
        if (views[index] == null) {
            ByteBuffer bytes = queue.bytes(index);
            BytePointer p = new BytePointer(bytes);
            views[index] = fourcc == V4l2.PIX_FMT_MJPEG ? new Mat(1, bytes.capacity(), opencv_core.CV_8UC1, p)
                    : new Mat(height, width / 2, opencv_core.CV_8UC4, p, stride);
        }
        return views[index];
    }

    @Override
    public void close() {
        for (Mat v : views) {
            if (v != null) {
                v.close();
            }
        }
        decoded.close();
        scaled.close();
        yuyv.close();
        target.close();
        targetPairs.close();
    }
}
