package scrim.sink.v4l2loopback.internal;

import java.nio.ByteBuffer;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;

import scrim.api.Frame;
import scrim.api.VideoFormat;

/**
 * Converts YUYV frames to planar I420 (4:2:0) in one buffer allocated per format: the lumas
 * are copied, each chroma plane is averaged over two rows.
 */
final class I420Writer implements AutoCloseable {

    /** YUYV pairs (Y0 U Y1 V) to planes: Y0 Y1 into the luma view, U and V alone. */
    private static final int[] PAIRS_TO_PLANES = {0, 0, 2, 1, 1, 2, 3, 3};

    private final BytePointer memory;
    private final ByteBuffer bytes;
    private final Mat luma;
    private final Mat u422 = new Mat();
    private final Mat v422 = new Mat();
    private final Mat u420;
    private final Mat v420;
    private final Size half;
    private final MatVector sources = new MatVector(1);
    private final MatVector targets = new MatVector(3);
    private final IntPointer fromTo = new IntPointer(PAIRS_TO_PLANES);

    I420Writer(VideoFormat format) {
        int w = format.width();
        int h = format.height();
        long lumaBytes = (long) w * h;
        long chromaBytes = lumaBytes / 4;
        memory = new BytePointer(lumaBytes + 2 * chromaBytes);
        bytes = memory.capacity(lumaBytes + 2 * chromaBytes).asByteBuffer();
        luma = new Mat(h, w / 2, opencv_core.CV_8UC2, memory);
        u420 = new Mat(h / 2, w / 2, opencv_core.CV_8UC1, new BytePointer(memory).position(lumaBytes));
        v420 = new Mat(h / 2, w / 2, opencv_core.CV_8UC1, new BytePointer(memory).position(lumaBytes + chromaBytes));
        u422.create(h, w / 2, opencv_core.CV_8UC1);
        v422.create(h, w / 2, opencv_core.CV_8UC1);
        half = new Size(w / 2, h / 2);
        targets.put(0, luma);
        targets.put(1, u422);
        targets.put(2, v422);
    }

    /** The frame as I420, ready to write (position 0). */
    ByteBuffer convert(Frame frame) {
        sources.put(0, frame.pairs());
        opencv_core.mixChannels(sources, targets, fromTo, 4);
        opencv_imgproc.resize(u422, u420, half, 0, 0, opencv_imgproc.INTER_AREA);
        opencv_imgproc.resize(v422, v420, half, 0, 0, opencv_imgproc.INTER_AREA);
        return bytes.clear();
    }

    @Override
    public void close() {
        luma.close();
        u422.close();
        v422.close();
        u420.close();
        v420.close();
        half.close();
        sources.close();
        targets.close();
        fromTo.close();
        memory.close();
    }
}
