package scrim.segment.tflite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real MediaPipe models through both TFLite paths, on a real photo. */
class TfliteModelUnitTest {

    private static final Path MODELS = Path.of(System.getProperty("scrim.models", "../../models/scrim.model.selfie/model"));
    private static final Path PHOTO = Path.of(System.getProperty("scrim.testdata", "../../../shared/testdata"), "portraits/images/100.jpg");

    @TempDir
    Path dir;

    /** Output of a model on the photo, stretched to its input, RGB in [0,1]. */
    private static float[] run(Path file, boolean xnnpack) throws IOException {
        try (TfliteModel model = new TfliteModel(file, xnnpack, 1);
             Mat bgr = opencv_imgcodecs.imread(PHOTO.toString()); Mat small = new Mat(); Mat rgb = new Mat()) {
            assertTrue(!bgr.empty(), "test photo " + PHOTO);
            opencv_imgproc.resize(bgr, small, model.input().size());
            opencv_imgproc.cvtColor(small, rgb, opencv_imgproc.COLOR_BGR2RGB);
            rgb.convertTo(model.input(), opencv_core.CV_32F, 1 / 255.0, 0);
            model.run();
            Mat out = model.output();
            float[] values = new float[out.rows() * out.cols() * out.channels()];
            new FloatPointer(out.data()).get(values);
            return values;
        }
    }

    @Test
    void xnnpackAndTheJavaCustomOpAgree() throws IOException {
        for (String name : new String[] {"selfie_segmentation_landscape.tflite", "selfie_segmentation.tflite"}) {
            float[] fast = run(MODELS.resolve(name), true);
            float[] plain = run(MODELS.resolve(name), false);
            assertEquals(fast.length, plain.length);
            double worst = 0;
            int person = 0;
            for (int i = 0; i < fast.length; i++) {
                worst = Math.max(worst, Math.abs(fast[i] - plain[i]));
                person += fast[i] > 0.5 ? 1 : 0;
            }
            assertTrue(worst < 1e-4, name + ": paths differ by " + worst);
            assertTrue(person > fast.length / 10, name + " finds the person in the photo");
        }
    }

    @Test
    void tensorsGiveTheInputSize() throws IOException {
        try (TfliteModel m = new TfliteModel(MODELS.resolve("selfie_segmentation_landscape.tflite"), true, 1)) {
            assertEquals(256, m.input().cols());
            assertEquals(144, m.input().rows());
            assertEquals(1, m.output().channels());
        }
    }

    @Test
    void badModelFilesAreRefusedWithTheReason() throws IOException {
        Path missing = dir.resolve("missing.tflite");
        assertTrue(assertThrows(IOException.class, () -> new TfliteModel(missing, true, 1)).getMessage().contains("does not exist"));
        Path garbage = Files.write(dir.resolve("garbage.tflite"), new byte[] {1, 2, 3, 4, 'T', 'F', 'L', '3', 9, 9, 9, 9});
        assertTrue(assertThrows(IOException.class, () -> new TfliteModel(garbage, true, 1)).getMessage()
                .contains("is not a TensorFlow Lite model, or it is damaged"));
        // a real model cut in half
        byte[] whole = Files.readAllBytes(MODELS.resolve("selfie_segmentation_landscape.tflite"));
        Path cut = Files.write(dir.resolve("cut.tflite"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertTrue(assertThrows(IOException.class, () -> new TfliteModel(cut, true, 1)).getMessage()
                .contains("is not a TensorFlow Lite model, or it is damaged"));
    }
}
