package scrim.segment.tflite.internal;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.tensorflowlite.MutableOpResolver;
import org.bytedeco.tensorflowlite.TfLiteContext;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteNode;
import org.bytedeco.tensorflowlite.TfLiteRegistration;
import org.bytedeco.tensorflowlite.TfLiteTensor;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteIntArrayCreate;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteError;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

/**
 * Java kernel for MediaPipe's custom op {@code Convolution2DTransposeBias}.
 *
 * <p>Inputs: input [1,H,W,Cin], weights [Cout,KH,KW,Cin], bias [Cout]. Output [1,OH,OW,Cout].
 * Transposed convolution with the stride and padding from the node's custom data
 * (a {@code TfLiteTransposeConvParams}: padding, stride_width, stride_height); MediaPipe's
 * models use 2x2 kernels, stride 2, SAME, so every output pixel receives exactly one tap.
 *
 * <p>Lifetime: the resolver copies the registration struct but keeps the raw
 * {@code custom_name} pointer, and the native thunks of the callbacks live only as long as
 * their Java objects. Keep this object strongly referenced for the interpreter's lifetime.
 * One instance serves one interpreter (scratch arrays are per instance).
 *
 * <p>Per frame: tensors keep their buffers from one Prepare (which TFLite runs when it plans
 * memory) to the next, so the first Invoke after a Prepare looks the tensors up and reads the
 * constant weights and bias once; later Invokes only copy the input in and the output out.
 */
final class TransposeConvBiasOp {
    public static final String NAME = "Convolution2DTransposeBias";
    private static final int PADDING_SAME = 1, PADDING_VALID = 2; // TfLitePadding

    private final BytePointer name = new BytePointer(NAME); // must outlive the interpreter
    private final TfLiteRegistration registration = new TfLiteRegistration();
    private final PrepareFn prepareFn = new PrepareFn();
    private final InvokeFn invokeFn = new InvokeFn();

    // geometry, set in Prepare
    private int h, w, cin, cout, kh, kw, strideH, strideW, padTop, padLeft, outH, outW;
    private float[] in, weights, bias, out;
    /** The input and output tensors' data, found at the first Invoke after a Prepare; null until then. */
    private FloatPointer inData, outData;
    private String lastError;

    TransposeConvBiasOp() {
        registration.prepare(prepareFn);
        registration.invoke(invokeFn);
    }

    /** Registers this op under its MediaPipe name, version 1. */
    void registerWith(MutableOpResolver resolver) {
        resolver.AddCustom(name, registration, 1);
    }

    /** Why Prepare or Invoke last failed, or null. */
    String lastError() { return lastError; }

    private static TfLiteTensor tensor(TfLiteContext ctx, TfLiteIntArray indices, int i) {
        return ctx.tensors().getPointer(TfLiteTensor.class, indices.data(i));
    }

