package scrim.effect.image.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import scrim.api.BackgroundEffect;
import scrim.api.Frame;
import scrim.api.Rgb;
import scrim.pixels.Backdrop;
import scrim.pixels.Fit;
import scrim.pixels.MediaFiles;
import scrim.pixels.Yuyv;

/**
 * A picture behind the person. The file is decoded when the setting changes (not on the frame
 * thread) and scaled and converted to YUYV once per frame size; every frame then only blends.
 * A file that cannot be read leaves the previous picture in place and says why.
 */
@Component(name = ImageEffect.PID, service = BackgroundEffect.class, property = {BackgroundEffect.NAME + "=image", BackgroundEffect.LABEL + "=Picture"})
@Designate(ocd = ImageEffect.Config.class)
public final class ImageEffect extends Backdrop {

    static final String PID = "scrim.effect.image";

    @ObjectClassDefinition(name = "Picture", description = "A PNG or JPEG picture behind the person")
    @interface Config {
        @AttributeDefinition(name = "Picture file", description = "A PNG or JPEG of any size")
        String file() default "";

        @AttributeDefinition(name = "Fit", description = "How a picture of another shape fills the frame", options = {
            @Option(value = "cover", label = "Cover (crop to fill)"),
            @Option(value = "contain", label = "Contain (whole picture, with bars)"),
            @Option(value = "stretch", label = "Stretch")})
        String fit() default "cover";

        @AttributeDefinition(name = "Bar colour", description = "Around a contained picture, and shown while there is no picture")
        String color() default "black";
    }

    private final Fit fit = new Fit();
    private final Yuyv yuyv = new Yuyv();
    private final Mat fitted = new Mat();
    private final Mat background = new Mat();
    private Mat picture;
    private String file = "";
    private Fit.Mode mode = Fit.Mode.COVER;
    private Rgb bars = new Rgb(0, 0, 0);
    private boolean stale = true;
    private String problem;

    @Activate
    @Modified
    void configure(Config config) {
        String wanted = config.file().trim();
        Mat decoded = null;
        String error = null;
        if (wanted.isEmpty()) {
            error = "no picture chosen: set the image effect's file to a PNG or JPEG";
        } else if (!wanted.equals(file) || picture == null) {
            try {
                decoded = MediaFiles.readPicture(Path.of(wanted));
            } catch (IOException e) {
                error = e.getMessage() + (picture != null ? "; keeping the previous picture" : "");
            }
        }
        synchronized (this) {
            try {
                mode = Fit.Mode.of(config.fit());
                bars = Rgb.parse(config.color());
            } catch (IllegalArgumentException e) {
                error = error == null ? e.getMessage() : error;
            }
            if (decoded != null) {
                if (picture != null) {
                    picture.close();
                }
                picture = decoded;
                file = wanted;
            }
            problem = error;
            stale = true;
        }
    }

    @Override
    protected Mat paint(Frame camera, Mat mask, Frame canvas) {
        Mat pairs = canvas.pairs();
        if (stale || background.rows() != pairs.rows() || background.cols() != pairs.cols()) {
            int width = canvas.format().width();
            int height = canvas.format().height();
            if (picture == null) {
                Yuyv.fill(background, pairs.rows(), pairs.cols(), bars);
            } else {
                try (Scalar bgr = new Scalar(bars.blue(), bars.green(), bars.red(), 0)) {
                    fit.fit(picture, width, height, mode, bgr, fitted);
                }
                yuyv.fromBgr(fitted, background);
            }
            stale = false;
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
        fit.close();
        yuyv.close();
        fitted.close();
        background.close();
        if (picture != null) {
            picture.close();
        }
    }
}
