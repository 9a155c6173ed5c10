package scrim.source.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.opencv.opencv_core.Mat;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import scrim.api.CaptureStream;
import scrim.api.Frame;
import scrim.api.FrameSource;
import scrim.api.VideoFormat;
import scrim.pixels.FramePool;
import scrim.pixels.Fit;
import scrim.pixels.Yuyv;

/**
 * A still PNG or JPEG repeated as a video: one service per factory configuration. The picture
 * is decoded (no larger than needed) and converted once per opened size; each frame is a copy.
 */
@Component(configurationPid = ImageSource.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {FrameSource.KIND + "=image", FrameSource.LIVE + ":Boolean=false"})
@Designate(ocd = FileInputConfig.class, factory = true)
public final class ImageSource implements FrameSource {

    static final String PID = "scrim.source.image";

    private Path file;

    @Activate
    void activate(FileInputConfig config) {
        file = Path.of(config.file());
    }

    /** The picture's own size (width rounded down to even, scaled down if beyond the largest frame), from its header. */
    @Override
    public List<VideoFormat> formats() throws IOException {
        return List.of(PictureFile.naturalFormat(file));
    }

    @Override
    public CaptureStream open(VideoFormat requested) throws IOException {
        VideoFormat format = VideoFormat.yuyv(requested.width(), requested.height(), requested.fps());
        FramePool still = new FramePool(format, 1);
        try (Mat picture = PictureFile.read(file, format.width(), format.height()); Mat fitted = new Mat(); Yuyv yuyv = new Yuyv(); Fit fit = new Fit()) {
            fit.cover(picture, format.width(), format.height(), fitted);
            Frame converted = still.acquire(0, TimeUnit.SECONDS);
            yuyv.fromBgr(fitted, converted);
            return new CaptureStream() {
                private long sequence;

                @Override
                public VideoFormat format() {
                    return format;
                }

                @Override
                public boolean read(Frame into) {
                    converted.mat().copyTo(into.mat());
                    into.stamp(sequence++, System.nanoTime());
                    return true;
                }

                @Override
                public void close() {
                    converted.close();
                    still.close();
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            still.close();
            throw new IOException("interrupted while opening " + file);
        } catch (IOException | RuntimeException e) {
            still.close();
            throw e;
        }
    }
}