    private int prepare(TfLiteContext ctx, TfLiteNode node) {
        try {
            TfLiteIntArray ins = node.inputs();
            if (ins.size() != 3 || node.outputs().size() != 1) return fail("expected 3 inputs, 1 output");
            TfLiteTensor input = tensor(ctx, ins, 0), wt = tensor(ctx, ins, 1), bs = tensor(ctx, ins, 2);
            TfLiteTensor output = tensor(ctx, node.outputs(), 0);
            for (TfLiteTensor t : new TfLiteTensor[] {input, wt, bs, output})
                if (t.type() != kTfLiteFloat32) return fail("only float32 supported");
            TfLiteIntArray di = input.dims(), dw = wt.dims(), db = bs.dims();
            if (di.size() != 4 || dw.size() != 4 || di.data(0) != 1) return fail("bad ranks");
            h = di.data(1); w = di.data(2); cin = di.data(3);
            cout = dw.data(0); kh = dw.data(1); kw = dw.data(2);
            if (dw.data(3) != cin) return fail("weights Cin " + dw.data(3) + " != input Cin " + cin);
            int biasLen = 1;
            for (int i = 0; i < db.size(); i++) biasLen *= db.data(i);
            if (biasLen != cout) return fail("bias length " + biasLen + " != Cout " + cout);

            int padding = PADDING_SAME;
            strideH = 2; strideW = 2;
            if (node.custom_initial_data() != null && !node.custom_initial_data().isNull()
                    && node.custom_initial_data_size() >= 12) {
                IntPointer p = new IntPointer(node.custom_initial_data());
                padding = p.get(0); strideW = p.get(1); strideH = p.get(2);
            }
            if (padding == PADDING_VALID) {
                outH = (h - 1) * strideH + kh; outW = (w - 1) * strideW + kw; padTop = padLeft = 0;
            } else {
                outH = h * strideH; outW = w * strideW;
                padTop = Math.max(0, (h - 1) * strideH + kh - outH) / 2;
                padLeft = Math.max(0, (w - 1) * strideW + kw - outW) / 2;
            }
            TfLiteIntArray od = output.dims();
            if (od.size() != 4 || od.data(0) != 1 || od.data(1) != outH || od.data(2) != outW || od.data(3) != cout) {
                TfLiteIntArray shape = TfLiteIntArrayCreate(4); // ownership passes to ResizeTensor
                shape.data(0, 1).data(1, outH).data(2, outW).data(3, cout);
                int rc = ctx.ResizeTensor().call(ctx, output, shape);
                if (rc != kTfLiteOk) return fail("ResizeTensor failed");
            }
            in = new float[h * w * cin];
            weights = new float[cout * kh * kw * cin];
            bias = new float[cout];
            out = new float[outH * outW * cout];
            inData = null; // memory is planned again after Prepare
            outData = null;
            return kTfLiteOk;
        } catch (Throwable t) {
            return fail(t.toString());
        }
    }

    private int invoke(TfLiteContext ctx, TfLiteNode node) {
        try {
            if (inData == null) {
                TfLiteIntArray ins = node.inputs();
                new FloatPointer(tensor(ctx, ins, 1).data().f()).get(weights);
                new FloatPointer(tensor(ctx, ins, 2).data().f()).get(bias);
                inData = new FloatPointer(tensor(ctx, ins, 0).data().f());
                outData = new FloatPointer(tensor(ctx, node.outputs(), 0).data().f());
            }
            inData.get(in);
            compute();
            outData.put(out);
            return kTfLiteOk;
        } catch (Throwable t) {
            return fail(t.toString());
        }
    }

    /** out = bias + scatter of in[y][x] . w[co][ky][kx] to (y*sh+ky-padTop, x*sw+kx-padLeft). */
    private void compute() {
        for (int i = 0; i < outH * outW; i++) System.arraycopy(bias, 0, out, i * cout, cout);
        for (int y = 0; y < h; y++) {
            for (int ky = 0; ky < kh; ky++) {
                int oy = y * strideH + ky - padTop;
                if (oy < 0 || oy >= outH) continue;
                for (int x = 0; x < w; x++) {
                    int inBase = (y * w + x) * cin;
                    for (int kx = 0; kx < kw; kx++) {
                        int ox = x * strideW + kx - padLeft;
                        if (ox < 0 || ox >= outW) continue;
                        int outBase = (oy * outW + ox) * cout;
                        for (int co = 0; co < cout; co++) {
                            int wBase = ((co * kh + ky) * kw + kx) * cin;
                            float acc = 0f;
                            for (int ci = 0; ci < cin; ci++) acc += in[inBase + ci] * weights[wBase + ci];
                            out[outBase + co] += acc;
                        }
                    }
                }
            }
        }
    }

    private int fail(String msg) {
        lastError = NAME + ": " + msg;
        return kTfLiteError;
    }

    private final class PrepareFn extends TfLiteRegistration.Prepare_TfLiteContext_TfLiteNode {
        @Override public int call(TfLiteContext context, TfLiteNode node) { return prepare(context, node); }
    }

    private final class InvokeFn extends TfLiteRegistration.Invoke_TfLiteContext_TfLiteNode {
        @Override public int call(TfLiteContext context, TfLiteNode node) { return invoke(context, node); }
    }
}
