package scrim.pixels;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import scrim.api.Frame;
import scrim.api.Segmenter;
import scrim.api.VideoFormat;

/**
 * Runs a model on the crop around the person rather than on the whole frame: the model's
 * small input then holds more of the person (hair, hands, a shoulder the whole frame blurred
 * away). {@link CropTracker} says where the crop is and when the whole frame must be looked
 * at; this class does the pixel work: the crop is sampled straight from the YUYV frame into a
 * small YUYV picture (one affine warp, no full-size conversion), given to the model as a
 * frame, and its answer is warped back to the frame's place. The crop may go to another model
 * than the whole frame (see {@link #DEFAULT_MODEL}). Answers are at a third of the frame's size
 * (see {@link #DIVISOR}). Scratch is kept: nothing is allocated per frame at a steady size.
 * One instance per stream and thread.
 */
public final class CropPass implements AutoCloseable {

    /**
     * The model that looks at the crop by default, whichever looks at the whole frame: the
     * general model (256x256) holds a person's tall crop at more detail than the landscape one
     * (256x144), while the whole frame, wide, stays with the landscape model. Measured on the
     * test portraits (mean IoU / Boundary IoU): landscape on both 0.863/0.647; landscape on the
     * frame, general on the crop 0.876/0.671; general on both 0.868/0.665; general on the crop
     * without its mirrored run 0.865/0.657. It costs about 1.7 ms more CPU per 720p frame than the
     * landscape model on the crop (scrim bench, the test pattern).
     */
    public static final String DEFAULT_MODEL = "general";

    /** The crop is sampled at twice the landscape model's input: the model shrinks it by exact halves. */
    static final int SAMPLE_WIDTH = 512;
    static final int SAMPLE_HEIGHT = 288;
    /** A pixel this likely to be the person counts when the person's box is found. */
    static final double LEVEL = 0.5;
    /** A crop this close to the whole frame (in area) adds nothing after a whole-frame pass. */
    private static final double WHOLE_AREA = 0.9;

    private final CropTracker tracker = new CropTracker();
    private final FramePool samples = new FramePool(VideoFormat.yuyv(SAMPLE_WIDTH, SAMPLE_HEIGHT, 30), 1);
    private final Mat answer = new Mat();
    private final Mat toSample = new Mat(2, 3, opencv_core.CV_64F);
    private final Mat toFrame = new Mat(2, 3, opencv_core.CV_64F);
    private final DoubleBuffer toSampleValues = toSample.createBuffer();
    private final DoubleBuffer toFrameValues = toFrame.createBuffer();
    /** One per pass: the whole frame's and the crop's models may answer at different sizes. */
    private final Profiles wholeProfiles = new Profiles();
    private final Profiles cropProfiles = new Profiles();
    private final Size samplePairs = new Size(SAMPLE_WIDTH / 2, SAMPLE_HEIGHT);
    private final Size size = new Size();
    private final Point from = new Point();
    private final Point to = new Point();
    private final Scalar zero = new Scalar(0.0);
    /** The person's box found last, in frame pixels: x0, y0, x1, y1. */
    private final double[] box = new double[4];
    /** The model given a picture last: the one to blame when a pass fails. */
    private Segmenter lastModel;

    public CropTracker tracker() {
        return tracker;
    }

    /**
     * Writes the person probability for {@code frame} into {@code out} (CV_32FC1, a third of the
     * frame's size): a whole-frame pass by {@code wholeModel} when the tracker wants one (it
     * finds the person), then, unless the tracker says the whole frame's answer serves, the pass
     * by {@code cropModel} on the crop around them (the same model or another).
     */
    public void segment(Segmenter wholeModel, Segmenter cropModel, Frame frame, Mat out) throws Exception {
        lastModel = null;
        int w = frame.format().width();
        int h = frame.format().height();
        boolean whole = tracker.wantsWhole();
        if (whole) {
            segmentWhole(wholeModel, frame, out);
            boolean found = find(wholeProfiles, answer, 0, 0, w, h); // the model's own answer: a ninth of the pixels of out
            tracker.seenWhole(found, box[0], box[1], box[2], box[3]);
            if (!found || !tracker.cropAfterWhole()) {
                return;
            }
        }
        int[] rect = tracker.crop(w, h);
        if (whole && (double) rect[2] * rect[3] >= WHOLE_AREA * w * h) {
            return; // the person fills the frame: the whole-frame answer is the crop's
        }
        segmentCrop(cropModel, frame, rect, out);
        boolean found = find(cropProfiles, answer, rect[0], rect[1], rect[2], rect[3]);
        tracker.seenInCrop(found, box[0], box[1], box[2], box[3], rect, w, h);
    }

