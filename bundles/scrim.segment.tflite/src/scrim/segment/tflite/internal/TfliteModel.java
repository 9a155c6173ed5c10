package scrim.segment.tflite.internal;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

import java.io.IOException;
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
        ModelTensors.checkReadable(file);
        model = FlatBufferModel.VerifyAndBuildFromFile(file.toString());
        if (model == null || model.isNull()) {
            throw ModelTensors.damaged(file);
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
            ModelTensors tensors;
            // both lists are native copies: freed here, not left to the garbage collector
            try (IntPointer inputs = interpreter.inputs(); IntPointer outputs = interpreter.outputs()) {
                boolean one = inputs.limit() == 1 && outputs.limit() >= 1;
                tensors = ModelTensors.check(file, (int) inputs.limit(), (int) outputs.limit(),
                        one ? tensor(interpreter.input_tensor(0)) : null, one ? tensor(interpreter.output_tensor(0)) : null);
            }
            input = new Mat(tensors.inputHeight(), tensors.inputWidth(), opencv_core.CV_32FC3, interpreter.typed_input_tensor_float(0));
            output = new Mat(tensors.outputHeight(), tensors.outputWidth(), opencv_core.CV_32FC(tensors.outputChannels()),
                    interpreter.typed_output_tensor_float(0));
        } catch (IOException | RuntimeException e) {
            closeNative();
            throw e;
        }
    }

    private static ModelTensors.Tensor tensor(TfLiteTensor t) {
        TfLiteIntArray d = t.dims();
        int[] dims = new int[d.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = d.data(i);
        }
        return new ModelTensors.Tensor(dims, t.type() == kTfLiteFloat32);
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
