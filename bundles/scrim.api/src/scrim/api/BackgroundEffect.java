package scrim.api;

import org.bytedeco.opencv.opencv_core.Mat;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Composes a new background under the person. Effects run in a chain, one frame at a time,
 * on the engine's compose thread; each sees the picture the previous one left in the canvas.
 * Configuration comes from ConfigAdmin (the component's Metatype definition).
 */
@ConsumerType
public interface BackgroundEffect {

    /** Service property: name used in configuration and on the command line. */
    String NAME = "effect.name";
    /** Service property: human-readable name. */
    String LABEL = "effect.label";

    /**
     * @param camera the camera frame, YUYV, read only
     * @param mask   person alpha, {@code CV_8UC1} at the frame's size, 255 = person, read only
     * @param canvas YUYV frame of the same size holding the picture so far; write the result here
     */
    void apply(Frame camera, Mat mask, Frame canvas) throws Exception;

    /**
     * What is wrong with the effect's settings right now, in plain words with what to do (for
     * example a background file that cannot be read), or null when all is well. The effect keeps
     * working with its last good settings meanwhile. The pipeline shows this in its status.
     */
    default String problem() {
        return null;
    }
}
