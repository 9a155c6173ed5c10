package scrim.segment.tflite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** Each output layout decoded from tensors whose right answer is computed by hand. */
class OutputDecoderUnitTest {

    private static float[] decode(OutputDecoder d, int channels, float... values) {
        int pixels = values.length / channels;
        try (FloatPointer data = new FloatPointer(values); Mat out = new Mat(1, pixels, opencv_core.CV_32FC(channels), data);
             Mat p = new Mat()) {
            d.decode(out, p);
            float[] r = new float[pixels];
            p.data().position(0);
            new FloatPointer(p.data()).get(r);
            return r;
        }
    }

    @Test
    void probabilityPassesThrough() {
        try (OutputDecoder d = new OutputDecoder(1, 0, false)) {
            float[] p = decode(d, 1, 0f, 0.25f, 1f);
            assertEquals(0f, p[0]);
            assertEquals(0.25f, p[1]);
            assertEquals(1f, p[2]);
        }
    }

    @Test
    void logitsGoThroughASigmoid() {
        try (OutputDecoder d = new OutputDecoder(1, 0, true)) {
            float[] p = decode(d, 1, 0f, 2f, -3f);
            assertEquals(0.5, p[0], 1e-6);
            assertEquals(1 / (1 + Math.exp(-2)), p[1], 1e-6);
            assertEquals(1 / (1 + Math.exp(3)), p[2], 1e-6);
        }
    }

    @Test
    void twoChannelBackgroundPersonSoftmax() {
        try (OutputDecoder d = new OutputDecoder(2, 1, false)) {
            // pixel 0: background 2, person 0; pixel 1: equal; pixel 2: person far ahead
            float[] p = decode(d, 2, 2f, 0f, 1f, 1f, -50f, 60f);
            assertEquals(Math.exp(0) / (Math.exp(2) + Math.exp(0)), p[0], 1e-6);
            assertEquals(0.5, p[1], 1e-6);
            assertEquals(1.0, p[2], 1e-6);
        }
    }

    @Test
    void manyClassesWithAPersonIndexAndNoOverflow() {
        float[] scores = new float[21 * 2];
        for (int c = 0; c < 21; c++) {
            scores[c] = c * 0.1f;         // pixel 0: mild scores
            scores[21 + c] = c == 15 ? 500f : 100f; // pixel 1: logits that overflow a naive exp
        }
        double sum = 0;
        for (int c = 0; c < 21; c++) {
            sum += Math.exp(c * 0.1);
        }
        try (OutputDecoder d = new OutputDecoder(21, 15, false)) {
            float[] p = decode(d, 21, scores);
            assertEquals(Math.exp(1.5) / sum, p[0], 1e-6);
            assertEquals(1.0, p[1], 1e-6);
        }
    }

    @Test
    void aPersonClassOutsideTheModelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OutputDecoder(21, 21, false));
        assertEquals("person class 21 does not exist: the model has classes 0 to 20", e.getMessage());
    }
}
