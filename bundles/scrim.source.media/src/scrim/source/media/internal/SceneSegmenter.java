package scrim.source.media.internal;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.osgi.service.component.annotations.Component;

import scrim.api.Frame;
import scrim.api.Segmenter;

/**
 * The exact person mask of the test pattern, drawn from the frame number: a segmenter whose
 * answer is known, for tests of effects and of the pipeline. Never picked automatically, and
 * meaningless for any other input (or a mirrored pattern).
 */
@Component(property = {Segmenter.NAME + "=scene", Segmenter.LABEL + "=Exact mask of the test pattern",
        Segmenter.AUTO + ":Boolean=false", "segmenter.crop:Boolean=false"})
public final class SceneSegmenter implements Segmenter {

    private final Scalar person = new Scalar(1.0);
    private final Point centre = new Point();
    private final Size axes = new Size();

    @Override
    public void segment(Frame frame, Mat probability) {
        probability.create(frame.format().height(), frame.format().width(), opencv_core.CV_32FC1);
        probability.put(Scalar.ZERO);
        synchronized (this) {
            Scene.drawPerson(probability, frame.sequence(), person, centre, axes);
        }
    }
}
