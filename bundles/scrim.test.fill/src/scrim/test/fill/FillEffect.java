package scrim.test.fill;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import scrim.api.BackgroundEffect;
import scrim.api.Frame;
import scrim.pixels.Compositor;
import scrim.pixels.Yuyv;

/**
 * A test plugin, not part of the product: fills the background with pure magenta, a colour
 * the test pattern never contains, so a test can tell composited frames from passthrough
 * ones pixel by pixel. Used to prove that effects install into a running Scrim.
 */
@Component(property = {BackgroundEffect.NAME + "=testfill", BackgroundEffect.LABEL + "=Test fill (magenta)"})
public final class FillEffect implements BackgroundEffect {

    /** Magenta: blue 255, green 0, red 255. */
    private final Scalar magenta = Yuyv.pairOf(255, 0, 255);
    private final Mat background = new Mat();
    private final Compositor compositor = new Compositor();

    @Override
    public synchronized void apply(Frame camera, Mat mask, Frame canvas) {
        Mat pairs = canvas.pairs();
        background.create(pairs.rows(), pairs.cols(), pairs.type());
        background.put(magenta);
        Mat fill = background.reshape(2, canvas.mat().rows());
        compositor.compose(canvas.mat(), fill, mask, canvas.mat());
        fill.close();
    }

    @Deactivate
    synchronized void deactivate() {
        compositor.close();
        background.close();
        magenta.close();
    }
}
