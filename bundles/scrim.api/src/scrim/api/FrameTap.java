package scrim.api;

import org.bytedeco.opencv.opencv_core.Mat;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Watches the pipeline, for a preview. Register one as a service; the engine asks it once per
 * frame, on the compose thread, whether it wants this frame, and if so hands it the frame's
 * pictures to copy. Keep both calls short: they delay the frame.
 * <p>
 * A registered tap is someone watching: while one is registered the pipeline stays live even
 * when no app reads its outputs (setting {@code ondemand}). Register it only while its picture
 * can be seen (a preview in a visible window), and unregister it when it cannot (minimised,
 * hidden in the tray).
 */
@ConsumerType
public interface FrameTap {

    /** Whether to be offered the frame now (for example: the last one has been shown). */
    boolean wants();

    /**
     * @param camera the camera frame, YUYV, read only, valid during the call
     * @param mask   person alpha ({@code CV_8UC1}, 255 = person), or null while there is no model
     * @param output the frame as sent to the outputs, YUYV, read only, valid during the call
     */
    void offer(Frame camera, Mat mask, Frame output);
}
