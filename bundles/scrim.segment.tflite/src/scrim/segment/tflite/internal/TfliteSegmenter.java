package scrim.segment.tflite.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import scrim.api.Frame;
import scrim.api.Segmenter;

/**
 * A TFLite model as a {@link Segmenter}. The whole frame is stretched to the model input (no
 * crop, so people at the edges are seen; stretching measured better than letterboxing).
 * The frame is shrunk while still YUYV and only the small image is converted to RGB, which
 * costs a tenth of converting the whole frame. Optionally the model also sees the mirrored
 * frame and the two answers are averaged. Settings are swapped between two frames.
 */
final class TfliteSegmenter implements Segmenter, AutoCloseable {

    private final Path file;
    private final ModelDescriptor descriptor;
    private TfliteModel model;
    private OutputDecoder decoder;
    private boolean flip;

    private final Mat smallPairs = new Mat();
    private final Mat smallRgb = new Mat();
    private final Mat mirrored = new Mat();
    private final Mat second = new Mat();
    private Size pairsSize;
    private Mat smallYuyv;

    TfliteSegmenter(Path file, ModelDescriptor descriptor, TfliteSettings settings) throws IOException {
        this.file = file;
        this.descriptor = descriptor;
        apply(settings);
    }

    /** Loads the model with new settings; the old one keeps working if this fails. */
    synchronized void apply(TfliteSettings settings) throws IOException {
        TfliteModel next = new TfliteModel(file, settings.xnnpack(), settings.threads());
        OutputDecoder nextDecoder;
        try {
            int channels = next.output().channels();
            nextDecoder = new OutputDecoder(channels, descriptor.personFor(channels), descriptor.logits());
        } catch (IllegalArgumentException e) {
            next.close();
            throw new IOException("model " + file + ": " + e.getMessage(), e);
        }
        close();
        model = next;
        decoder = nextDecoder;
        flip = settings.flip();
        int w = model.input().cols();
        int h = model.input().rows();
        pairsSize = w % 2 == 0 ? new Size(w / 2, h) : null;
    }

    int inputWidth() {
        return model.input().cols();
    }

    int inputHeight() {
        return model.input().rows();
    }

    ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public synchronized void segment(Frame frame, Mat probability) throws IOException {
        prepare(frame);
        model.run();
        decoder.decode(model.output(), probability);
        if (flip) {
            opencv_core.flip(model.input(), mirrored, 1);
            mirrored.copyTo(model.input());
            model.run();
            decoder.decode(model.output(), mirrored);
            opencv_core.flip(mirrored, second, 1);
            opencv_core.addWeighted(probability, 0.5, second, 0.5, 0, probability);
        }
    }

    /** Frame (YUYV) to the input tensor: shrink the YUYV pairs, convert the small image. */
    private void prepare(Frame frame) {
        Mat input = model.input();
        if (pairsSize != null) {
            opencv_imgproc.resize(frame.pairs(), smallPairs, pairsSize, 0, 0, opencv_imgproc.INTER_LINEAR);
            if (smallYuyv == null || smallYuyv.data().address() != smallPairs.data().address()) {
                if (smallYuyv != null) {
                    smallYuyv.close();
                }
                smallYuyv = new Mat(input.rows(), input.cols(), opencv_core.CV_8UC2, smallPairs.data());
            }
            opencv_imgproc.cvtColor(smallYuyv, smallRgb, opencv_imgproc.COLOR_YUV2RGB_YUYV);
        } else {
            opencv_imgproc.cvtColor(frame.mat(), smallRgb, opencv_imgproc.COLOR_YUV2RGB_YUYV);
            opencv_imgproc.resize(smallRgb, smallRgb, input.size(), 0, 0, opencv_imgproc.INTER_LINEAR);
        }
        float scale = (descriptor.inputMax() - descriptor.inputMin()) / 255f;
        smallRgb.convertTo(input, opencv_core.CV_32F, scale, descriptor.inputMin());
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
            decoder.close();
            model = null;
        }
    }
}
