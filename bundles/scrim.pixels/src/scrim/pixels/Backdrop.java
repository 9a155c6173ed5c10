package scrim.pixels;

import org.bytedeco.opencv.opencv_core.Mat;

import scrim.api.BackgroundEffect;
import scrim.api.Frame;

/**
 * An effect that paints a new background and puts the person over it, following the mask's
 * soft edge. Subclasses only paint; configuration changes synchronize on the effect, as
 * {@link #apply} does, so a frame never sees half a change.
 */
public abstract class Backdrop implements BackgroundEffect {

    /** Paintings kept in view at once: enough for a video's rotating pictures and a fallback. */
    private static final int PAINTINGS = 8;

    private final Compositor compositor = new Compositor();
    /** The painted pairs seen as YUYV pixels. */
    private final Views pixels = new Views(2, PAINTINGS);

    @Override
    public final synchronized void apply(Frame camera, Mat mask, Frame canvas) throws Exception {
        compositor.compose(canvas.mat(), pixels.of(paint(camera, mask, canvas)), mask, canvas.mat());
    }

    /**
     * Paints the background for this frame.
     *
     * @return YUYV pairs ({@code CV_8UC4}, like {@link Frame#pairs()}) of the canvas's size, owned by the subclass; a
     *         matrix returned again must still have its buffer (see {@link Views}), another buffer needs another matrix
     */
    protected abstract Mat paint(Frame camera, Mat mask, Frame canvas) throws Exception;

    /** Frees the native scratch; subclasses free theirs and call this. */
    protected synchronized void close() {
        compositor.close();
        pixels.close();
    }
}
