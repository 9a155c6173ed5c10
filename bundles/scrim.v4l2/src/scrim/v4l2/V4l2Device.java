package scrim.v4l2;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * One open video device node. Struct memory for the calls made per frame (dequeue, queue,
 * poll, write) is allocated once. Not thread-safe: one thread uses a device.
 */
public final class V4l2Device implements AutoCloseable {

    private final Path node;
    private final int fd;
    private final Memory buffer = new Memory(V4l2.SIZEOF_BUFFER);
    private final Memory pollFd = new Memory(8);
    private Pointer[] mapped = new Pointer[0];
    private long[] mappedLength = new long[0];
    private ByteBuffer[] mappedBytes = new ByteBuffer[0];
    private int lastBytesUsed;
    private int lastFlags;
    private int streamingType;

    private V4l2Device(Path node, int fd) {
        this.node = node;
        this.fd = fd;
    }

    /** Opens a node for reading and writing, non-blocking (frames are awaited with poll). */
    public static V4l2Device open(Path node) throws V4l2Exception {
        return open(node, true);
    }

    /** Opens a node; an output written with write() is best opened blocking. */
    public static V4l2Device open(Path node, boolean nonBlocking) throws V4l2Exception {
        try {
            return new V4l2Device(node, Libc.C.open(node.toString(), Libc.O_RDWR | (nonBlocking ? Libc.O_NONBLOCK : 0)));
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            String why;
            switch (errno) {
                case Libc.ENOENT:
                    why = node + " does not exist: check the device with v4l2-ctl --list-devices";
                    break;
                case Libc.EACCES:
                    why = "permission denied on " + node + ": add yourself to the video group (sudo usermod -aG video $USER, then log in again)";
                    break;
                case Libc.EBUSY:
                    why = node + " is busy: another program is using it; close it and try again";
                    break;
                default:
                    why = "cannot open " + node + ": " + Libc.C.strerror(errno);
            }
            throw new V4l2Exception(why, errno);
        }
    }

    public Path node() {
        return node;
    }

    /** The descriptor, for the usage events read on another thread ({@link UsageEvents}). */
    int fd() {
        return fd;
    }

