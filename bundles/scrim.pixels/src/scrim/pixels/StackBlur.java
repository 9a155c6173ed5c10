package scrim.pixels;

import org.bytedeco.opencv.opencv_core.Size;

/**
 * Kernel sizes for OpenCV's stack blur, a near-Gaussian whose cost does not grow with its
 * radius (a Gaussian of sigma 10 costs several times more). The stack kernel is a triangle
 * of half-width r, whose sigma is r / sqrt(6).
 */
public final class StackBlur {

    private StackBlur() {
    }

    /** Sets the kernel for a blur like a Gaussian of {@code sigma} pixels. */
    public static void pixels(double sigma, Size kernel) {
        int r = radius(sigma);
        kernel.width(2 * r + 1).height(2 * r + 1);
    }

    /** The same on YUYV pairs, which are two pixels wide: half as many columns across. */
    public static void pairs(double sigma, Size kernel) {
        kernel.width(2 * radius(sigma / 2) + 1).height(2 * radius(sigma) + 1);
    }

    private static int radius(double sigma) {
        return Math.max(1, (int) Math.round(sigma * Math.sqrt(6)));
    }
}
