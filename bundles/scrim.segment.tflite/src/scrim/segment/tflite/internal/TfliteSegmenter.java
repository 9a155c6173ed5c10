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
 *
 * <p>Made from the file's header alone: TensorFlow Lite (and OpenCV) are loaded, and the
 * interpreter built, by the first frame, so a start that does not segment (list, doctor,
 * the window before the camera runs) does not wait for them. In real time the camera does
 * not wait either: its frames pass through while the model loads on the model thread.
 */
final class TfliteSegmenter implements Segmenter, AutoCloseable {

    private final Path file;
    private final ModelDescriptor descriptor;
    private final ModelTensors tensors;
    private TfliteSettings settings;
    /** Null until the first frame (or after a failed first load). */
    private TfliteModel model;
    private OutputDecoder decoder;
    private Scratch scratch;
    private boolean flip;
    private boolean closed;

    /** Matrices sized by the model's input, made with the first model: nothing is made per frame. */
    private static final class Scratch implements AutoCloseable {
        /** The model's input width is even: the frame can be shrunk as whole YUYV pairs. */
        final boolean pairsFit;
        final Mat smallPairs = new Mat();
        /** The same bytes as smallPairs, seen as YUYV pixels; made with smallPairs' buffer. */
        final Mat smallYuyv;
        final Mat fullRgb = new Mat();
        final Mat smallRgb = new Mat();
        final Mat mirroredInput = new Mat();
        final Mat mirroredMask = new Mat();
        final Mat second = new Mat();
        final Size pairsSize;
        final Size inputSize;

        Scratch(ModelTensors t) {
            int w = t.inputWidth();
            int h = t.inputHeight();
            inputSize = new Size(w, h);
            pairsSize = new Size(w / 2, h);
            pairsFit = w % 2 == 0;
            if (pairsFit) {
                // resize keeps this buffer while the size and type stay, so the view stays valid
                smallPairs.create(h, w / 2, opencv_core.CV_8UC4);
                smallYuyv = smallPairs.reshape(2, h);
            } else {
                smallYuyv = new Mat();
            }
        }

        @Override
        public void close() {
            for (Pointer p : new Pointer[] {smallYuyv, smallPairs, fullRgb, smallRgb, mirroredInput, mirroredMask, second, pairsSize, inputSize}) {
                p.close();
            }
        }
    }

    /**
     * Reads the model file's header; the model itself loads with the first frame.
     *
     * @throws IOException the file is missing, no TFLite model, or not a segmentation model
     */
    TfliteSegmenter(Path file, ModelDescriptor descriptor, TfliteSettings settings) throws IOException {
        this.file = file;
        this.descriptor = descriptor;
        this.tensors = ModelTensors.read(file);
        try {
            OutputDecoder.check(tensors.outputChannels(), descriptor.personFor(tensors.outputChannels()));
        } catch (IllegalArgumentException e) {
            throw new IOException("model " + file + ": " + e.getMessage(), e);
        }
        this.settings = settings;
        this.flip = settings.flip();
    }

    /**
     * Takes new settings. A loaded model is loaded again with them now, and the old one keeps
     * working if this fails; an unloaded one loads with them when first used.
     */
    synchronized void apply(TfliteSettings s) throws IOException {
        if (closed) {
            throw new IOException("model " + descriptor.name() + " was unloaded: it takes no new settings");
        }
        if (model != null) {
            load(s);
        }
        settings = s;
        flip = s.flip();
    }

    /** Builds the interpreter with these settings and swaps it in; the current one stays if this fails. */
    private void load(TfliteSettings s) throws IOException {
        TfliteModel next = new TfliteModel(file, s.xnnpack(), s.threads());
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
        if (scratch == null) {
            scratch = new Scratch(tensors);
        }
    }

    int inputWidth() {
        return tensors.inputWidth();
    }

    int inputHeight() {
        return tensors.inputHeight();
    }

    ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public synchronized void segment(Frame frame, Mat probability) throws IOException {
        if (closed) {
            throw new IOException("model " + descriptor.name() + " was unloaded (closed): choose another model");
        }
        if (model == null) {
            load(settings); // the first frame: a failure here is reported like a failing model
        }
        Scratch x = scratch;
        prepare(frame, x);
        model.run();
        decoder.decode(model.output(), probability);
        if (flip) {
            opencv_core.flip(x.smallRgb, x.mirroredInput, 1); // the small 8-bit picture: a quarter of the bytes of the tensor
            normalise(x.mirroredInput);
            model.run();
            decoder.decode(model.output(), x.mirroredMask);
            opencv_core.flip(x.mirroredMask, x.second, 1);
            opencv_core.addWeighted(probability, 0.5, x.second, 0.5, 0, probability);
        }
    }

    /** Frame (YUYV) to the input tensor: shrink the YUYV pairs, convert the small image. */
    private void prepare(Frame frame, Scratch x) {
        if (x.pairsFit) {
            opencv_imgproc.resize(frame.pairs(), x.smallPairs, x.pairsSize, 0, 0, opencv_imgproc.INTER_LINEAR);
            opencv_imgproc.cvtColor(x.smallYuyv, x.smallRgb, opencv_imgproc.COLOR_YUV2RGB_YUYV);
        } else {
            // an odd model width has no whole YUYV pairs: convert the whole frame, then shrink
            opencv_imgproc.cvtColor(frame.mat(), x.fullRgb, opencv_imgproc.COLOR_YUV2RGB_YUYV);
            opencv_imgproc.resize(x.fullRgb, x.smallRgb, x.inputSize, 0, 0, opencv_imgproc.INTER_LINEAR);
        }
        normalise(x.smallRgb);
    }

    /** An 8-bit RGB picture of the input's size into the input tensor, in the model's value range. */
    private void normalise(Mat rgb) {
        float scale = (descriptor.inputMax() - descriptor.inputMin()) / 255f;
        rgb.convertTo(model.input(), opencv_core.CV_32F, scale, descriptor.inputMin());
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
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
    }
}