    private static final String[] DEPTHS = {"8U", "8S", "16U", "16S", "32S", "32F", "64F", "16F"};

    /** The segmenter contract: a non-empty CV_32FC1 matrix; anything else would break what follows (IllegalStateException). */
    public static void checkAnswer(Mat probability) {
        if (probability.empty()) {
            throw new IllegalStateException("it returned no probability mask (a segmenter must fill a CV_32FC1 matrix)");
        }
        if (probability.type() != opencv_core.CV_32FC1) {
            throw new IllegalStateException("it returned a " + probability.cols() + "x" + probability.rows() + " CV_"
                    + DEPTHS[probability.depth()] + "C" + probability.channels() + " matrix (a segmenter must fill a CV_32FC1 matrix)");
        }
    }

    /** The model on the whole frame, its answer scaled to {@code out} (a third of the frame's size). */
    void segmentWhole(Segmenter segmenter, Frame frame, Mat out) throws Exception {
        size.width(scaled(frame.format().width())).height(scaled(frame.format().height()));
        lastModel = segmenter;
        segmenter.segment(frame, answer);
        checkAnswer(answer);
        opencv_imgproc.resize(answer, out, size, 0, 0, opencv_imgproc.INTER_LINEAR);
    }

    /** The model given a picture last (null before the first pass): if a pass threw, the one that failed. */
    public Segmenter lastModel() {
        return lastModel;
    }

    /** The box {@link #find} found last: x0, y0, x1, y1 in frame pixels. */
    double[] box() {
        return box;
    }

    /** The model on the crop {x, y, w, h} of the frame; its answer placed there in {@code out}, zero elsewhere. */
    void segmentCrop(Segmenter segmenter, Frame frame, int[] rect, Mat out) throws Exception {
        int w = frame.format().width();
        int h = frame.format().height();
        size.width(scaled(w)).height(scaled(h));
        try (Frame sample = samples.acquire(1, TimeUnit.SECONDS)) {
            if (sample == null) {
                throw new IllegalStateException("the crop's picture was not given back (a segmenter kept the frame it was given)");
            }
            // sample pair (u, v) <- frame pair: pixel centres of the crop's pairs spread over the sample's
            double sx = rect[2] / 2.0 / samplePairs.width();
            double sy = (double) rect[3] / SAMPLE_HEIGHT;
            affine(toSampleValues, sx, 0.5 * sx - 0.5 + rect[0] / 2.0, sy, 0.5 * sy - 0.5 + rect[1]);
            opencv_imgproc.warpAffine(frame.pairs(), sample.pairs(), toSample, samplePairs,
                    opencv_imgproc.INTER_LINEAR | opencv_imgproc.WARP_INVERSE_MAP, opencv_core.BORDER_REPLICATE, zero);
            sample.stamp(frame.sequence(), frame.timestampNanos());
            lastModel = segmenter;
            segmenter.segment(sample, answer);
            checkAnswer(answer);
        }
        // out pixel (X, Y) <- answer: its centre in frame pixels, relative to the crop, in answer pixels
        int ow = scaled(w);
        int oh = scaled(h);
        double kx = (double) w / ow;
        double ky = (double) h / oh;
        double ax = kx * answer.cols() / rect[2];
        double ay = ky * answer.rows() / rect[3];
        affine(toFrameValues, ax, (0.5 * kx - rect[0]) * answer.cols() / rect[2] - 0.5, ay,
                (0.5 * ky - rect[1]) * answer.rows() / rect[3] - 0.5);
        opencv_imgproc.warpAffine(answer, out, toFrame, size, opencv_imgproc.INTER_LINEAR | opencv_imgproc.WARP_INVERSE_MAP,
                opencv_core.BORDER_REPLICATE, zero);
        // nobody outside the crop
        int left = (int) Math.round(rect[0] / kx);
        int top = (int) Math.round(rect[1] / ky);
        int right = Math.min(ow, (int) Math.round((rect[0] + rect[2]) / kx));
        int bottom = Math.min(oh, (int) Math.round((rect[1] + rect[3]) / ky));
        clear(out, 0, 0, ow, top);
        clear(out, 0, bottom, ow, oh);
        clear(out, 0, top, left, bottom);
        clear(out, right, top, ow, bottom);
    }

