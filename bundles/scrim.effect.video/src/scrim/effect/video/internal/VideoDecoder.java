package scrim.effect.video.internal;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.bytedeco.opencv.global.opencv_videoio;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

import scrim.api.VideoFormat;
import scrim.pixels.Fit;
import scrim.pixels.MediaFiles;
import scrim.pixels.Yuyv;

/**
 * Decodes a video on its own thread into a few reusable YUYV pictures, a few frames ahead of
 * need, rewinding at the end. The compose thread takes pictures when they are due and gives
 * them back; it never waits for the decoder.
 */
final class VideoDecoder {

    /** Decoded pictures in flight: ahead of need, shown, and being filled. */
    private static final int PICTURES = 4;

    /** One decoded frame as YUYV pairs, and its number in the looping video. */
    final class Picture {
        private final Mat pairs = new Mat();
        private long index;

        Mat pairs() {
            return pairs;
        }

        /** Gives the picture back to the decoder for refilling. */
        void release() {
            free.offer(this);
        }
    }

    private final String file;
    private final Fit.Mode mode;
    private final double fps;
    private final BlockingQueue<Picture> free = new ArrayBlockingQueue<>(PICTURES);
    private final BlockingQueue<Picture> ready = new ArrayBlockingQueue<>(PICTURES);
    private final Picture[] pictures = new Picture[PICTURES];
    private final Thread thread;
    private VideoCapture capture;
    private volatile int width;
    private volatile int height;
    private volatile String problem;
    private volatile boolean running = true;

    private VideoDecoder(String file, Fit.Mode mode, VideoCapture capture) {
        this.file = file;
        this.mode = mode;
        this.capture = capture;
        double rate = capture.get(opencv_videoio.CAP_PROP_FPS);
        this.fps = rate > 0 && rate <= VideoFormat.MAX_FPS ? rate : 30;
        for (int i = 0; i < PICTURES; i++) {
            pictures[i] = new Picture();
            free.add(pictures[i]);
        }
        thread = new Thread(this::decode, "scrim-video-decoder");
        thread.setDaemon(true);
    }

    /** Opens the file (so a bad one fails here, with the reason) and starts decoding. */
    static VideoDecoder start(String file, Fit.Mode mode) throws IOException {
        VideoDecoder d = new VideoDecoder(file, mode, MediaFiles.openVideo(file));
        d.thread.start();
        return d;
    }

    Fit.Mode mode() {
        return mode;
    }

    /** Frames per second of the video itself. */
    double fps() {
        return fps;
    }

    /** What stopped the decoder, or null. */
    String problem() {
        return problem;
    }

    /** Sets the frame size to decode to; pictures of another size are dropped. */
    void size(int w, int h) {
        width = w;
        height = h;
    }

    /** The next decoded picture if it is due (its number at most {@code due}) and of this size, else null. */
    Picture next(long due, int cols, int rows) {
        Picture p;
        while ((p = ready.peek()) != null && p.index <= due) {
            ready.poll();
            if (p.pairs.cols() == cols && p.pairs.rows() == rows) {
                return p;
            }
            p.release();
        }
        return null;
    }

    /** Stops the thread and frees everything; no picture may be in use any more. */
    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Picture p : pictures) {
            p.pairs.close();
        }
    }

    private void decode() {
        long index = 0;
        try (Mat decoded = new Mat(); Mat fitted = new Mat(); Yuyv yuyv = new Yuyv(); Fit fit = new Fit(); Scalar bars = new Scalar(0, 0, 0, 0)) {
            while (running) {
                Picture p = free.take();
                int w = width;
                int h = height;
                if (w == 0 || !read(decoded)) {
                    p.release();
                    if (w == 0) {
                        Thread.sleep(5); // the first frame has not told us the size yet
                        continue;
                    }
                    return;
                }
                fit.fit(decoded, w, h, mode, bars, fitted);
                yuyv.fromBgr(fitted, p.pairs);
                p.index = index++;
                ready.put(p);
            }
        } catch (InterruptedException e) {
            // stopping
        } catch (IOException | RuntimeException e) {
            problem = "the background video stopped: " + e.getMessage();
        } finally {
            capture.release();
            capture.close();
        }
    }

    /** Reads the next frame, starting over at the end; false if the video has no frames. */
    private boolean read(Mat into) throws IOException {
        if (capture.read(into) && !into.empty()) {
            return true;
        }
        capture.release();
        capture.close();
        capture = MediaFiles.openVideo(file);
        if (capture.read(into) && !into.empty()) {
            return true;
        }
        problem = "the background video " + file + " has no frames that can be decoded: convert it with ffmpeg -i '" + file
                + "' -c:v mjpeg -q:v 3 -an converted.avi";
        return false;
    }
}
