package scrim.effect.dim.internal;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
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

/**
 * Darkens and greys the background so the person stands out, like a spotlight. Works on the
 * picture so far, so it also tones down a picture or video background placed before it. One
 * table lookup per byte: luma and chroma are scaled around their neutral values in YUYV.
 */
@Component(name = DimEffect.PID, service = BackgroundEffect.class, property = {BackgroundEffect.NAME + "=dim", BackgroundEffect.LABEL + "=Dim and desaturate"})
@Designate(ocd = DimEffect.Config.class)
public final class DimEffect extends Backdrop {

    static final String PID = "scrim.effect.dim";

    @ObjectClassDefinition(name = "Dim and desaturate", description = "Darkens and greys the background so the person stands out")
    @interface Config {
        @AttributeDefinition(name = "Brightness", description = "1 keeps the background's brightness, 0 makes it black", min = "0", max = "1")
        double brightness() default 0.6;

        @AttributeDefinition(name = "Colour", description = "1 keeps the background's colour, 0 makes it grey", min = "0", max = "1")
        double saturation() default 0.3;
    }

    /** YUYV black and grey: luma 16, chroma 128. */
    private static final int BLACK = 16;
    private static final int NEUTRAL = 128;

    private final BytePointer table = new BytePointer(256 * 4);
    private final Mat lookup = new Mat(1, 256, opencv_core.CV_8UC4, table);
    private final Mat background = new Mat();

    @Activate
    @Modified
    synchronized void configure(Config config) {
        double brightness = Math.max(0, Math.min(1, config.brightness()));
        double chroma = brightness * Math.max(0, Math.min(1, config.saturation()));
        for (int v = 0; v < 256; v++) {
            int luma = (int) Math.round(BLACK + (v - BLACK) * brightness);
            int colour = (int) Math.round(NEUTRAL + (v - NEUTRAL) * chroma);
            // pair channels: Y0 U Y1 V
            table.put(v * 4L, (byte) Math.max(0, luma));
            table.put(v * 4L + 1, (byte) colour);
            table.put(v * 4L + 2, (byte) Math.max(0, luma));
            table.put(v * 4L + 3, (byte) colour);
        }
    }

    @Override
    protected Mat paint(Frame camera, Mat mask, Frame canvas) {
        opencv_core.LUT(canvas.pairs(), lookup, background);
        return background;
    }

    @Deactivate
    @Override
    protected synchronized void close() {
        super.close();
        background.close();
        lookup.close();
        table.close();
    }
}
