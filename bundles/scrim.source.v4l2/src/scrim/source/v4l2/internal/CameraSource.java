package scrim.source.v4l2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import scrim.api.CaptureStream;
import scrim.api.Frame;
import scrim.api.FrameSource;
import scrim.api.VideoFormat;
import scrim.pixels.Yuyv;
import scrim.v4l2.V4l2;
import scrim.v4l2.V4l2Device;
import scrim.v4l2.V4l2Exception;

/**
 * A V4L2 camera. Streams YUYV or Motion-JPEG through memory-mapped buffers, choosing the mode
 * that gives the asked size at the asked rate (YUYV first: no decoding); a size the camera
 * lacks is scaled from its nearest larger mode.
 */
final class CameraSource implements FrameSource {

    private static final int BUFFERS = 4;
    private static final int WAIT_MILLIS = 2000;

    private final Path node;

    CameraSource(Path node) {
        this.node = node;
    }

    /** A mode the camera offers. */
    private record Mode(int fourcc, int width, int height, double fps) {
    }

    private List<Mode> modes() throws IOException {
        List<Mode> modes = new ArrayList<>();
        try (V4l2Device d = V4l2Device.open(node)) {
            for (int fourcc : d.pixelFormats(V4l2.BUF_TYPE_VIDEO_CAPTURE)) {
                if (fourcc != V4l2.PIX_FMT_YUYV && fourcc != V4l2.PIX_FMT_MJPEG) {
                    continue;
                }
                for (int[] size : d.frameSizes(fourcc)) {
                    List<Double> rates = d.frameRates(fourcc, size[0], size[1]);
                    modes.add(new Mode(fourcc, size[0], size[1], rates.isEmpty() ? 30 : rates.stream().mapToDouble(Double::doubleValue).max().orElse(30)));
                }
            }
        }
        return modes;
    }

    @Override
    public List<VideoFormat> formats() throws IOException {
        List<VideoFormat> formats = new ArrayList<>();
        for (Mode m : modes()) {
            VideoFormat f = VideoFormat.yuyv(m.width & ~1, m.height, Math.min(m.fps, VideoFormat.MAX_FPS));
            if (!formats.contains(f)) {
                formats.add(f);
            }
        }
        // the camera's preferred mode first: 1280x720 if it has it at 30 fps, else the largest YUYV one
        formats.sort((a, b) -> Integer.compare(score(b), score(a)));
        return formats;
    }

    private static int score(VideoFormat f) {
        return (f.width() == 1280 && f.height() == 720 && f.fps() >= 29 ? 1 << 30 : 0) + f.width() * f.height();
    }

    /** The best mode for a request: exact size at enough fps, YUYV before MJPEG; else the smallest larger one. */
    private Mode choose(List<Mode> modes, VideoFormat want) throws IOException {
        Mode best = null;
        for (Mode m : modes) {
            boolean exact = m.width == want.width() && m.height == want.height();
            if (exact && m.fps >= want.fps() - 0.5 && (best == null || m.fourcc == V4l2.PIX_FMT_YUYV)) {
                best = m;
            }
        }
        if (best != null) {
            return best;
        }
        for (Mode m : modes) {
            if (m.width >= want.width() && m.height >= want.height() && m.fps >= want.fps() - 0.5
                    && (best == null || (long) m.width * m.height < (long) best.width * best.height)) {
                best = m;
            }
        }
        if (best == null && !modes.isEmpty()) {
            best = modes.get(0);
            for (Mode m : modes) {
                if ((long) m.width * m.height > (long) best.width * best.height) {
                    best = m;
                }
            }
        }
        if (best == null) {
            throw new IOException(node + " offers neither YUYV nor Motion-JPEG: Scrim cannot read this camera");
        }
        return best;
    }

