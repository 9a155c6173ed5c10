package scrim.segment.tflite.internal;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns a segmentation model's output tensor into a person probability in [0,1].
 * <ul>
 * <li>one channel: a probability already (MediaPipe, ML Kit), or a logit ({@code sigmoid}),</li>
 * <li>two or more channels: class scores, of which channel {@code person} is the person
 *     (two-channel background/person softmax as in the Meet models; DeepLab's 21 classes,
 *     person = 15). Computed as p = 1 / sum_c exp(s_c - s_person), which is the softmax of
 *     the person class and cannot overflow.</li>
 * </ul>
 * Scratch is kept between calls; one instance per model.
 */
final class OutputDecoder implements AutoCloseable {

    private final int channels;
    private final int person;
    private final boolean sigmoid;
    private Mat differences;
    private final Mat exp = new Mat();
    private final Mat sum = new Mat();
    private final FloatPointer differenceWeights;
    private final Mat differenceMatrix;
    private final FloatPointer onesWeights;
    private final Mat ones;

    /**
     * @param channels output channels of the model
     * @param person   index of the person class (ignored for one channel)
     * @param sigmoid  one channel only: the output is a logit
     */
    OutputDecoder(int channels, int person, boolean sigmoid) {
        check(channels, person);
        this.channels = channels;
        this.person = person;
        this.sigmoid = sigmoid;
        float[] d = new float[channels * channels];
        for (int c = 0; c < channels; c++) {
            d[c * channels + c] += 1;
            d[c * channels + person] -= 1;
        }
        differenceWeights = new FloatPointer(d);
        differenceMatrix = new Mat(channels, channels, opencv_core.CV_32F, differenceWeights);
        float[] o = new float[channels];
        java.util.Arrays.fill(o, 1f);
        onesWeights = new FloatPointer(o);
        ones = new Mat(1, channels, opencv_core.CV_32F, onesWeights);
        differences = new Mat();
    }

    /** Decodes {@code output} (H x W, CV_32FC(channels)) into {@code probability} (H x W, CV_32FC1). */
    void decode(Mat output, Mat probability) {
        if (channels == 1) {
            if (sigmoid) {
                // 1 / (1 + exp(-x))
                output.convertTo(exp, opencv_core.CV_32F, -1, 0);
                opencv_core.exp(exp, exp);
                exp.convertTo(exp, -1, 1, 1);
                opencv_core.divide(1.0, exp, probability);
            } else {
                output.copyTo(probability);
            }
            return;
        }
        opencv_core.transform(output, differences, differenceMatrix);
        opencv_core.exp(differences, exp);
        opencv_core.transform(exp, sum, ones);
        opencv_core.divide(1.0, sum, probability);
    }

    @Override
    public void close() {
        differences.close();
        exp.close();
        sum.close();
        differenceMatrix.close();
        differenceWeights.close();
        ones.close();
        onesWeights.close();
    }

    /** Throws IllegalArgumentException unless an output of {@code channels} channels can be decoded with this person class. */
    static void check(int channels, int person) {
        if (channels < 1) {
            throw new IllegalArgumentException("a segmentation output needs at least one channel");
        }
        if (channels > 1 && (person < 0 || person >= channels)) {
            throw new IllegalArgumentException("person class " + person + " does not exist: the model has classes 0 to " + (channels - 1));
        }
    }
}
