package scrim.ui.internal;

import java.util.function.Consumer;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;

import scrim.api.Frame;
import scrim.api.FrameTap;

/**
 * Feeds the preview without slowing the pipeline: the engine offers a frame only when the last
 * one has been shown and a screen refresh has passed; the offer is one bulk copy, and the
 * conversion to RGB at the canvas's size happens on this class's own thread, so the UI thread
 * only turns finished pixels into an image.
 */
final class Preview implements FrameTap, AutoCloseable {

    /** What the preview shows. */
    enum View { CAMERA, MASK, OUTPUT }

    private static final long REFRESH_NANOS = 1_000_000_000L / 30;
    private static final PaletteData RGB = new PaletteData(0xff0000, 0xff00, 0xff);

    private final Consumer<ImageData> show;
    private final LatestFrameWorker worker;
    private final Mat copy = new Mat();
    private final Mat rgb = new Mat();
    private final Mat fitted = new Mat();
    private final Size size = new Size();
    private ImageData pixels;
    private volatile View view = View.OUTPUT;
    private volatile int width;
    private volatile int height;
    /** From an offer until the UI has taken the pixels. */
    private volatile boolean busy;
    private long lastOffer;

    /** @param show receives converted pixels on the preview thread; must hand them to the UI and call {@link #shown()} */
    Preview(Consumer<ImageData> show) {
        this.show = show;
        worker = new LatestFrameWorker("scrim-preview",
                () -> opencv_imgproc.cvtColor(copy, rgb, copy.channels() == 1 ? opencv_imgproc.COLOR_GRAY2RGB : opencv_imgproc.COLOR_YUV2RGB_YUYV),
                () -> show.accept(fit(rgb)));
    }

    void view(View v) {
        view = v;
    }

    /** The canvas size: frames are scaled to fit it, never larger. */
    void area(int w, int h) {
        width = w;
        height = h;
    }

    /** The UI has turned the last pixels into an image: the next frame may come. */
    void shown() {
        busy = false;
    }

    @Override
    public boolean wants() {
        return !busy && !worker.closed() && width > 8 && height > 8 && System.nanoTime() - lastOffer >= REFRESH_NANOS;
    }

    @Override
    public void offer(Frame camera, Mat mask, Frame output) {
        View v = view;
        if (v == View.MASK && mask == null) {
            return; // no model yet: keep showing the last picture
        }
        lastOffer = System.nanoTime();
        worker.offer(() -> {
            (v == View.CAMERA ? camera.mat() : v == View.MASK ? mask : output.mat()).copyTo(copy);
            busy = true;
        });
    }

    /**
     * Where a {@code width} x {@code height} picture goes in an area: as large as fits, the same
     * shape, centred; it fills the area's width or its height (or both).
     */
    static Rectangle fit(int width, int height, int areaWidth, int areaHeight) {
        double scale = Math.min((double) areaWidth / width, (double) areaHeight / height);
        int w = Math.max(1, Math.min(areaWidth, (int) Math.round(width * scale)));
        int h = Math.max(1, Math.min(areaHeight, (int) Math.round(height * scale)));
        return new Rectangle((areaWidth - w) / 2, (areaHeight - h) / 2, w, h);
    }

    /** Scales to fit the canvas, keeping the shape; reuses the pixel array while the size stays. */
    private ImageData fit(Mat picture) {
        Rectangle to = fit(picture.cols(), picture.rows(), width, height);
        int w = to.width;
        int h = to.height;
        size.width(w).height(h);
        opencv_imgproc.resize(picture, fitted, size, 0, 0, w < picture.cols() ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_LINEAR);
        if (pixels == null || pixels.width != w || pixels.height != h) {
            pixels = new ImageData(w, h, 24, RGB, 1, new byte[w * h * 3]);
        }
        fitted.data().get(pixels.data, 0, w * h * 3);
        return pixels;
    }

    @Override
    public void close() {
        worker.close();
        copy.close();
        rgb.close();
        fitted.close();
        size.close();
    }
}
