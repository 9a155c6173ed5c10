package scrim.ui.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;

import scrim.api.Frame;
import scrim.api.FrameTap;
import scrim.api.Rgb;

/**
 * The gallery's live thumbnails: what each tile's choice looks like on the current camera frame.
 * A tap on the pipeline takes one frame a second, and only while the gallery can be seen: one bulk
 * copy of the camera picture and the mask on the compose thread. This class's own thread then
 * renders at most {@value #PER_SECOND} thumbnails a second, tiles never drawn first, then round
 * the others, so the pipeline and the UI thread are never slowed. The thumbnails approximate the
 * effects at thumbnail size (a picture tile shows the picture behind the person, a blur tile a
 * blurred room); each picture or video is decoded once and kept at thumbnail size.
 */
final class ThumbnailRenderer implements FrameTap, AutoCloseable {

    static final int WIDTH = 160;
    static final int HEIGHT = 90;
    static final int PER_SECOND = 4;
    private static final long EVERY_NANOS = 1_000_000_000L;
    private static final PaletteData RGB = new PaletteData(0xff0000, 0xff00, 0xff);

    private final BiConsumer<String, ImageData> show;
    private final LatestFrameWorker worker;
    private final Mat camera = new Mat();
    private final Mat mask = new Mat();
    private final Mat bgr = new Mat();
    private final Mat thumb = new Mat();
    private final Mat thumbMask = new Mat();
    private final Mat background = new Mat();
    private final Mat small = new Mat();
    /** The person's weight (the mask, 0 to 1) and the background's (1 minus it), for the blend. */
    private final Mat personWeights = new Mat();
    private final Mat backgroundWeights = new Mat();
    private final Mat blended = new Mat();
    private final Mat rgbOut = new Mat();
    private final Size size = new Size(WIDTH, HEIGHT);
    private final Size blocks = new Size(WIDTH / 8, HEIGHT / 8);
    private final Size slightKernel = new Size(3, 3);
    private final Size anyKernel = new Size(0, 0);
    private final Scalar zero = new Scalar(0);
    private final Map<Path, Mat> media = new HashMap<>();
    private final Set<String> drawn = new HashSet<>();
    private volatile List<BackgroundChoice> choices = List.of();
    private volatile Rgb colour = Rgb.parse(BackgroundChoice.DEFAULT_COLOUR);
    private volatile boolean visible;
    private boolean hasMask;
    private long lastOffer;
    private int next;

    /** @param show receives a tile's id and its new thumbnail, on this class's thread */
    ThumbnailRenderer(BiConsumer<String, ImageData> show) {
        this.show = show;
        worker = new LatestFrameWorker("scrim-thumbnails", this::takeFrame, this::renderSome);
    }

    void choices(List<BackgroundChoice> now) {
        choices = List.copyOf(now);
    }

    void colour(Rgb c) {
        colour = c;
    }

    /** Whether the gallery is on screen: hidden, no frame is taken. */
    void visible(boolean v) {
        visible = v;
    }

    @Override
    public boolean wants() {
        return visible && !worker.closed() && System.nanoTime() - lastOffer >= EVERY_NANOS;
    }

    @Override
    public void offer(Frame cameraFrame, Mat personMask, Frame output) {
        lastOffer = System.nanoTime();
        worker.offer(() -> {
            cameraFrame.mat().copyTo(camera);
            hasMask = personMask != null;
            if (hasMask) {
                personMask.copyTo(mask);
            }
        });
    }

    /** The offered frame at thumbnail size, with the person's and the background's weights for the blend. */
    private void takeFrame() {
        opencv_imgproc.cvtColor(camera, bgr, opencv_imgproc.COLOR_YUV2BGR_YUYV);
        cover(bgr, thumb);
        if (hasMask) {
            cover(mask, thumbMask);
        } else {
            thumbMask.create(HEIGHT, WIDTH, opencv_core.CV_8UC1);
            thumbMask.put(zero); // no model yet: all background
        }
        thumbMask.convertTo(personWeights, opencv_core.CV_32F, 1 / 255.0, 0);
        thumbMask.convertTo(backgroundWeights, opencv_core.CV_32F, -1 / 255.0, 1);
    }

    /** Up to {@value #PER_SECOND} tiles from this frame: the ones never drawn first, then round the rest. */
    private void renderSome() {
        List<BackgroundChoice> all = choices;
        forgetRemoved(all);
        int budget = Math.min(PER_SECOND, all.size());
        for (BackgroundChoice c : all) {
            if (budget > 0 && !drawn.contains(c.id())) {
                render(c);
                budget--;
            }
        }
        for (int i = 0; i < all.size() && budget > 0; i++, budget--) {
            next = (next + 1) % all.size();
            render(all.get(next));
        }
    }