    @Override
    public CaptureStream open(VideoFormat requested) throws IOException {
        VideoFormat format = VideoFormat.yuyv(requested.width(), requested.height(), requested.fps());
        Mode mode = choose(modes(), format);
        V4l2Device d = V4l2Device.open(node);
        try {
            int[] set = d.setFormat(V4l2.BUF_TYPE_VIDEO_CAPTURE, mode.width, mode.height, mode.fourcc, 0, 0);
            int[] rate = format.fpsFraction();
            try {
                d.setFrameRate(V4l2.BUF_TYPE_VIDEO_CAPTURE, rate[0], rate[1]);
            } catch (V4l2Exception e) {
                // a camera without rate control runs at its own rate
            }
            d.startCapture(BUFFERS);
            return new Stream(d, format, set[2], set[0], set[1], set[3]);
        } catch (V4l2Exception e) {
            d.close();
            if (e.busy()) {
                throw new IOException(node + " is busy: another program is using the camera; close it and try again", e);
            }
            throw e;
        }
    }

    /** A running capture; decodes or scales into the frames it is given. */
    private final class Stream implements CaptureStream {
        private final V4l2Device device;
        private final VideoFormat format;
        private final int fourcc;
        private final int width;
        private final int height;
        private final int stride;
        private final Mat[] views = new Mat[BUFFERS * 2];
        private final Mat decoded = new Mat();
        private final Mat scaled = new Mat();
        private final Yuyv yuyv = new Yuyv();
        private final Size target;
        private long sequence;

        Stream(V4l2Device device, VideoFormat format, int fourcc, int width, int height, int stride) {
            this.device = device;
            this.format = format;
            this.fourcc = fourcc;
            this.width = width;
            this.height = height;
            this.stride = stride == 0 ? width * 2 : stride;
            this.target = new Size(format.width(), format.height());
        }

        @Override
        public VideoFormat format() {
            return format;
        }

        @Override
        public boolean read(Frame into) throws IOException {
            int index;
            long waited = 0;
            while ((index = device.dequeue(250)) < 0) {
                waited += 250;
                if (waited >= WAIT_MILLIS) {
                    throw new IOException(node + " delivers no frames: is another program using the camera?");
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("capture from " + node + " stopped");
                }
            }
            try {
                Mat raw = view(index);
                if (fourcc == V4l2.PIX_FMT_MJPEG) {
                    // a JPEG decoder stops at its end marker, so the whole buffer can be handed over
                    opencv_imgcodecs.imdecode(raw, opencv_imgcodecs.IMREAD_COLOR, decoded);
                    if (decoded.empty()) {
                        return read(into); // a damaged frame: take the next one
                    }
                    if (decoded.cols() == format.width() && decoded.rows() == format.height()) {
                        yuyv.fromBgr(decoded, into);
                    } else {
                        opencv_imgproc.resize(decoded, scaled, target, 0, 0, opencv_imgproc.INTER_AREA);
                        yuyv.fromBgr(scaled, into);
                    }
                } else if (width == format.width() && height == format.height() && stride == width * 2) {
                    ByteBuffer source = device.bytes(index);
                    source.limit((int) format.frameBytes());
                    into.buffer().put(source);
                } else {
                    // scale YUYV pairs directly (Y0 U Y1 V as four channels)
                    opencv_imgproc.resize(raw, into.pairs(), into.pairs().size(), 0, 0, opencv_imgproc.INTER_AREA);
                }
            } finally {
                device.requeue(index);
            }
            into.stamp(sequence++, System.nanoTime());
            return true;
        }

        /** A matrix over a mapped buffer, made once per buffer: raw bytes for MJPEG, YUYV pairs otherwise. */
        private Mat view(int index) {
            if (views[index] == null) {
                BytePointer p = new BytePointer(device.bytes(index));
                views[index] = fourcc == V4l2.PIX_FMT_MJPEG ? new Mat(1, device.bytes(index).capacity(), opencv_core.CV_8UC1, p)
                        : new Mat(height, width / 2, opencv_core.CV_8UC4, p, stride);
            }
            return views[index];
        }

        @Override
        public void close() {
            device.close();
            for (Mat v : views) {
                if (v != null) {
                    v.close();
                }
            }
            decoded.close();
            scaled.close();
            yuyv.close();
            target.close();
        }
    }
}
