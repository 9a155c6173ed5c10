package scrim.source.v4l2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


import scrim.api.CaptureStream;
import scrim.api.Frame;
import scrim.api.FrameSource;
import scrim.api.VideoFormat;
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
            int granted = d.startCapture(BUFFERS);
            return new Stream(d, granted, format, set[2], set[0], set[1], set[3]);
        } catch (V4l2Exception e) {
            d.close();
            if (e.busy()) {
                throw new IOException(node + " is busy: another program is using the camera; close it and try again", e);
            }
            throw e;
        }
    }

    /** A running capture: the device's buffers read by a {@link CaptureReader}. */
    private static final class Stream implements CaptureStream, CaptureQueue {
        private final V4l2Device device;
        private final VideoFormat format;
        private final int count;
        private final CaptureReader reader;

        Stream(V4l2Device device, int count, VideoFormat format, int fourcc, int width, int height, int stride) {
            this.device = device;
            this.count = count;
            this.format = format;
            this.reader = new CaptureReader(device.node(), this, format, fourcc, width, height, stride);
        }

        @Override
        public VideoFormat format() {
            return format;
        }

        @Override
        public boolean read(Frame into) throws IOException {
            return reader.read(into);
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public int dequeue(int timeoutMillis) throws IOException {
            return device.dequeue(timeoutMillis);
        }

        @Override
        public ByteBuffer bytes(int index) {
            return device.bytes(index);
        }

        @Override
        public int bytesUsed() {
            return device.bytesUsed();
        }

        @Override
        public boolean damaged() {
            return device.damaged();
        }

        @Override
        public void requeue(int index) throws IOException {
            device.requeue(index);
        }

        @Override
        public void close() {
            device.close();
            reader.close();
        }
    }
}
