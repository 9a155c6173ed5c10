package scrim.segment.tflite.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.javacpp.Pointer;
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
    /** The model's input width is even: the frame can be shrunk as whole YUYV pairs. */
    private boolean pairsFit;
    private boolean closed;

    // Scratch, sized by the model's input when a model is loaded: nothing is made per frame.
    private final Mat smallPairs = new Mat();
    /** The same bytes as smallPairs, seen as YUYV pixels; made with smallPairs' buffer. */
    private Mat smallYuyv = new Mat();
    private final Mat fullRgb = new Mat();
    private final Mat smallRgb = new Mat();
    private final Mat mirroredInput = new Mat();
    private final Mat mirroredMask = new Mat();
    private final Mat second = new Mat();
    private final Size pairsSize = new Size();
    private final Size inputSize = new Size();

    TfliteSegmenter(Path file, ModelDescriptor descriptor, TfliteSettings settings) throws IOException {
        this.file = file;
        this.descriptor = descriptor;
        apply(settings);
    }

    /** Loads the model with new settings; the old one keeps working if this fails. */
    synchronized void apply(TfliteSettings settings) throws IOException {
        if (closed) {
            throw new IOException("model " + descriptor.name() + " was unloaded: it takes no new settings");
        }
        TfliteModel next = new TfliteModel(file, settings.xnnpack(), settings.threads());
        OutputDecoder nextDecoder;
        try {
            int channels = next.output().channels();
            nextDecoder = new OutputDecoder(channels, descriptor.personFor(channels), descriptor.logits());
        } catch (IllegalArgumentException e) {
            next.close();
            throw new IOException("model " + file + ": " + e.getMessage(), e);
        }
        closeModel();
        model = next;
        decoder = nextDecoder;
        flip = settings.flip();
        int w = model.input().cols();
        int h = model.input().rows();
        inputSize.width(w).height(h);
        pairsSize.width(w / 2).height(h);
        pairsFit = w % 2 == 0;
        if (pairsFit) {
            // resize keeps this buffer while the size and type stay, so the view stays valid
            smallPairs.create(h, w / 2, opencv_core.CV_8UC4);
            smallYuyv.close();
            smallYuyv = smallPairs.reshape(2, h);
        }
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
        if (closed) {
            throw new IOException("model " + descriptor.name() + " was unloaded (closed): choose another model");
        }
        prepare(frame);
        model.run();
        decoder.decode(model.output(), probability);
        if (flip) {
            opencv_core.flip(model.input(), mirroredInput, 1);
            mirroredInput.copyTo(model.input());
            model.run();
            decoder.decode(model.output(), mirroredMask);
            opencv_core.flip(mirroredMask, second, 1);
            opencv_core.addWeighted(probability, 0.5, second, 0.5, 0, probability);
        }
    }

    /** Frame (YUYV) to the input tensor: shrink the YUYV pairs, convert the small image. */
    private void prepare(Frame frame) {
        if (pairsFit) {
            opencv_imgproc.resize(frame.pairs(), smallPairs, pairsSize, 0, 0, opencv_imgproc.INTER_LINEAR);
            opencv_imgproc.cvtColor(smallYuyv, smallRgb, opencv_imgproc.COLOR_YUV2RGB_YUYV);
        } else {
            // an odd model width has no whole YUYV pairs: convert the whole frame, then shrink
            opencv_imgproc.cvtColor(frame.mat(), fullRgb, opencv_imgproc.COLOR_YUV2RGB_YUYV);
            opencv_imgproc.resize(fullRgb, smallRgb, inputSize, 0, 0, opencv_imgproc.INTER_LINEAR);
        }
        float scale = (descriptor.inputMax() - descriptor.inputMin()) / 255f;
        smallRgb.convertTo(model.input(), opencv_core.CV_32F, scale, descriptor.inputMin());
    }

    private void closeModel() {
        if (model != null) {
            model.close();
            decoder.close();
            model = null;
            decoder = null;
        }
    }

    /** Frees the model and all scratch; frames and settings are refused afterwards. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeModel();
        for (Pointer p : new Pointer[] {smallYuyv, smallPairs, fullRgb, smallRgb, mirroredInput, mirroredMask, second, pairsSize, inputSize}) {
            p.close();
        }
    }
}
