package scrim.segment.tflite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tensor shapes read from .tflite files in Java agree with TFLite's, and bad files are refused as TFLite refuses them. */
class ModelTensorsUnitTest {

    private static final Path MODELS = Path.of(System.getProperty("scrim.models", "../../models/scrim.model.selfie/model"));

    @TempDir
    Path dir;

    @Test
    void theShippedModelsReadAsTfliteSeesThem() throws IOException {
        for (String name : new String[] {"selfie_segmentation_landscape.tflite", "selfie_segmentation.tflite"}) {
            Path file = MODELS.resolve(name);
            ModelTensors header = ModelTensors.read(file);
            try (TfliteModel model = new TfliteModel(file, true, 1)) {
                assertEquals(new ModelTensors(model.input().rows(), model.input().cols(), model.output().rows(), model.output().cols(),
                        model.output().channels()), header, name);
            }
        }
        assertEquals(new ModelTensors(144, 256, 144, 256, 1), ModelTensors.read(MODELS.resolve("selfie_segmentation_landscape.tflite")));
    }

    @Test
    void badFilesAreRefusedWithTheReason() throws IOException {
        assertTrue(refused(() -> ModelTensors.read(dir.resolve("missing.tflite"))).contains("does not exist"));
        for (byte[] bytes : new byte[][] {
            {},
            "this is not a model".getBytes(),
            {1, 2, 3, 4, 'T', 'F', 'L', '3', 9, 9, 9, 9},
            {8, 0, 0, 0, 'T', 'F', 'L', '3', -1, -1, -1, 127, 0, 0, 0, 0}}) {
            Path file = Files.write(dir.resolve("bad.tflite"), bytes);
            assertTrue(refused(() -> ModelTensors.read(file)).contains("is not a TensorFlow Lite model, or it is damaged"), Arrays.toString(bytes));
        }
    }

    @Test
    void tensorsThatAreNoImageToMaskAreRefused() {
        Path f = Path.of("m.tflite");
        ModelTensors.Tensor rgb = new ModelTensors.Tensor(new int[] {1, 144, 256, 3}, true);
        ModelTensors.Tensor mask = new ModelTensors.Tensor(new int[] {1, 144, 256, 1}, true);
        assertTrue(refused(() -> ModelTensors.check(f, 2, 1, rgb, mask)).contains("has 2 inputs and 1 outputs"));
        assertTrue(refused(() -> ModelTensors.check(f, 1, 0, null, null)).contains("has 1 inputs and 0 outputs"));
        assertTrue(refused(() -> ModelTensors.check(f, 1, 1, new ModelTensors.Tensor(new int[] {1, 144, 256, 3}, false), mask))
                .contains("has a quantized input [1,144,256,3]"));
        assertTrue(refused(() -> ModelTensors.check(f, 1, 1, new ModelTensors.Tensor(new int[] {144, 256}, true), mask))
                .contains("has input shape [144,256]"));
        assertTrue(refused(() -> ModelTensors.check(f, 1, 1, new ModelTensors.Tensor(new int[] {1, 144, 256, 4}, true), mask))
                .contains("takes 4 channels per pixel"));
    }

    private interface Check {
        void run() throws IOException;
    }

    private static String refused(Check c) {
        return assertThrows(IOException.class, c::run).getMessage();
    }
}