    /**
     * Answers are kept at 1/DIVISOR of the frame's size. Measured on the test portraits (mean IoU
     * / Boundary IoU, and CPU ms per 720p frame over the whole pipeline against 4.7 without the
     * crop): 2: 0.864/0.648, 6.8 ms; 3: 0.865/0.656, 5.8 ms; 4: 0.862/0.642, 5.5 ms.
     */
    static final int DIVISOR = 3;

    /** A frame length at the answers' scale. */
    static int scaled(int length) {
        return (length + DIVISOR - 1) / DIVISOR;
    }

    private static void affine(DoubleBuffer m, double a, double b, double c, double d) {
        m.put(0, a).put(1, 0).put(2, b).put(3, 0).put(4, c).put(5, d);
    }

    /** Sets columns [x0, x1) of rows [y0, y1) to zero. */
    private void clear(Mat out, int x0, int y0, int x1, int y1) {
        if (x1 > x0 && y1 > y0) {
            from.x(x0).y(y0);
            to.x(x1 - 1).y(y1 - 1);
            opencv_imgproc.rectangle(out, from, to, zero, opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
        }
    }

    /**
     * The box of the pixels above {@link #LEVEL} in {@code p}, a map of the frame's region at
     * (x, y) of this width and height, in frame pixels, into {@link #box}; false if none.
     * Found on the model's answer, not on the answer placed in the frame: a ninth of the pixels
     * (0.3 to under 0.1 ms at 720p). The portraits measured 0.8626 / 0.6469 (mean / Boundary
     * IoU) so against 0.8653 / 0.6560 on the placed answer, whose box is up to a model pixel
     * tighter: within what box details move these figures. {@code profiles}: the scratch kept for
     * answers of this size.
     */
    boolean find(Profiles profiles, Mat p, double x, double y, double width, double height) {
        profiles.reduce(p);
        FloatBuffer columnValues = profiles.columnValues;
        FloatBuffer rowValues = profiles.rowValues;
        int left = first(columnValues);
        if (left < 0) {
            return false;
        }
        double kx = width / p.cols();
        double ky = height / p.rows();
        box[0] = x + left * kx;
        box[1] = y + first(rowValues) * ky;
        box[2] = x + (last(columnValues) + 1) * kx;
        box[3] = y + (last(rowValues) + 1) * ky;
        return true;
    }

    /**
     * The largest probability of each column and of each row of an answer. Their buffers are made
     * again only when the answer's size changes: kept per pass, as a buffer made per frame would
     * be garbage on the Java heap each time the whole frame's and the crop's models took turns.
     */
    static final class Profiles implements AutoCloseable {
        private final Mat columns = new Mat();
        private final Mat rows = new Mat();
        private FloatBuffer columnValues;
        private FloatBuffer rowValues;

        void reduce(Mat p) {
            opencv_core.reduce(p, columns, 0, opencv_core.REDUCE_MAX, opencv_core.CV_32F);
            opencv_core.reduce(p, rows, 1, opencv_core.REDUCE_MAX, opencv_core.CV_32F);
            if (columnValues == null || columnValues.capacity() != p.cols()) {
                columnValues = columns.createBuffer();
            }
            if (rowValues == null || rowValues.capacity() != p.rows()) {
                rowValues = rows.createBuffer();
            }
        }

        @Override
        public void close() {
            columns.close();
            rows.close();
        }
    }

    private static int first(FloatBuffer v) {
        for (int i = 0; i < v.capacity(); i++) {
            if (v.get(i) > LEVEL) {
                return i;
            }
        }
        return -1;
    }

    private static int last(FloatBuffer v) {
        for (int i = v.capacity() - 1; i >= 0; i--) {
            if (v.get(i) > LEVEL) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        samples.close();
        for (Mat m : new Mat[] {answer, toSample, toFrame}) {
            m.close();
        }
        wholeProfiles.close();
        cropProfiles.close();
        samplePairs.close();
        size.close();
        from.close();
        to.close();
        zero.close();
    }
}
