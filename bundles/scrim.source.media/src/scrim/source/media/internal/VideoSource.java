package scrim.source.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.global.opencv_videoio;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import scrim.api.CaptureStream;
import scrim.api.Frame;
import scrim.api.FrameSource;
import scrim.api.VideoFormat;
import scrim.pixels.Fit;
import scrim.pixels.MediaFiles;
import scrim.pixels.Yuyv;

/**
 * A video file played once, frame by frame (paced by the engine at the output rate). The
 * OpenCV bundled with Scrim reads Motion-JPEG in AVI and numbered image sequences; it has no
 * FFmpeg, so other codecs are refused with the conversion command.
 */
@Component(configurationPid = VideoSource.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {FrameSource.KIND + "=video", FrameSource.LIVE + ":Boolean=false"})
@Designate(ocd = FileInputConfig.class, factory = true)
public final class VideoSource implements FrameSource {

    static final String PID = "scrim.source.video";

    private String file;

    @Activate
    void activate(FileInputConfig config) {
        file = config.file();
    }

    /** The video's own size (width rounded down to even) and frame rate. */
    @Override
    public List<VideoFormat> formats() throws IOException {
        try (VideoCapture capture = openCapture()) {
            int w = (int) capture.get(opencv_videoio.CAP_PROP_FRAME_WIDTH);
            int h = (int) capture.get(opencv_videoio.CAP_PROP_FRAME_HEIGHT);
            double fps = capture.get(opencv_videoio.CAP_PROP_FPS);
            return List.of(VideoFormat.yuyv(Math.max(2, w & ~1), Math.max(2, h), fps > 0 && fps <= VideoFormat.MAX_FPS ? fps : 30));
        }
    }

    /** Opens the file; a damaged AVI is called damaged, not an unknown format. */
    private VideoCapture openCapture() throws IOException {
        try {
            return MediaFiles.openVideo(file);
        } catch (IOException e) {
            String damage = file.contains("%") ? null : AviFile.damage(Path.of(file));
            if (damage == null) {
                throw e;
            }
            throw new IOException("video " + file + " is damaged: " + damage + "; ffmpeg can save the frames that are there: ffmpeg -i '"
                    + file + "' -c:v mjpeg -q:v 3 -an repaired.avi", e);
        }
    }

    @Override
    public CaptureStream open(VideoFormat requested) throws IOException {
        VideoCapture capture = openCapture();
        VideoFormat format = VideoFormat.yuyv(requested.width(), requested.height(), requested.fps());
        return new CaptureStream() {
            private final Mat decoded = new Mat();
            private final Mat fitted = new Mat();
            private final Yuyv yuyv = new Yuyv();
            private final Fit fit = new Fit();
            private long sequence;

            @Override
            public VideoFormat format() {
                return format;
            }

            @Override
            public boolean read(Frame into) {
                if (!capture.read(decoded) || decoded.empty()) {
                    return false;
                }
                if (decoded.cols() == format.width() && decoded.rows() == format.height()) {
                    yuyv.fromBgr(decoded, into);
                } else {
                    fit.cover(decoded, format.width(), format.height(), fitted);
                    yuyv.fromBgr(fitted, into);
                }
                into.stamp(sequence++, System.nanoTime());
                return true;
            }

            @Override
            public void close() {
                capture.release();
                capture.close();
                decoded.close();
                fitted.close();
                yuyv.close();
                fit.close();
            }
        };
    }
}
