package scrim.effect.color.internal;

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
import scrim.api.Rgb;
import scrim.pixels.Backdrop;
import scrim.pixels.Yuyv;

/** A plain colour behind the person; pure green or blue makes a key for OBS's chroma key filter. */
@Component(name = ColorEffect.PID, service = BackgroundEffect.class, property = {BackgroundEffect.NAME + "=color", BackgroundEffect.LABEL + "=Colour"})
@Designate(ocd = ColorEffect.Config.class)
public final class ColorEffect extends Backdrop {

    static final String PID = "scrim.effect.color";

    @ObjectClassDefinition(name = "Colour", description = "A plain colour behind the person")
    @interface Config {
        @AttributeDefinition(name = "Colour", description = "#rrggbb or a name; green (#00ff00) is the key colour OBS expects")
        String color() default "green";
    }

    private final Mat background = new Mat();
    private Rgb colour = Rgb.NAMES.get("green");
    private String problem;
    private boolean painted;

    @Activate
    @Modified
    synchronized void configure(Config config) {
        try {
            colour = Rgb.parse(config.color());
            painted = false;
            problem = null;
        } catch (IllegalArgumentException e) {
            problem = e.getMessage() + "; keeping the previous colour";
        }
    }

    @Override
    protected Mat paint(Frame camera, Mat mask, Frame canvas) {
        Mat pairs = canvas.pairs();
        if (!painted || background.rows() != pairs.rows() || background.cols() != pairs.cols()) {
            Yuyv.fill(background, pairs.rows(), pairs.cols(), colour);
            painted = true;
        }
        return background;
    }

    @Override
    public synchronized String problem() {
        return problem;
    }

    @Deactivate
    @Override
    protected synchronized void close() {
        super.close();
        background.close();
    }
}
