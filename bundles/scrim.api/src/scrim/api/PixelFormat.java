package scrim.api;

/** Pixel layouts that cross bundle boundaries. Inside the pipeline frames are YUYV. */
public enum PixelFormat {
    /** Packed 4:2:2, Y0 U Y1 V; what most webcams and v4l2loopback consumers speak. */
    YUYV("YUYV"),
    /** Motion-JPEG, as cameras deliver it at high resolutions; variable size per frame. */
    MJPEG("MJPG"),
    /** Planar 4:2:0 (Y plane, then quarter-size U and V planes). */
    I420("YU12"),
    /** Packed 8-bit blue, green, red. */
    BGR24("BGR3"),
    /** One 8-bit channel. */
    GRAY8("GREY");

    private final String fourcc;

    PixelFormat(String fourcc) {
        this.fourcc = fourcc;
    }

    /** The V4L2 four-character code. */
    public String fourcc() {
        return fourcc;
    }

    /** Bytes of one frame of this layout, or -1 where the size varies (MJPEG). */
    public long frameBytes(int width, int height) {
        long pixels = (long) width * height;
        switch (this) {
            case YUYV: return pixels * 2;
            case I420: return pixels * 3 / 2;
            case BGR24: return pixels * 3;
            case GRAY8: return pixels;
            default: return -1;
        }
    }
}
