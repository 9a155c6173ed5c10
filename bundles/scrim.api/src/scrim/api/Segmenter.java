package scrim.api;

import org.bytedeco.opencv.opencv_core.Mat;
import org.osgi.annotation.versioning.ConsumerType;

/** Finds the person in a frame. One service per loaded model. */
@ConsumerType
public interface Segmenter {

    /** Service property: name used in configuration and on the command line. */
    String NAME = "segmenter.name";
    /** Service property: human-readable name. */
    String LABEL = "segmenter.label";
    /** Service properties (Integer): the model's input size. */
    String INPUT_WIDTH = "segmenter.input.width";
    String INPUT_HEIGHT = "segmenter.input.height";
    /**
     * Service property (Boolean, default true): false keeps the segmenter from being chosen
     * when no segmenter is named (test and special-purpose segmenters).
     */
    String AUTO = "segmenter.auto";

    /**
     * Writes the person probability for {@code frame} into {@code probability}, a
     * {@code CV_32FC1} matrix in [0,1] that the segmenter (re)creates at the size it works at
     * (usually its input size; the engine scales it to the frame). Called from one thread.
     */
    void segment(Frame frame, Mat probability) throws Exception;
}
