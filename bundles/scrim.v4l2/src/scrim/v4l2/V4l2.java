package scrim.v4l2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;

/**
 * Video4Linux2 constants, struct layouts (x86-64) and device discovery. The ioctl numbers
 * are _IOC(direction, 'V', number, size) of linux/videodev2.h.
 */
public final class V4l2 {

    public static final int CAP_VIDEO_CAPTURE = 0x1;
    public static final int CAP_VIDEO_OUTPUT = 0x2;
    public static final int CAP_DEVICE_CAPS = 0x80000000;

    public static final int BUF_TYPE_VIDEO_CAPTURE = 1;
    public static final int BUF_TYPE_VIDEO_OUTPUT = 2;
    public static final int MEMORY_MMAP = 1;
    public static final int BUF_FLAG_ERROR = 0x40;
    public static final int FIELD_NONE = 1;
    public static final int COLORSPACE_SRGB = 8;
    public static final int FRMSIZE_TYPE_DISCRETE = 1;
    public static final int FRMIVAL_TYPE_DISCRETE = 1;

    public static final int PIX_FMT_YUYV = fourcc("YUYV");
    public static final int PIX_FMT_MJPEG = fourcc("MJPG");
    public static final int PIX_FMT_YUV420 = fourcc("YU12");

    static final long VIDIOC_QUERYCAP = 0x80685600L;
    static final long VIDIOC_ENUM_FMT = 0xc0405602L;
    static final long VIDIOC_G_FMT = 0xc0d05604L;
    static final long VIDIOC_S_FMT = 0xc0d05605L;
    static final long VIDIOC_REQBUFS = 0xc0145608L;
    static final long VIDIOC_QUERYBUF = 0xc0585609L;
    static final long VIDIOC_QBUF = 0xc058560fL;
    static final long VIDIOC_DQBUF = 0xc0585611L;
    static final long VIDIOC_STREAMON = 0x40045612L;
    static final long VIDIOC_STREAMOFF = 0x40045613L;
    static final long VIDIOC_G_PARM = 0xc0cc5615L;
    static final long VIDIOC_S_PARM = 0xc0cc5616L;
    static final long VIDIOC_ENUM_FRAMESIZES = 0xc02c564aL;
    static final long VIDIOC_ENUM_FRAMEINTERVALS = 0xc034564bL;

    static final int SIZEOF_CAPABILITY = 104;
    static final int SIZEOF_FORMAT = 208;
    static final int SIZEOF_FMTDESC = 64;
    static final int SIZEOF_FRMSIZEENUM = 44;
    static final int SIZEOF_FRMIVALENUM = 52;
    static final int SIZEOF_STREAMPARM = 204;
    static final int SIZEOF_REQUESTBUFFERS = 20;
    static final int SIZEOF_BUFFER = 88;

    private V4l2() {
    }

    public static int fourcc(String code) {
        byte[] b = code.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    public static String fourccName(int code) {
        return new String(new byte[] {(byte) code, (byte) (code >> 8), (byte) (code >> 16), (byte) (code >> 24)}, StandardCharsets.US_ASCII);
    }

    /** The video device nodes present now, sorted by number. */
    public static List<Path> nodes() {
        return nodes(Path.of("/dev"));
    }

    /** The video device nodes in a folder, sorted by number. */
    static List<Path> nodes(Path dir) {
        List<Path> nodes = new ArrayList<>();
        try (DirectoryStream<Path> dev = Files.newDirectoryStream(dir, "video*")) {
            dev.forEach(nodes::add);
        } catch (IOException e) {
            return nodes;
        }
        nodes.sort((a, b) -> Integer.compare(number(a), number(b)));
        return nodes;
    }

    private static int number(Path node) {
        try {
            return Integer.parseInt(node.getFileName().toString().substring(5));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Asks a node what it is; throws with the reason (no permission, gone, busy) if it cannot be opened. */
    public static DeviceInfo query(Path node) throws V4l2Exception {
        try (V4l2Device d = V4l2Device.open(node)) {
            return d.info();
        }
    }

    static String cString(Memory m, long offset, int length) {
        byte[] b = m.getByteArray(offset, length);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
