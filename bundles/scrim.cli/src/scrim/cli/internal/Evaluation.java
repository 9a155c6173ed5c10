package scrim.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_videoio;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

import scrim.api.Segmenter;
import scrim.pixels.TemporalSmoother;

/** The segment and eval commands: masks for pictures, their quality, and flicker. */
final class Evaluation {

    private final PrintStream out;
    private final Segmenter segmenter;
    private final Segmenter cropSegmenter;

    /** @param cropSegmenter the model of the crop pass (see {@link MaskMaker}) */
    Evaluation(PrintStream out, Segmenter segmenter, Segmenter cropSegmenter) {
        this.out = out;
        this.segmenter = segmenter;
        this.cropSegmenter = cropSegmenter;
    }

    private MaskMaker maskMaker() {
        return new MaskMaker(segmenter, cropSegmenter);
    }

    /** Writes DIR/BASE.png, the mask of each picture. */
    void segment(List<String> pictures, Path dir) throws Exception {
        if (pictures.isEmpty()) {
            throw new IllegalArgumentException("no pictures given: scrim segment PICTURE... --out DIR");
        }
        Files.createDirectories(dir);
        try (MaskMaker maker = maskMaker()) {
            for (String name : pictures) {
                Path picture = Path.of(name);
                try (Mat bgr = MaskMaker.read(picture)) {
                    Path target = dir.resolve(base(picture) + ".png");
                    if (!opencv_imgcodecs.imwrite(target.toString(), maker.mask(bgr, 0))) {
                        throw new IOException("cannot write " + target);
                    }
                    out.println(target);
                }
            }
        }
    }

