package scrim.effect.lightwrap.internal;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import scrim.api.BackgroundEffect;
import scrim.api.Frame;
import scrim.pixels.BackgroundSampler;
import scrim.pixels.Compositor;
import scrim.pixels.Shrinker;
import scrim.pixels.StackBlur;
import scrim.pixels.Views;

/**
 * Lets the new background's light spill softly over the person's edge, as it would if they
 * really stood in front of it; without it a replaced background looks pasted on. Put it after
 * the background effect. The light is the background averaged around each edge pixel (person
 * left out), blended in where the person is near the background, fading inwards.
 */
@Component(name = LightwrapEffect.PID, service = BackgroundEffect.class, property = {BackgroundEffect.NAME + "=lightwrap", BackgroundEffect.LABEL + "=Light wrap"})
@Designate(ocd = LightwrapEffect.Config.class)
public final class LightwrapEffect implements BackgroundEffect {

    static final String PID = "scrim.effect.lightwrap";
    /** Work at this fraction of the frame's size: the light is soft anyway. */
    private static final int SHRINK = 4;

    @ObjectClassDefinition(name = "Light wrap", description = "The background's light spilling softly over the person's edge")
    @interface Config {
        @AttributeDefinition(name = "Strength", description = "How much light reaches the edge", min = "0", max = "1")
        double strength() default 0.5;

        @AttributeDefinition(name = "Width", description = "How far the light reaches into the person, in pixels", min = "4", max = "64")
        int width() default 16;
    }

    private final BackgroundSampler sampler = new BackgroundSampler();
    private final Compositor compositor = new Compositor();
    private final Mat smallLight = new Mat();
    private final Mat light = new Mat();
    private final Views lightPixels = new Views(2, 1);
    private final Mat smallMask = new Mat();
    private final Mat reach = new Mat();
    private final Mat wrap = new Mat();
    private final Shrinker shrinker = new Shrinker();
    private final Size kernel = new Size();
    private final Size pairSize = new Size();
    private final Size pixelSize = new Size();
    private double strength;
    private double sigma;

    @Activate
    @Modified
    synchronized void configure(Config config) {
        strength = Math.max(0, Math.min(1, config.strength()));
        sigma = Math.max(4, Math.min(64, config.width())) / (double) SHRINK / 2;
        StackBlur.pixels(sigma, kernel);
    }

    @Override
    public synchronized void apply(Frame camera, Mat mask, Frame canvas) {
        Mat pairs = canvas.pairs();
        int cols = Math.max(1, pairs.cols() / SHRINK);
        int rows = Math.max(1, pairs.rows() / SHRINK);
        // the background's light around each point, at the small size, then back to full size
        sampler.sample(canvas.mat(), mask, cols, rows, sigma, smallLight);
        pairSize.width(pairs.cols()).height(pairs.rows());
        opencv_imgproc.resize(smallLight, light, pairSize, 0, 0, opencv_imgproc.INTER_LINEAR);
        // how near each pixel is to the background (blurred inverse mask), kept to the person
        shrinker.shrink(mask, cols * 2, rows, smallMask);
        opencv_core.bitwise_not(smallMask, smallMask);
        opencv_imgproc.stackBlur(smallMask, smallMask, kernel);
        pixelSize.width(mask.cols()).height(mask.rows());
        opencv_imgproc.resize(smallMask, reach, pixelSize, 0, 0, opencv_imgproc.INTER_LINEAR);
        opencv_core.multiply(reach, mask, wrap, strength / 255.0, -1);
        compositor.compose(lightPixels.of(light), canvas.mat(), wrap, canvas.mat());
    }

    @Deactivate
    synchronized void close() {
        sampler.close();
        compositor.close();
        smallLight.close();
        light.close();
        lightPixels.close();
        smallMask.close();
        reach.close();
        wrap.close();
        shrinker.close();
        kernel.close();
        pairSize.close();
        pixelSize.close();
    }
}
