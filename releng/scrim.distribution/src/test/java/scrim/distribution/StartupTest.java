package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that segment nothing do not load TensorFlow Lite: the models are registered from
 * their descriptors and file headers, and a model's interpreter is built when it is first used.
 * Seen from outside through the JVM's own class-loading log (TFLite's classes load its native
 * library) and TFLite's own message when it makes its XNNPACK delegate.
 */
class StartupTest {

    /** TensorFlow Lite's Java classes; the first one used loads its native library. */
    private static final String TFLITE = "org.bytedeco.tensorflowlite.";
    /** Printed by TFLite when it builds an interpreter on the XNNPACK delegate (the default). */
    private static final String XNNPACK = "Created TensorFlow Lite XNNPACK delegate";
    /** Generous: about 1 s on an idle 2-core machine, 5 s while five builds share it. */
    private static final long LIST_MILLIS = 15_000;

    @TempDir
    Path home;

    /** A finished scrim, the TFLite classes its JVM loaded, and its wall time. */
    private record Ran(Scrim scrim, List<String> tflite, long millis) {
        String loaded() {
            return tflite.size() + " classes, the first " + (tflite.isEmpty() ? "none" : tflite.get(0));
        }
    }

    /** Runs scrim to its end with the JVM logging every class it loads. */
    private Ran run(String log, String... args) throws Exception {
        Path classes = home.resolve(log);
        long t0 = System.nanoTime();
        Scrim s = Scrim.start(home, Map.of("SCRIM_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), args);
        s.waitFor(120);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        try (var lines = Files.lines(classes)) {
            return new Ran(s, lines.filter(l -> l.contains(" " + TFLITE)).toList(), millis);
        }
    }

    @Test
    void listAndDoctorLoadNoModel() throws Exception {
        Ran list = run("list-classes.log", "list");
        assertEquals(0, list.scrim().exitValue(), list.scrim().stderr());
        // the models are listed all the same, with the input size read from their files
        assertTrue(list.scrim().stdout().contains("landscape") && list.scrim().stdout().contains("(256x144)"), list.scrim().stdout());
        assertTrue(list.tflite().isEmpty(), "list loaded TensorFlow Lite: " + list.loaded());
        assertFalse(list.scrim().stderr().contains(XNNPACK), "list built a model's interpreter: " + list.scrim().stderr());
        System.out.println("startup: list took " + list.millis() + " ms");
        assertTrue(list.millis() < LIST_MILLIS, "list took " + list.millis() + " ms");

        Ran doctor = run("doctor-classes.log", "doctor");
        String says = doctor.scrim().stdout();
        assertTrue(says.contains("Scrim can write to") || says.contains("run scrim doctor again"), "doctor gave its verdict: " + says);
        assertTrue(doctor.tflite().isEmpty(), "doctor loaded TensorFlow Lite: " + doctor.loaded());
        assertFalse(doctor.scrim().stderr().contains(XNNPACK), "doctor built a model's interpreter: " + doctor.scrim().stderr());
    }

    @Test
    void theModelLoadsWhenFirstUsed() throws Exception {
        Ran run = run("run-classes.log", "run", "--input", "pattern", "--model", "landscape", "--frames", "3",
                "--output", home.resolve("x.y4m").toString());
        assertEquals(0, run.scrim().exitValue(), run.scrim().stderr());
        assertFalse(run.tflite().isEmpty(), "a run with a model loaded no TensorFlow Lite class");
        assertTrue(run.scrim().stderr().contains(XNNPACK), "the model's interpreter was built: " + run.scrim().stderr());
        assertFalse(run.scrim().stderr().contains("pass through"), "the model was used: " + run.scrim().stderr());
    }
}
