package scrim.test.fill;

import org.bytedeco.opencv.opencv_core.Mat;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import scrim.api.BackgroundEffect;
import scrim.api.Frame;
import scrim.api.Rgb;
import scrim.pixels.Backdrop;
import scrim.pixels.Yuyv;

/**
 * A test plugin, not part of the product: fills the background with pure magenta, a colour
 * the test pattern never contains, so a test can tell composited frames from passthrough
 * ones pixel by pixel. Used to prove that effects install into a running Scrim.
 */
@Component(service = BackgroundEffect.class, property = {BackgroundEffect.NAME + "=testfill", BackgroundEffect.LABEL + "=Test fill (magenta)"})
public final class FillEffect extends Backdrop {

    private final Mat background = new Mat();

    @Override
    protected Mat paint(Frame camera, Mat mask, Frame canvas) {
        Mat pairs = canvas.pairs();
        if (background.rows() != pairs.rows() || background.cols() != pairs.cols()) {
            Yuyv.fill(background, pairs.rows(), pairs.cols(), Rgb.NAMES.get("magenta"));
        }
        return background;
    }

    @Deactivate
    @Override
    protected synchronized void close() {
        super.close();
        background.close();
    }
}
