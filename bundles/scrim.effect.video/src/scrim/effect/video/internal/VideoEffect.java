package scrim.effect.video.internal;

import java.io.IOException;

import org.bytedeco.opencv.opencv_core.Mat;
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
import scrim.pixels.Yuyv;

/**
 * A video behind the person, looping. A decoder thread reads, scales and converts frames ahead
 * of need; each output frame takes the video frame due at its time, so the video plays at its
 * own speed whatever the output rate, and a slow decoder repeats a frame rather than stalling
 * the call. A file that cannot be opened leaves the previous video playing and says why.
 */
@Component(name = VideoEffect.PID, service = BackgroundEffect.class, property = {BackgroundEffect.NAME + "=video", BackgroundEffect.LABEL + "=Video"})
@Designate(ocd = VideoEffect.Config.class)
public final class VideoEffect extends Backdrop {

    static final String PID = "scrim.effect.video";

    @ObjectClassDefinition(name = "Video", description = "A looping video behind the person")
    @interface Config {
        @AttributeDefinition(name = "Video file", description = "Motion-JPEG AVI (convert others with ffmpeg -i IN -c:v mjpeg -q:v 3 -an OUT.avi)")
        String file() default "";

        @AttributeDefinition(name = "Fit", description = "How a video of another shape fills the frame", options = {
            @Option(value = "cover", label = "Cover (crop to fill)"),
            @Option(value = "contain", label = "Contain (whole video, with black bars)"),
            @Option(value = "stretch", label = "Stretch")})
        String fit() default "cover";
    }

    private final Mat black = new Mat();
    private VideoDecoder decoder;
    private VideoDecoder.Picture shown;
    private String file = "";
    private String problem;
    private long outputFrames;

    @Activate
    @Modified
    void configure(Config config) {
        String wanted = config.file().trim();
        Fit.Mode mode;
        try {
            mode = Fit.Mode.of(config.fit());
        } catch (IllegalArgumentException e) {
            setProblem(e.getMessage());
            return;
        }
        if (wanted.isEmpty()) {
            setProblem("no video chosen: set the video effect's file to a Motion-JPEG AVI file");
            return;
        }
        if (wanted.equals(file) && decoder != null && decoder.mode() == mode) {
            return;
        }
        VideoDecoder started;
        try {
            started = VideoDecoder.start(wanted, mode);
        } catch (IOException e) {
            setProblem(e.getMessage() + (decoder != null ? "; keeping the previous video" : ""));
            return;
        }
        VideoDecoder old;
        synchronized (this) {
            old = decoder;
            decoder = started;
            file = wanted;
            problem = null;
            outputFrames = 0;
            if (shown != null) {
                shown.release();
                shown = null;
            }
        }
        if (old != null) {
            old.stop();
        }
    }

    private synchronized void setProblem(String message) {
        problem = message;
    }

    @Override
    protected Mat paint(Frame camera, Mat mask, Frame canvas) {
        Mat pairs = canvas.pairs();
        if (decoder != null) {
            decoder.size(canvas.format().width(), canvas.format().height());
            problem = decoder.problem() != null ? decoder.problem() : problem;
            // the video frame due now: output frames so far, in video frames
            long due = (long) (outputFrames++ * decoder.fps() / canvas.format().fps());
            VideoDecoder.Picture next;
            while ((next = decoder.next(due, pairs.cols(), pairs.rows())) != null) {
                if (shown != null) {
                    shown.release();
                }
                shown = next;
            }
            if (shown != null && shown.pairs().rows() == pairs.rows() && shown.pairs().cols() == pairs.cols()) {
                return shown.pairs();
            }
        }
        // nothing decoded yet at this size
        if (black.rows() != pairs.rows() || black.cols() != pairs.cols()) {
            Yuyv.fill(black, pairs.rows(), pairs.cols(), Rgb.NAMES.get("black"));
        }
        return black;
    }

    @Override
    public synchronized String problem() {
        return problem;
    }

    @Deactivate
    @Override
    protected void close() {
        VideoDecoder old;
        synchronized (this) {
            old = decoder;
            decoder = null;
            if (shown != null) {
                shown.release();
                shown = null;
            }
            super.close();
            black.close();
        }
        if (old != null) {
            old.stop();
        }
    }
}
