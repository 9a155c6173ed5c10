package scrim.example.vignette;

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
 * Darkens the background towards the corners of the frame, like an old lens; the person stays
 * as the camera saw them. An example of a Scrim effect built outside Scrim (see
 * docs/writing-an-effect.md in Scrim's repository).
 *
 * <p>Darkening a YUYV picture means moving luma towards black (16) and chroma towards grey
 * (128) by the same factor, so each byte becomes {@code in * gain / 255 + offset}. Gain and
 * offset depend only on the pixel's place, the frame size and the strength: they are worked
 * out once and each frame is then two OpenCV operations.
 */
@Component(name = VignetteEffect.PID, service = BackgroundEffect.class,
        property = {BackgroundEffect.NAME + "=vignette", BackgroundEffect.LABEL + "=Vignette"})
@Designate(ocd = VignetteEffect.Config.class)
public final class VignetteEffect extends Backdrop {

    /** Configuration PID and component name: what ConfigAdmin and the Settings service know the effect by. */
    static final String PID = "scrim.example.vignette";

    @ObjectClassDefinition(name = "Vignette", description = "Darkens the background towards the corners of the frame")
    @interface Config {
        // min and max go into the Metatype XML; Scrim refuses values outside them and says so
        @AttributeDefinition(name = "Strength", description = "0 leaves the background as it is, 1 makes the corners black",
                min = "0", max = "1")
        double strength() default 0.6;
    }

    private static final int BLACK = 16;
    private static final int GREY = 128;

    /** Per pixel (CV_8UC2, Y and chroma), for one frame size and strength; rebuilt only when either changes. */
    private final Mat gain = new Mat();
    private final Mat offset = new Mat();
    /** The same two seen as YUYV pairs (CV_8UC4), the layout of {@link Frame#pairs()}. */
    private Mat gainPairs = new Mat();
    private Mat offsetPairs = new Mat();
    /** The painted background, reused frame after frame. */
    private final Mat background = new Mat();
    private double strength;

    /** Called by DS with the new settings, on a thread of its own: synchronized like {@code apply}. */
    @Activate
    @Modified
    synchronized void configure(Config config) {
        // ConfigAdmin itself does not check ranges; the Settings service does, but be safe
        strength = Math.max(0, Math.min(1, config.strength()));
        gainPairs.release(); // rebuilt by the next frame, on the compose thread
    }

    /** Runs inside {@code apply}, which holds this effect's lock. */
    @Override
    protected Mat paint(Frame camera, Mat mask, Frame canvas) {
        Mat pairs = canvas.pairs();
        if (gainPairs.rows() != pairs.rows() || gainPairs.cols() != pairs.cols()) {
            buildWeights(pairs.cols() * 2, pairs.rows());
        }
        // the picture so far (canvas, not camera), so the vignette also darkens an earlier effect's background
        opencv_core.multiply(pairs, gainPairs, background, 1 / 255.0, -1);
        opencv_core.add(background, offsetPairs, background);
        return background;
    }

    /** A plain loop is fine here: it runs once per frame size or setting, never per frame. */
    private void buildWeights(int width, int height) {
        byte[] g = new byte[width * height * 2];
        byte[] o = new byte[width * height * 2];
        for (int y = 0; y < height; y++) {
            double dy = (y + 0.5) / height * 2 - 1;
            for (int x = 0; x < width; x++) {
                double dx = (x + 0.5) / width * 2 - 1;
                // 0 in the middle, 1 in the corners: an ellipse following the frame's shape
                double r2 = (dx * dx + dy * dy) / 2;
                double keep = 1 - strength * r2;
                int i = (y * width + x) * 2;
                g[i] = (byte) Math.round(255 * keep);
                g[i + 1] = g[i];
                o[i] = (byte) Math.round(BLACK * (1 - keep));
                o[i + 1] = (byte) Math.round(GREY * (1 - keep));
            }
        }
        gain.create(height, width, opencv_core.CV_8UC2);
        offset.create(height, width, opencv_core.CV_8UC2);
        gain.data().put(g);
        offset.data().put(o);
        // a pair is two pixels side by side, so the same bytes read as half as many 4-channel pixels
        gainPairs.close();
        offsetPairs.close();
        gainPairs = gain.reshape(4, height);
        offsetPairs = offset.reshape(4, height);
    }

    @Deactivate
    @Override
    protected synchronized void close() {
        super.close();
        background.close();
        gainPairs.close();
        offsetPairs.close();
        gain.close();
        offset.close();
    }
}
