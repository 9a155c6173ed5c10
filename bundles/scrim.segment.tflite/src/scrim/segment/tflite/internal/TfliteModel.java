package scrim.segment.tflite.internal;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * A float32 image-to-mask TFLite model: one input [1,H,W,3], one output [1,H,W,C] (or
 * [1,H,W]). Its tensors are OpenCV matrices viewing the interpreter's own buffers, so a
 * frame is resized and converted straight into {@link #input()} and read from
 * {@link #output()}: nothing is allocated per frame. Not thread-safe.
 *
 * <p>By default the XNNPACK delegate runs the whole graph, MediaPipe's custom op included.
 * Without XNNPACK the graph runs on TFLite's built-in kernels plus a Java implementation of
 * {@code Convolution2DTransposeBias}.
 */
final class TfliteModel implements AutoCloseable {

    // Everything the native interpreter points into, strongly held for its lifetime.
    private final FlatBufferModel model;
    private final BuiltinOpResolver resolver;
    private final TransposeConvBiasOp customOp;
    private final InterpreterBuilder builder;
    private final Interpreter interpreter;
    private final Mat input;
    private final Mat output;

    /**
     * @throws IOException naming the file and what is wrong with it
     */
    TfliteModel(Path file, boolean xnnpack, int threads) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("model " + file + " does not exist: check the path");
        }
        if (!Files.isReadable(file)) {
            throw new IOException("model " + file + " cannot be read: check its permissions");
        }
        model = FlatBufferModel.VerifyAndBuildFromFile(file.toString());
        if (model == null || model.isNull()) {
            throw new IOException("model " + file + " is not a TensorFlow Lite model, or it is damaged: use a .tflite file");
        }
        if (xnnpack) {
            resolver = new BuiltinOpResolver();
            customOp = null;
        } else {
            resolver = new BuiltinOpResolverWithoutDefaultDelegates();
            customOp = new TransposeConvBiasOp();
            customOp.registerWith(resolver);
        }
        builder = new InterpreterBuilder(model, resolver);
        builder.SetNumThreads(threads); // reaches the XNNPACK delegate, which is applied lazily
        interpreter = new Interpreter((Pointer) null);
        try {
            if (builder.apply(interpreter) != kTfLiteOk || interpreter.isNull()) {
                throw new IOException("model " + file + " uses operations this TensorFlow Lite cannot run");
            }
            interpreter.SetNumThreads(threads);
            if (interpreter.AllocateTensors() != kTfLiteOk) {
                String why = customOp != null && customOp.lastError() != null ? ": " + customOp.lastError() : "";
                throw new IOException("model " + file + " cannot be prepared" + why);
            }
            // both lists are native copies: freed here, not left to the garbage collector
            try (IntPointer inputs = interpreter.inputs(); IntPointer outputs = interpreter.outputs()) {
                if (inputs.limit() != 1 || outputs.limit() < 1) {
                    throw new IOException("model " + file + " has " + inputs.limit() + " inputs and " + outputs.limit()
                            + " outputs: a segmentation model takes one image and gives at least one mask");
                }
            }
            int[] in = shape(interpreter.input_tensor(0), file, "input");
            int[] out = shape(interpreter.output_tensor(0), file, "output");
            if (in[2] != 3) {
                throw new IOException("model " + file + " takes " + in[2] + " channels per pixel: a segmentation model takes RGB (3)");
            }
            input = new Mat(in[0], in[1], opencv_core.CV_32FC3, interpreter.typed_input_tensor_float(0));
            output = new Mat(out[0], out[1], opencv_core.CV_32FC(out[2]), interpreter.typed_output_tensor_float(0));
        } catch (IOException | RuntimeException e) {
            closeNative();
            throw e;
        }
    }

    /** {height, width, channels} of a float32 [1,H,W,C] or [1,H,W] tensor. */
    private static int[] shape(TfLiteTensor t, Path file, String what) throws IOException {
        TfLiteIntArray d = t.dims();
        StringBuilder dims = new StringBuilder("[");
        for (int i = 0; i < d.size(); i++) {
            dims.append(i == 0 ? "" : ",").append(d.data(i));
        }
        dims.append(']');
        if (t.type() != kTfLiteFloat32) {
            throw new IOException("model " + file + " has a quantized " + what + " " + dims + ": only float32 models are supported");
        }
        boolean image = (d.size() == 4 || d.size() == 3) && d.data(0) == 1 && d.data(1) > 0 && d.data(2) > 0;
        if (!image) {
            throw new IOException("model " + file + " has " + what + " shape " + dims + ": a segmentation model has [1,height,width,channels]");
        }
        return new int[] {d.data(1), d.data(2), d.size() == 4 ? d.data(3) : 1};
    }

    void run() throws IOException {
        if (interpreter.Invoke() != kTfLiteOk) {
            String why = customOp != null && customOp.lastError() != null ? ": " + customOp.lastError() : "";
            throw new IOException("inference failed" + why);
        }
    }

    /** The input tensor, {@code CV_32FC3}, height x width of the model. */
    Mat input() {
        return input;
    }

    /** The output tensor, {@code CV_32FC(channels)}. */
    Mat output() {
        return output;
    }

    @Override
    public void close() {
        input.close();
        output.close();
        closeNative();
    }

    private void closeNative() {
        interpreter.close(); // before the model, resolver and op it points into
        builder.close();
        resolver.close();
        model.close();
    }
}
