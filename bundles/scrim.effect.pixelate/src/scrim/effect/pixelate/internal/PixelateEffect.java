package scrim.effect.pixelate.internal;

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
 * Turns the background into large square blocks: the room's layout and light stay, nothing in
 * it can be read. Blocks average background pixels only, so the person does not bleed into them.
 */
@Component(name = PixelateEffect.PID, service = BackgroundEffect.class, property = {BackgroundEffect.NAME + "=pixelate", BackgroundEffect.LABEL + "=Pixelate"})
@Designate(ocd = PixelateEffect.Config.class)
public final class PixelateEffect extends Backdrop {

    static final String PID = "scrim.effect.pixelate";
    /** A slight blur across blocks, so a block hidden behind the person borrows its neighbours' colour. */
    private static final double NEIGHBOURS = 0.6;

    @ObjectClassDefinition(name = "Pixelate", description = "Background in large blocks, for privacy")
    @interface Config {
        @AttributeDefinition(name = "Block size", description = "Width of a block in pixels", min = "4", max = "160")
        int size() default 32;
    }

    private final BackgroundSampler sampler = new BackgroundSampler();
    private final Mat background = new Mat();
    private int block;

    @Activate
    @Modified
    synchronized void configure(Config config) {
        block = Math.max(4, Math.min(160, config.size()));
    }

    @Override
    protected Mat paint(Frame camera, Mat mask, Frame canvas) {
        Mat pairs = canvas.pairs();
        int cols = Math.max(1, Math.round(pairs.cols() * 2f / block));
        int rows = Math.max(1, Math.round(pairs.rows() / (float) block));
        sampler.background(canvas.mat(), mask, cols, rows, NEIGHBOURS, opencv_imgproc.INTER_NEAREST, background);
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
