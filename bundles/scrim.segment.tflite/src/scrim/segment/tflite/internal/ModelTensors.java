package scrim.segment.tflite.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a segmentation model's tensors look like: its input and output sizes. Read
 * from the .tflite file's FlatBuffer in plain Java ({@link #read}), so a model can be
 * registered, listed and checked without loading TensorFlow Lite; the interpreter is built
 * when the model is first used, and {@link TfliteModel} applies the same {@link #check} to
 * its tensors.
 *
 * @param inputHeight    rows of the input image
 * @param inputWidth     columns of the input image
 * @param outputHeight   rows of the first output
 * @param outputWidth    columns of the first output
 * @param outputChannels channels of the first output (1 for a probability or logit)
 */
record ModelTensors(int inputHeight, int inputWidth, int outputHeight, int outputWidth, int outputChannels) {

    /** A tensor as far as the checks need it: its dimensions and whether it holds float32. */
    record Tensor(int[] dims, boolean float32) {
    }

    /** The FlatBuffer file identifier of TFLite models, at bytes 4 to 7. */
    private static final int IDENTIFIER = 'T' | 'F' << 8 | 'L' << 16 | '3' << 24;
    // Field numbers in TFLite's schema.fbs.
    private static final int MODEL_SUBGRAPHS = 2;
    private static final int SUBGRAPH_TENSORS = 0;
    private static final int SUBGRAPH_INPUTS = 1;
    private static final int SUBGRAPH_OUTPUTS = 2;
    private static final int TENSOR_SHAPE = 0;
    private static final int TENSOR_TYPE = 1;
    /** TensorType.FLOAT32, also the default when the field is absent. */
    private static final int FLOAT32 = 0;

    /**
     * Reads and checks the tensors of a model file without TensorFlow Lite.
     *
     * @throws IOException naming the file and what is wrong with it, in the words TfliteModel uses
     */
    static ModelTensors read(Path file) throws IOException {
        checkReadable(file);
        int inputs;
        int outputs;
        Tensor in = null;
        Tensor out = null;
        try (FileChannel channel = FileChannel.open(file)) {
            // mapped: only the few pages of the header are read, not the weights
            ByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
            if (b.limit() < 8 || b.getInt(4) != IDENTIFIER) {
                throw damaged(file);
            }
            int subgraphs = vector(b, field(b, table(b, 0), MODEL_SUBGRAPHS));
            if (length(b, subgraphs) < 1) {
                throw damaged(file);
            }
            int graph = table(b, subgraphs + 4);
            int tensors = vector(b, field(b, graph, SUBGRAPH_TENSORS));
            int inputList = vector(b, field(b, graph, SUBGRAPH_INPUTS));
            int outputList = vector(b, field(b, graph, SUBGRAPH_OUTPUTS));
            inputs = length(b, inputList);
            outputs = length(b, outputList);
            if (inputs == 1 && outputs >= 1) {
                in = tensor(b, tensors, b.getInt(inputList + 4));
                out = tensor(b, tensors, b.getInt(outputList + 4));
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw damaged(file); // an offset pointing outside the file
        }
        return check(file, inputs, outputs, in, out);
    }

    /**
     * The checks every segmentation model must pass: one float32 image [1,H,W,3] in, a float32
     * [1,H,W,C] or [1,H,W] mask out.
     *
     * @param in  the input tensor; may be null when {@code inputs} is not 1
     * @param out the first output tensor; may be null when there is no output
     */
    static ModelTensors check(Path file, int inputs, int outputs, Tensor in, Tensor out) throws IOException {
        if (inputs != 1 || outputs < 1) {
            throw new IOException("model " + file + " has " + inputs + " inputs and " + outputs
                    + " outputs: a segmentation model takes one image and gives at least one mask");
        }
        int[] input = imageShape(in, file, "input");
        int[] output = imageShape(out, file, "output");
        if (input[2] != 3) {
            throw new IOException("model " + file + " takes " + input[2] + " channels per pixel: a segmentation model takes RGB (3)");
        }
        return new ModelTensors(input[0], input[1], output[0], output[1], output[2]);
    }

    static void checkReadable(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("model " + file + " does not exist: check the path");
        }
        if (!Files.isReadable(file)) {
            throw new IOException("model " + file + " cannot be read: check its permissions");
        }
    }

    static IOException damaged(Path file) {
        return new IOException("model " + file + " is not a TensorFlow Lite model, or it is damaged: use a .tflite file");
    }

    /** {height, width, channels} of a float32 [1,H,W,C] or [1,H,W] tensor. */
    private static int[] imageShape(Tensor t, Path file, String what) throws IOException {
        int[] d = t.dims();
        String dims = Arrays.stream(d).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
        if (!t.float32()) {
            throw new IOException("model " + file + " has a quantized " + what + " " + dims + ": only float32 models are supported");
        }
        boolean image = (d.length == 4 || d.length == 3) && d[0] == 1 && d[1] > 0 && d[2] > 0;
        if (!image) {
            throw new IOException("model " + file + " has " + what + " shape " + dims + ": a segmentation model has [1,height,width,channels]");
        }
        return new int[] {d[1], d[2], d.length == 4 ? d[3] : 1};
    }

    /** Tensor number {@code index} of a subgraph's tensor vector. */
    private static Tensor tensor(ByteBuffer b, int tensors, int index) {
        if (index < 0 || index >= length(b, tensors)) {
            throw new IllegalArgumentException("tensor " + index);
        }
        int t = table(b, tensors + 4 + 4 * index);
        int shapeField = field(b, t, TENSOR_SHAPE);
        int shape = shapeField == 0 ? 0 : vector(b, shapeField);
        int[] dims = new int[shape == 0 ? 0 : length(b, shape)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = b.getInt(shape + 4 + 4 * i);
        }
        int type = field(b, t, TENSOR_TYPE);
        return new Tensor(dims, (type == 0 ? FLOAT32 : b.get(type)) == FLOAT32);
    }

    // FlatBuffer access: https://flatbuffers.dev/internals/ (little-endian offsets).

    /** The table an offset at {@code at} points to. */
    private static int table(ByteBuffer b, int at) {
        return at + b.getInt(at);
    }

    /** Where field {@code id} of a table is stored, or 0 when it is absent. */
    private static int field(ByteBuffer b, int table, int id) {
        int vtable = table - b.getInt(table);
        int entry = 4 + 2 * id;
        if (entry >= Short.toUnsignedInt(b.getShort(vtable))) {
            return 0;
        }
        int offset = Short.toUnsignedInt(b.getShort(vtable + entry));
        return offset == 0 ? 0 : table + offset;
    }

    /** The vector a vector field points to (its length first); a missing field is damage here. */
    private static int vector(ByteBuffer b, int field) {
        if (field == 0) {
            throw new IllegalArgumentException("missing vector");
        }
        return table(b, field);
    }

    /** The number of elements of a vector of 4-byte elements, checked against the file size. */
    private static int length(ByteBuffer b, int vector) {
        int n = b.getInt(vector);
        if (n < 0 || vector + 4 + 4L * n > b.limit()) {
            throw new IllegalArgumentException("vector length " + n);
        }
        return n;
    }
}
