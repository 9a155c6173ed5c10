package scrim.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Size, pixel layout and frame rate of a video stream. Immutable.
 *
 * @param width  pixels per row, at least 2 and even (4:2:2 and 4:2:0 pair pixels)
 * @param height rows, at least 2
 * @param pixelFormat layout of one frame
 * @param fps frames per second, more than 0
 */
public record VideoFormat(int width, int height, PixelFormat pixelFormat, double fps) {

    /** Largest side accepted; beyond this a setting is a typo, not a camera. */
    public static final int MAX_SIDE = 8192;
    public static final double MAX_FPS = 240;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})[xX](\\d{1,5})");

    public VideoFormat {
        if (pixelFormat == null) {
            throw new IllegalArgumentException("pixel format missing");
        }
        checkSize(width, height);
        if (!(fps > 0 && fps <= MAX_FPS)) {
            throw new IllegalArgumentException("frame rate " + fps + " is out of range: use a value above 0 and at most " + (int) MAX_FPS);
        }
    }

    private static void checkSize(int width, int height) {
        if (width < 2 || height < 2 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("size " + width + "x" + height + " is out of range: width and height must be 2 to " + MAX_SIDE);
        }
        if (width % 2 != 0) {
            throw new IllegalArgumentException("width " + width + " is odd: YUYV pairs pixels, use an even width such as " + (width + 1));
        }
    }

    /** A YUYV format, the pipeline's working layout. */
    public static VideoFormat yuyv(int width, int height, double fps) {
        return new VideoFormat(width, height, PixelFormat.YUYV, fps);
    }

    /**
     * Parses {@code WIDTHxHEIGHT}, for example {@code 1280x720}.
     *
     * @return {width, height}
     * @throws IllegalArgumentException naming the expected form
     */
    public static int[] parseSize(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("size '" + text + "' is not WIDTHxHEIGHT: use for example 1280x720");
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        checkSize(w, h);
        return new int[] {w, h};
    }

    /** Parses a frame rate such as {@code 30}, {@code 29.97} or {@code 30000/1001}. */
    public static double parseFps(String text) {
        String t = text == null ? "" : text.trim();
        double fps;
        try {
            int slash = t.indexOf('/');
            fps = slash < 0 ? Double.parseDouble(t)
                    : Double.parseDouble(t.substring(0, slash)) / Double.parseDouble(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("frame rate '" + text + "' is not a number: use for example 30 or 30000/1001");
        }
        if (!(fps > 0 && fps <= MAX_FPS)) {
            throw new IllegalArgumentException("frame rate '" + text + "' is out of range: use a value above 0 and at most " + (int) MAX_FPS);
        }
        return fps;
    }

    /** Bytes of one frame, or -1 for compressed layouts. */
    public long frameBytes() {
        return pixelFormat.frameBytes(width, height);
    }

    /** Nanoseconds between two frames. */
    public long frameIntervalNanos() {
        return Math.round(1_000_000_000.0 / fps);
    }

    /** The same size and rate in another layout. */
    public VideoFormat withPixelFormat(PixelFormat format) {
        return new VideoFormat(width, height, format, fps);
    }

    /** The frame rate as a fraction {numerator, denominator}: 30 is 30/1, 29.97 is 30000/1001. */
    public int[] fpsFraction() {
        long rounded = Math.round(fps);
        if (Math.abs(fps - rounded) < 1e-6) {
            return new int[] {(int) rounded, 1};
        }
        double ntsc = fps * 1001 / 1000;
        if (Math.abs(ntsc - Math.round(ntsc)) < 1e-3) {
            return new int[] {(int) Math.round(ntsc) * 1000, 1001};
        }
        return new int[] {(int) Math.round(fps * 1000), 1000};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%dx%d %s @%s fps", width, height, pixelFormat,
                fps == Math.rint(fps) ? String.valueOf((long) fps) : String.format(Locale.ROOT, "%.3f", fps));
    }
}
