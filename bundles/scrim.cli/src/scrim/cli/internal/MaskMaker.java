package scrim.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

import scrim.api.Frame;
import scrim.api.Segmenter;
import scrim.api.VideoFormat;
import scrim.pixels.CropPass;
import scrim.pixels.FramePool;
import scrim.pixels.MaskUpscaler;
import scrim.pixels.TemporalSmoother;
import scrim.pixels.Yuyv;

/**
 * Makes the pipeline's mask for pictures outside the pipeline: the same YUYV frame, models,
 * crop pass, smoothing and upscaling the engine uses, with the default settings. A picture of
 * its own gets the whole-frame pass that finds the person and the crop pass; a stream (flicker)
 * is tracked as the engine tracks it. For the segment and
 * eval commands.
 */
final class MaskMaker implements AutoCloseable {

    private final Segmenter segmenter;
    private final Segmenter cropSegmenter;
    private final Yuyv yuyv = new Yuyv();
    private final TemporalSmoother smoother = new TemporalSmoother();
    private final MaskUpscaler upscaler = new MaskUpscaler();
    private final CropPass crop = new CropPass();
    private final Mat probability = new Mat();
    private final Mat even = new Mat();
    private final Mat alpha = new Mat();
    private FramePool pool;
    private long sequence;
    long nanos;
    long count;

    /** @param cropSegmenter the model of the crop pass ({@code refine.crop.model}: by default another than the whole frame's) */
    MaskMaker(Segmenter segmenter, Segmenter cropSegmenter) {
        this.segmenter = segmenter;
        this.cropSegmenter = cropSegmenter;
    }

    static Mat read(Path picture) throws IOException {
        Mat bgr = opencv_imgcodecs.imread(picture.toString(), opencv_imgcodecs.IMREAD_COLOR);
        if (bgr == null || bgr.empty()) {
            throw new IOException("picture " + picture + " cannot be read: it is missing, not a PNG or JPEG, or damaged");
        }
        return bgr;
    }

    /**
     * The alpha mask (CV_8UC1, the picture's size, 255 = person) for a BGR picture.
     *
     * @param smoothing temporal smoothing strength; 0 treats the picture as unrelated to the last
     */
    Mat mask(Mat bgr, double smoothing) throws Exception {
        int w = bgr.cols();
        int h = bgr.rows();
        // YUYV needs an even width: repeat the last column, and cut it off the mask again
        int ew = w + (w & 1);
        opencv_core.copyMakeBorder(bgr, even, 0, 0, 0, ew - w, opencv_core.BORDER_REPLICATE, Scalar.ZERO);
        VideoFormat format = VideoFormat.yuyv(ew, Math.max(2, h), 30);
        if (pool == null || !pool.format().equals(format)) {
            if (pool != null) {
                pool.close();
            }
            pool = new FramePool(format, 1);
        }
        try (Frame frame = pool.acquire(1, TimeUnit.SECONDS)) {
            yuyv.fromBgr(even, frame);
            frame.stamp(sequence++, System.nanoTime());
            long t0 = System.nanoTime();
            if (smoothing <= 0) {
                crop.tracker().reset(); // a picture of its own: look at it whole, then at the crop around the person
            }
            crop.segment(segmenter, cropSegmenter, frame, probability);
            smoother.smooth(probability, smoothing);
            upscaler.upscale(probability, frame, alpha, MaskUpscaler.DEFAULT_GUIDED, MaskUpscaler.DEFAULT_RADIUS, MaskUpscaler.DEFAULT_EPS,
                    MaskUpscaler.DEFAULT_THRESHOLD, MaskUpscaler.DEFAULT_FEATHER);
            nanos += System.nanoTime() - t0;
            count++;
        }
        if (ew == w) {
            return alpha;
        }
        try (Rect r = new Rect(0, 0, w, h)) {
            return alpha.apply(r);
        }
    }

    @Override
    public void close() {
        yuyv.close();
        smoother.close();
        upscaler.close();
        crop.close();
        probability.close();
        even.close();
        alpha.close();
        if (pool != null) {
            pool.close();
        }
    }
}