    private void render(BackgroundChoice c) {
        try {
            paintBackground(c);
            opencv_imgproc.blendLinear(thumb, background, personWeights, backgroundWeights, blended);
            opencv_imgproc.cvtColor(blended, rgbOut, opencv_imgproc.COLOR_BGR2RGB);
            // a new array per thumbnail: the UI thread turns it into an image while the next is drawn
            byte[] rgb = new byte[WIDTH * HEIGHT * 3];
            rgbOut.data().get(rgb);
            drawn.add(c.id());
            show.accept(c.id(), new ImageData(WIDTH, HEIGHT, 24, RGB, 1, rgb));
        } catch (RuntimeException e) {
            System.err.println("scrim: no thumbnail for '" + c.label() + "': " + e.getMessage());
            drawn.add(c.id()); // not retried every second
        }
    }

    /** Drops the decoded pictures of backgrounds no longer offered. */
    private void forgetRemoved(List<BackgroundChoice> all) {
        Set<Path> offered = new HashSet<>();
        all.stream().filter(c -> c.background() != null).forEach(c -> offered.add(c.background().file()));
        media.entrySet().removeIf(e -> {
            boolean gone = !offered.contains(e.getKey());
            if (gone) {
                e.getValue().close();
            }
            return gone;
        });
    }

    /** The choice's background at thumbnail size, BGR, into {@link #background}. */
    private void paintBackground(BackgroundChoice c) {
        switch (c.kind()) {
            case NONE -> thumb.copyTo(background);
            case SLIGHT_BLUR -> opencv_imgproc.GaussianBlur(thumb, background, slightKernel, 0);
            case BLUR -> opencv_imgproc.GaussianBlur(thumb, background, anyKernel, 6);
            case DIM -> {
                opencv_imgproc.cvtColor(thumb, small, opencv_imgproc.COLOR_BGR2GRAY);
                opencv_imgproc.cvtColor(small, small, opencv_imgproc.COLOR_GRAY2BGR);
                opencv_core.addWeighted(thumb, 0.6 * 0.3, small, 0.6 * 0.7, 0, background);
            }
            case PIXELATE -> {
                opencv_imgproc.resize(thumb, small, blocks, 0, 0, opencv_imgproc.INTER_AREA);
                opencv_imgproc.resize(small, background, size, 0, 0, opencv_imgproc.INTER_NEAREST);
            }
            case COLOUR -> {
                Rgb rgb = colour;
                background.create(HEIGHT, WIDTH, opencv_core.CV_8UC3);
                try (Scalar s = new Scalar(rgb.blue(), rgb.green(), rgb.red(), 0)) {
                    background.put(s);
                }
            }
            case PICTURE, VIDEO -> media(c.background()).copyTo(background);
        }
    }

    /** A picture, or a video's first frame, decoded once and kept at thumbnail size. */
    private Mat media(Background b) {
        Mat cached = media.get(b.file());
        if (cached == null) {
            Mat decoded;
            if (b.video()) {
                decoded = new Mat();
                try (VideoCapture video = new VideoCapture(b.file().toString())) {
                    video.read(decoded);
                }
            } else {
                decoded = opencv_imgcodecs.imread(b.file().toString(), opencv_imgcodecs.IMREAD_COLOR);
            }
            if (decoded.empty()) {
                decoded.close();
                throw new IllegalArgumentException(b.file() + " cannot be decoded");
            }
            cached = new Mat();
            cover(decoded, cached);
            decoded.close();
            media.put(b.file(), cached);
        }
        return cached;
    }

    /** Crops to the thumbnail's shape around the centre and scales to its size, as the effects' cover fit does. */
    private void cover(Mat from, Mat to) {
        double scale = Math.max((double) WIDTH / from.cols(), (double) HEIGHT / from.rows());
        int w = Math.min(from.cols(), (int) Math.round(WIDTH / scale));
        int h = Math.min(from.rows(), (int) Math.round(HEIGHT / scale));
        try (Rect r = new Rect((from.cols() - w) / 2, (from.rows() - h) / 2, w, h); Mat crop = new Mat(from, r)) {
            opencv_imgproc.resize(crop, to, size, 0, 0, opencv_imgproc.INTER_AREA);
        }
    }

    @Override
    public void close() {
        worker.close();
        media.values().forEach(Mat::close);
        for (Mat m : new Mat[] {camera, mask, bgr, thumb, thumbMask, background, small, personWeights, backgroundWeights, blended, rgbOut}) {
            m.close();
        }
        for (Size z : new Size[] {size, blocks, slightKernel, anyKernel}) {
            z.close();
        }
        zero.close();
    }
}
