package scrim.effect.blur.internal;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import scrim.api.BackgroundEffect;
import scrim.api.Frame;
import scrim.pixels.Backdrop;
import scrim.pixels.BackgroundSampler;

/**
 * Blurs the background behind a sharp person. The blur runs at a quarter of the frame's size
 * (a strong blur has no detail to lose there, and it costs a sixteenth) and only averages
 * background pixels, so the person never smears into the background as a halo.
 */
@Component(name = BlurEffect.PID, service = BackgroundEffect.class, property = {BackgroundEffect.NAME + "=blur", BackgroundEffect.LABEL + "=Blur"})
@Designate(ocd = BlurEffect.Config.class)
public final class BlurEffect extends Backdrop {

    static final String PID = "scrim.effect.blur";
    /** Work at this fraction of the frame's size. */
    private static final int SHRINK = 4;

    @ObjectClassDefinition(name = "Blur", description = "Blurs the background and leaves the person sharp")
    @interface Config {
        @AttributeDefinition(name = "Strength", description = "0 is a light soften, 0.5 a video-call blur, 1 makes the room unrecognisable",
                min = "0", max = "1")
        double strength() default 0.5;
    }

    private final BackgroundSampler sampler = new BackgroundSampler();
    private final Mat background = new Mat();
    private double sigma;

    @Activate
    @Modified
    synchronized void configure(Config config) {
        sigma = sigmaOf(config.strength());
    }

    /** Blur radius at the small size: 1 to 10 small rows, so about 4 to 40 frame pixels. */
    static double sigmaOf(double strength) {
        return 1 + 9 * Math.max(0, Math.min(1, strength));
    }

    @Override
    protected Mat paint(Frame camera, Mat mask, Frame canvas) {
        Mat pairs = canvas.pairs();
        sampler.background(canvas.mat(), mask, Math.max(1, pairs.cols() / SHRINK), Math.max(1, pairs.rows() / SHRINK), sigma,
                opencv_imgproc.INTER_LINEAR, background);
        return background;
    }

    @Deactivate
    @Override
    protected synchronized void close() {
        super.close();
        sampler.close();
        background.close();
    }
}
