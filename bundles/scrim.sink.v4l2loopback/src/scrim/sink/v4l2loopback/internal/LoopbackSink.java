package scrim.sink.v4l2loopback.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import scrim.api.Frame;
import scrim.api.FrameSink;
import scrim.api.VideoFormat;
import scrim.pixels.Cards;
import scrim.pixels.FramePool;
import scrim.pixels.I420Writer;
import scrim.v4l2.DeviceInfo;
import scrim.v4l2.DeviceUsers;
import scrim.v4l2.V4l2;
import scrim.v4l2.V4l2Device;
import scrim.v4l2.V4l2Exception;

/**
 * Writes YUYV frames to a v4l2loopback device: the format is set on the OUTPUT type, the
 * frame rate with VIDIOC_S_PARM (so consumers see the real rate), and streaming is switched
 * on before the first write, which keeps an exclusive_caps device of v4l2loopback 0.12 usable
 * after Scrim closes it (0.13 and later refuse it and need it not). Consumers may open and close the device at any time; {@link #consumers()} counts them
 * ({@link DeviceUsers}) from the first time it is asked or watched until {@link #dispose()}, across
 * reopening for a new format.
 */
final class LoopbackSink implements FrameSink {

    private final Path node;
    private final boolean i420;
    private I420Writer converter;
    private V4l2Device device;
    private VideoFormat format;
    /** Guards {@link #users}, apart from the frame lock so that counting never waits for a write. */
    private final Object usersLock = new Object();
    private DeviceUsers users;
    private volatile Runnable consumersChanged;
    private boolean disposed;

    /** @param i420 write planar 4:2:0 instead of YUYV (for consumers that want it; needs an even size) */
    LoopbackSink(Path node, boolean i420) {
        this.node = node;
        this.i420 = i420;
    }

    @Override
    public synchronized void open(VideoFormat format) throws IOException {
        close();
        DeviceInfo info = V4l2.query(node);
        if (!info.isLoopback()) {
            String what = info.isCamera() ? "a capture device (a camera, driver " + info.driver() + ")" : "not a v4l2loopback device (driver " + info.driver() + ")";
            throw new IOException(node + " is " + what + ": Scrim writes to a v4l2loopback device; see scrim doctor");
        }
        V4l2Device d = V4l2Device.open(node, false);
        try {
            if (i420 && format.height() % 2 != 0) {
                throw new IOException("I420 output needs an even height, not " + format.height() + ": choose another --size or YUYV output");
            }
            int fourcc = i420 ? V4l2.PIX_FMT_YUV420 : V4l2.PIX_FMT_YUYV;
            long bytes = i420 ? format.frameBytes() * 3 / 4 : format.frameBytes();
            int[] set;
            try {
                set = d.setFormat(V4l2.BUF_TYPE_VIDEO_OUTPUT, format.width(), format.height(), fourcc, i420 ? format.width() : format.width() * 2,
                        (int) bytes);
            } catch (V4l2Exception e) {
                if (e.invalid()) {
                    throw new IOException(node + " refused the output format (EINVAL): another program is writing to it, or it is"
                            + " being read with a different size; stop the other program, or choose another loopback device", e);
                }
                throw e;
            }
            if (set[0] != format.width() || set[1] != format.height() || set[2] != fourcc) {
                throw new IOException(node + " is fixed at " + set[0] + "x" + set[1] + " " + V4l2.fourccName(set[2])
                        + " by its current reader or writer; use --size " + set[0] + "x" + set[1] + " or another loopback device");
            }
            int[] rate = format.fpsFraction();
            try {
                d.setFrameRate(V4l2.BUF_TYPE_VIDEO_OUTPUT, rate[0], rate[1]);
            } catch (V4l2Exception e) {
                // old v4l2loopback versions lack S_PARM on output: consumers then assume 30 fps
            }
            try {
                d.streamOn(V4l2.BUF_TYPE_VIDEO_OUTPUT);
            } catch (V4l2Exception e) {
                // v4l2loopback 0.13 and later refuse STREAMON without requested buffers (EINVAL);
                // they need none for write(), nor to keep an exclusive_caps device listed
                if (!e.invalid()) {
                    throw e;
                }
            }
            DeviceUsers u = users();
            if (u != null) {
                u.writerOpened(d);
            }
            device = d;
            this.format = format;
            converter = i420 ? new I420Writer(format) : null;
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    @Override
    public synchronized void write(Frame frame) throws IOException {
        if (device == null) {
            throw new IOException(node + " is not open");
        }
        device.write(converter != null ? converter.convert(frame) : frame.buffer());
    }

    /**
     * Leaves a "paused" card as the device's last picture (consumers keep showing the last
     * frame), then closes.
     */
    @Override
    public synchronized void close() {
        if (device == null) {
            return;
        }
        try (FramePool pool = new FramePool(format, 1); Frame card = pool.acquire(1, TimeUnit.SECONDS)) {
            Cards.render(card, "Scrim is paused", "The picture comes back when Scrim runs again");
            device.write(converter != null ? converter.convert(card) : card.buffer());
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the device may be gone: nothing to show the card on
        }
        DeviceUsers u;
        synchronized (usersLock) {
            u = users;
        }
        if (u != null) {
            u.writerClosing(); // outside the lock: a listener may ask consumers() meanwhile
        }
        device.close();
        device = null;
        if (converter != null) {
            converter.close();
            converter = null;
        }
    }

    /** Apps reading the device now, other than Scrim; {@link FrameSink#ALWAYS} when they cannot be counted. */
    @Override
    public int consumers() {
        DeviceUsers u = users();
        int n = u != null ? u.count() : DeviceUsers.UNKNOWN;
        return n == DeviceUsers.UNKNOWN ? ALWAYS : n;
    }

    @Override
    public void watchConsumers(Runnable changed) {
        consumersChanged = changed;
        if (changed != null) {
            users();
        }
    }

    /** The counter, started when first needed; null once disposed. */
    private DeviceUsers users() {
        synchronized (usersLock) {
            if (users == null && !disposed) {
                users = new DeviceUsers(node, this::consumersChanged);
            }
            return users;
        }
    }

    private void consumersChanged() {
        Runnable r = consumersChanged;
        if (r != null) {
            r.run();
        }
    }

    /** The device is gone or the component ends: closes and stops counting. */
    void dispose() {
        close();
        DeviceUsers u;
        synchronized (usersLock) {
            disposed = true;
            u = users;
            users = null;
        }
        if (u != null) {
            u.close();
        }
    }
}