    private void ioctl(long request, Pointer argument, String what) throws V4l2Exception {
        while (true) {
            try {
                FrameCalls.ioctl(fd, request, argument);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Libc.EINTR) {
                    throw new V4l2Exception(what + " on " + node + " failed: " + Libc.C.strerror(e.getErrorCode()), e.getErrorCode());
                }
            }
        }
    }

    /** VIDIOC_QUERYCAP. */
    public DeviceInfo info() throws V4l2Exception {
        try (Memory cap = new Memory(V4l2.SIZEOF_CAPABILITY)) {
            cap.clear();
            ioctl(V4l2.VIDIOC_QUERYCAP, cap, "VIDIOC_QUERYCAP");
            int caps = cap.getInt(84);
            int deviceCaps = cap.getInt(88);
            return new DeviceInfo(node.toString(), V4l2.cString(cap, 0, 16), V4l2.cString(cap, 16, 32),
                    (caps & V4l2.CAP_DEVICE_CAPS) != 0 ? deviceCaps : caps);
        }
    }

    /** Pixel formats (fourcc codes) the node offers for a buffer type. */
    public List<Integer> pixelFormats(int type) {
        List<Integer> formats = new ArrayList<>();
        try (Memory d = new Memory(V4l2.SIZEOF_FMTDESC)) {
            for (int i = 0; i < 64; i++) {
                d.clear();
                d.setInt(0, i);
                d.setInt(4, type);
                try {
                    ioctl(V4l2.VIDIOC_ENUM_FMT, d, "VIDIOC_ENUM_FMT");
                } catch (V4l2Exception e) {
                    break;
                }
                formats.add(d.getInt(44));
            }
        }
        return formats;
    }

    /** Discrete frame sizes {width, height} of a pixel format; for stepwise sizes the largest. */
    public List<int[]> frameSizes(int fourcc) {
        List<int[]> sizes = new ArrayList<>();
        try (Memory s = new Memory(V4l2.SIZEOF_FRMSIZEENUM)) {
            for (int i = 0; i < 256; i++) {
                s.clear();
                s.setInt(0, i);
                s.setInt(4, fourcc);
                try {
                    ioctl(V4l2.VIDIOC_ENUM_FRAMESIZES, s, "VIDIOC_ENUM_FRAMESIZES");
                } catch (V4l2Exception e) {
                    break;
                }
                if (s.getInt(8) == V4l2.FRMSIZE_TYPE_DISCRETE) {
                    sizes.add(new int[] {s.getInt(12), s.getInt(16)});
                } else {
                    sizes.add(new int[] {s.getInt(16), s.getInt(28)});
                    break;
                }
            }
        }
        return sizes;
    }

    /** Frame rates offered for a format and size (discrete intervals; the fastest for ranges). */
    public List<Double> frameRates(int fourcc, int width, int height) {
        List<Double> rates = new ArrayList<>();
        try (Memory v = new Memory(V4l2.SIZEOF_FRMIVALENUM)) {
            for (int i = 0; i < 64; i++) {
                v.clear();
                v.setInt(0, i);
                v.setInt(4, fourcc);
                v.setInt(8, width);
                v.setInt(12, height);
                try {
                    ioctl(V4l2.VIDIOC_ENUM_FRAMEINTERVALS, v, "VIDIOC_ENUM_FRAMEINTERVALS");
                } catch (V4l2Exception e) {
                    break;
                }
                int num = v.getInt(20);
                int den = v.getInt(24);
                if (num > 0) {
                    rates.add((double) den / num);
                }
                if (v.getInt(16) != V4l2.FRMIVAL_TYPE_DISCRETE) {
                    break;
                }
            }
        }
        return rates;
    }

    /**
     * VIDIOC_S_FMT for a single-planar buffer type.
     *
     * @return what the driver chose: {width, height, fourcc, bytesPerLine, sizeImage}
     */
    public int[] setFormat(int type, int width, int height, int fourcc, int bytesPerLine, int sizeImage) throws V4l2Exception {
        try (Memory f = new Memory(V4l2.SIZEOF_FORMAT)) {
            f.clear();
            f.setInt(0, type);
            f.setInt(8, width);
            f.setInt(12, height);
            f.setInt(16, fourcc);
            f.setInt(20, V4l2.FIELD_NONE);
            f.setInt(24, bytesPerLine);
            f.setInt(28, sizeImage);
            f.setInt(32, V4l2.COLORSPACE_SRGB);
            ioctl(V4l2.VIDIOC_S_FMT, f, "VIDIOC_S_FMT");
            return new int[] {f.getInt(8), f.getInt(12), f.getInt(16), f.getInt(24), f.getInt(28)};
        }
    }

    /** Sets the frame rate (VIDIOC_S_PARM: time per frame = den/num seconds); returns the rate the driver took. */
    public double setFrameRate(int type, int numerator, int denominator) throws V4l2Exception {
        try (Memory p = new Memory(V4l2.SIZEOF_STREAMPARM)) {
            p.clear();
            p.setInt(0, type);
            p.setInt(12, denominator); // timeperframe.numerator
            p.setInt(16, numerator);   // timeperframe.denominator
            ioctl(V4l2.VIDIOC_S_PARM, p, "VIDIOC_S_PARM");
            int tpfNum = p.getInt(12);
            int tpfDen = p.getInt(16);
            return tpfNum == 0 ? 0 : (double) tpfDen / tpfNum;
        }
    }

    /**
     * Starts memory-mapped streaming with {@code count} buffers, all queued (capture).
     *
     * @return how many buffers the driver granted: it may give more or fewer than asked
     */
    public int startCapture(int count) throws V4l2Exception {
        try (Memory r = new Memory(V4l2.SIZEOF_REQUESTBUFFERS)) {
            r.clear();
            r.setInt(0, count);
            r.setInt(4, V4l2.BUF_TYPE_VIDEO_CAPTURE);
            r.setInt(8, V4l2.MEMORY_MMAP);
            ioctl(V4l2.VIDIOC_REQBUFS, r, "VIDIOC_REQBUFS");
            int granted = r.getInt(0);
            mapped = new Pointer[granted];
            mappedLength = new long[granted];
            mappedBytes = new ByteBuffer[granted];
        }
        for (int i = 0; i < mapped.length; i++) {
            prepareBuffer(i, V4l2.BUF_TYPE_VIDEO_CAPTURE);
            ioctl(V4l2.VIDIOC_QUERYBUF, buffer, "VIDIOC_QUERYBUF");
            long length = Integer.toUnsignedLong(buffer.getInt(72));
            long offset = Integer.toUnsignedLong(buffer.getInt(64));
            try {
                mapped[i] = Libc.C.mmap(null, new NativeLong(length), Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, new NativeLong(offset));
            } catch (LastErrorException e) {
                throw new V4l2Exception("mmap on " + node + " failed: " + Libc.C.strerror(e.getErrorCode()), e.getErrorCode());
            }
            mappedLength[i] = length;
            mappedBytes[i] = mapped[i].getByteBuffer(0, length);
            requeue(i);
        }
        streamOn(V4l2.BUF_TYPE_VIDEO_CAPTURE);
        return mapped.length;
    }

    private void prepareBuffer(int index, int type) {
        buffer.clear();
        buffer.setInt(0, index);
        buffer.setInt(4, type);
        buffer.setInt(60, V4l2.MEMORY_MMAP);
    }

    /**
     * Waits up to {@code timeoutMillis} for a filled capture buffer.
     *
     * @return the buffer index (its bytes: {@link #bytes(int)}), or -1 on timeout
     */
    public int dequeue(int timeoutMillis) throws V4l2Exception {
        pollFd.setInt(0, fd);
        pollFd.setShort(4, (short) Libc.POLLIN);
        pollFd.setShort(6, (short) 0);
        try {
            if (FrameCalls.poll(pollFd, 1, timeoutMillis) == 0) {
                return -1;
            }
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.EINTR) {
                return -1;
            }
            throw new V4l2Exception("poll on " + node + " failed: " + Libc.C.strerror(e.getErrorCode()), e.getErrorCode());
        }
        if ((pollFd.getShort(6) & (0x8 | 0x10 | 0x20)) != 0 && (pollFd.getShort(6) & Libc.POLLIN) == 0) {
            throw new V4l2Exception(node + " is gone", Libc.ENODEV); // POLLERR, POLLHUP or POLLNVAL
        }
        prepareBuffer(0, V4l2.BUF_TYPE_VIDEO_CAPTURE);
        try {
            FrameCalls.ioctl(fd, V4l2.VIDIOC_DQBUF, buffer);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.EAGAIN || e.getErrorCode() == Libc.EINTR) {
                return -1;
            }
            throw new V4l2Exception("VIDIOC_DQBUF on " + node + " failed: " + Libc.C.strerror(e.getErrorCode()), e.getErrorCode());
        }
        lastBytesUsed = buffer.getInt(8);
        lastFlags = buffer.getInt(12);
        return buffer.getInt(0);
    }

    /** How many bytes the driver filled in the buffer dequeued last (v4l2_buffer.bytesused). */
    public int bytesUsed() {
        return lastBytesUsed;
    }

    /** Whether the driver flagged the buffer dequeued last as damaged (V4L2_BUF_FLAG_ERROR). */
    public boolean damaged() {
        return (lastFlags & V4l2.BUF_FLAG_ERROR) != 0;
    }

    /** The mapped memory of a capture buffer: the same buffer object every time (no allocation per frame), position 0, limit its length. */
    public ByteBuffer bytes(int index) {
        return mappedBytes[index].clear();
    }

    /** Gives a dequeued buffer back to the driver. */
    public void requeue(int index) throws V4l2Exception {
        prepareBuffer(index, V4l2.BUF_TYPE_VIDEO_CAPTURE);
        ioctl(V4l2.VIDIOC_QBUF, buffer, "VIDIOC_QBUF");
    }

    public void streamOn(int type) throws V4l2Exception {
        try (Memory t = new Memory(4)) {
            t.setInt(0, type);
            ioctl(V4l2.VIDIOC_STREAMON, t, "VIDIOC_STREAMON");
        }
        streamingType = type;
    }

    /** Writes one frame (a direct buffer, from its position to its limit) to an output device. */
    public void write(ByteBuffer data) throws V4l2Exception {
        while (data.hasRemaining()) {
            try {
                // a whole frame goes through the direct mapping (no allocation), which passes the
                // buffer's start; the rest of a rare partial write through the interface mapping,
                // which passes the address of the buffer's position
                long n = data.position() == 0 ? FrameCalls.write(fd, data, data.remaining()) : Libc.C.write(fd, data, data.remaining());
                data.position(data.position() + (int) n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Libc.EINTR) {
                    continue;
                }
                throw new V4l2Exception("writing to " + node + " failed: " + Libc.C.strerror(e.getErrorCode()), e.getErrorCode());
            }
        }
    }

    @Override
    public void close() {
        if (streamingType != 0) {
            try (Memory t = new Memory(4)) {
                t.setInt(0, streamingType);
                FrameCalls.ioctl(fd, V4l2.VIDIOC_STREAMOFF, t);
            } catch (LastErrorException e) {
                // the device may be gone already
            }
        }
        for (int i = 0; i < mapped.length; i++) {
            if (mapped[i] != null) {
                try {
                    Libc.C.munmap(mapped[i], new NativeLong(mappedLength[i]));
                } catch (LastErrorException e) {
                    // nothing left to release
                }
            }
        }
        try {
            Libc.C.close(fd);
        } catch (LastErrorException e) {
            // closing is best effort
        }
        buffer.close();
        pollFd.close();
    }
}