    /**
     * Mean and 10th-percentile IoU and Boundary IoU of the masks against the true masks of the
     * same base name.
     */
    void images(String model, Path images, Path masks) throws Exception {
        List<Path> pictures;
        try (Stream<Path> files = Files.list(images)) {
            pictures = files.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().toList();
        }
        List<Double> ious = new ArrayList<>();
        List<Double> boundaryIous = new ArrayList<>();
        try (MaskMaker maker = maskMaker(); Mat truth = new Mat(); Mat mine = new Mat(); Mat both = new Mat();
             Mat either = new Mat(); Size size = new Size(); BoundaryIou boundary = new BoundaryIou()) {
            for (Path picture : pictures) {
                Path truthFile = findMask(masks, base(picture));
                if (truthFile == null) {
                    continue;
                }
                try (Mat bgr = MaskMaker.read(picture); Mat t = opencv_imgcodecs.imread(truthFile.toString(), opencv_imgcodecs.IMREAD_GRAYSCALE)) {
                    if (t.empty()) {
                        throw new IOException("mask " + truthFile + " cannot be read");
                    }
                    Mat alpha = maker.mask(bgr, 0);
                    size.width(bgr.cols()).height(bgr.rows());
                    opencv_imgproc.resize(t, truth, size, 0, 0, opencv_imgproc.INTER_LINEAR);
                    opencv_imgproc.threshold(truth, truth, 127, 255, opencv_imgproc.THRESH_BINARY);
                    opencv_imgproc.threshold(alpha, mine, 127, 255, opencv_imgproc.THRESH_BINARY);
                    opencv_core.bitwise_and(truth, mine, both);
                    opencv_core.bitwise_or(truth, mine, either);
                    int union = opencv_core.countNonZero(either);
                    double iou = union == 0 ? 1 : (double) opencv_core.countNonZero(both) / union;
                    double boundaryIou = boundary.of(truth, mine);
                    ious.add(iou);
                    boundaryIous.add(boundaryIou);
                    out.printf(Locale.ROOT, "  %-12s IoU %.4f  Boundary IoU %.4f%n", picture.getFileName(), iou, boundaryIou);
                }
            }
            if (ious.isEmpty()) {
                throw new IllegalArgumentException("no picture in " + images + " has a mask of the same base name in " + masks);
            }
            double mean = mean(ious);
            double p10 = p10(ious);
            double boundaryMean = mean(boundaryIous);
            double boundaryP10 = p10(boundaryIous);
            double ms = maker.nanos / 1e6 / maker.count;
            out.printf(Locale.ROOT, "model %s: mean IoU %.4f, 10th percentile %.4f; Boundary IoU %.4f, 10th percentile %.4f;"
                    + " over %d pictures, %.2f ms per picture%n", model, mean, p10, boundaryMean, boundaryP10, ious.size(), ms);
            out.println(new JsonWriter().string("model", model).number("mean_iou", mean, 4).number("p10_iou", p10, 4)
                    .number("boundary_iou", boundaryMean, 4).number("p10_boundary_iou", boundaryP10, 4)
                    .number("images", ious.size()).number("ms_per_image", ms, 3));
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** The 10th percentile: the value below which a tenth of the pictures lie (the lower one, no interpolation). */
    private static double p10(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.floor(0.1 * (sorted.size() - 1)));
    }

    /** Mean change of the mask between consecutive frames, with and without smoothing. */
    void flicker(String model, Path video, int frames, double noise) throws Exception {
        double smoothed = flicker(video, frames, noise, TemporalSmoother.DEFAULT_STRENGTH);
        double raw = flicker(video, frames, noise, 0);
        out.printf(Locale.ROOT, "model %s: flicker %.5f with smoothing %.2f, %.5f without (%.1fx less)%n", model, smoothed,
                TemporalSmoother.DEFAULT_STRENGTH, raw, smoothed == 0 ? 0 : raw / smoothed);
        out.println(new JsonWriter().string("model", model).number("flicker", smoothed, 5).number("flicker_unsmoothed", raw, 5)
                .number("smoothing", TemporalSmoother.DEFAULT_STRENGTH, 2).number("frames", frames));
    }

    private double flicker(Path video, int frames, double noise, double smoothing) throws Exception {
        boolean picture = video.toString().matches("(?i).*\\.(jpe?g|png)$");
        double total = 0;
        int pairs = 0;
        try (MaskMaker maker = maskMaker(); Mat previous = new Mat(); Mat change = new Mat(); Mat noisy = new Mat();
             Mat grain = new Mat(); Mat still = picture ? MaskMaker.read(video) : new Mat();
             VideoCapture capture = picture ? null : open(video); Mat decoded = new Mat();
             Mat zero = new Mat(1, 1, opencv_core.CV_64F, Scalar.all(0)); Mat sigma = new Mat(1, 1, opencv_core.CV_64F, Scalar.all(noise));
             Mat everywhere = new Mat()) {
            // the same noise sequence every run, so runs can be compared
            opencv_core.setRNGSeed(7);
            for (int i = 0; i < frames; i++) {
                Mat bgr;
                if (picture) {
                    // camera-like noise: independent per pixel and frame, zero mean
                    grain.create(still.rows(), still.cols(), opencv_core.CV_16SC3);
                    opencv_core.randn(grain, zero, sigma);
                    opencv_core.add(still, grain, noisy, everywhere, opencv_core.CV_8U);
                    bgr = noisy;
                } else {
                    if (!capture.read(decoded) || decoded.empty()) {
                        break;
                    }
                    bgr = decoded;
                }
                Mat alpha = maker.mask(bgr, smoothing);
                if (!previous.empty()) {
                    opencv_core.absdiff(alpha, previous, change);
                    total += opencv_core.mean(change).get(0) / 255;
                    pairs++;
                }
                alpha.copyTo(previous);
            }
        }
        if (pairs == 0) {
            throw new IllegalArgumentException("video " + video + " has fewer than two frames");
        }
        return total / pairs;
    }

    private static VideoCapture open(Path video) throws IOException {
        if (!Files.isRegularFile(video)) {
            throw new IllegalArgumentException("video " + video + " does not exist: check the path");
        }
        VideoCapture c = new VideoCapture(video.toString(), opencv_videoio.CAP_ANY);
        if (!c.isOpened()) {
            c.close();
            throw new IOException("cannot decode video " + video + ": Scrim's OpenCV reads Motion-JPEG AVI files; convert it with: ffmpeg -i '"
                    + video + "' -c:v mjpeg -q:v 3 -an converted.avi");
        }
        return c;
    }

    private static Path findMask(Path dir, String base) {
        for (String ext : new String[] {".png", ".jpg", ".jpeg", ".PNG"}) {
            Path p = dir.resolve(base + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String base(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
