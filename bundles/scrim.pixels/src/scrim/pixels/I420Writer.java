package scrim.pixels;

import java.nio.ByteBuffer;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import scrim.api.Frame;
import scrim.api.VideoFormat;

/**
 * Converts YUYV frames to planar I420 (4:2:0: the Y plane, then U and V at half width and
 * height, rows packed) in one buffer allocated per format: the lumas are copied, each chroma
 * plane is averaged over two rows, all in OpenCV. For the outputs whose consumers ask for I420
 * (a v4l2loopback device opened as I420, a PipeWire consumer that negotiates it). Needs an even
 * width and height; one thread at a time.
 */
public final class I420Writer implements AutoCloseable {

    private final BytePointer memory;
    private final ByteBuffer bytes;
    private final Mat luma;
    private final Mat u422 = new Mat();
    private final Mat v422 = new Mat();
    private final Mat u420;
    private final Mat v420;
    private final Size half;
    private final PlaneSplitter splitter = new PlaneSplitter();

    /** Allocates the planes for frames of {@code format}. */
    public I420Writer(VideoFormat format) {
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
    }

    /** The frame as I420, ready to write (position 0, limit its size); valid until the next call. */
    public ByteBuffer convert(Frame frame) {
        splitter.split(frame, luma, u422, v422);
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
        splitter.close();
        memory.close();
    }
}
