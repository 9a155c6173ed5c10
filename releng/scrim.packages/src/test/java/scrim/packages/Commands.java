package scrim.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the package tests' commands: output and errors into a file in a work folder, within a time limit. */
final class Commands {

    record Result(int status, String output) {
    }

    record Started(Process process, Path output) {
    }

    private Commands() {
    }

    /** This JVM's environment with some variables set ("NAME=value"). */
    static Map<String, String> inherited(String... set) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        for (String e : set) {
            environment.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        return environment;
    }

    /** Starts a command with exactly this environment, its output and errors going to a file in {@code work}. */
    static Started start(Path work, List<String> command, Map<String, String> environment) throws IOException {
        Path output = Files.createTempFile(work, "output", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new Started(builder.start(), output);
    }

    /** Waits for a started command; fails the test when it does not end in time. */
    static Result finish(Started started, int seconds) throws Exception {
        if (!started.process().waitFor(seconds, TimeUnit.SECONDS)) {
            started.process().destroyForcibly().waitFor();
            fail(started.process().info().commandLine().orElse("a command") + " did not end within " + seconds + " s:\n"
                    + Files.readString(started.output(), StandardCharsets.UTF_8));
        }
        return new Result(started.process().exitValue(), Files.readString(started.output(), StandardCharsets.UTF_8));
    }

    static Result run(Path work, List<String> command, Map<String, String> environment, int seconds) throws Exception {
        return finish(start(work, command, environment), seconds);
    }

    /** The frames ffprobe counts in a video file. */
    static String frames(Path work, Path video) throws Exception {
        Result probe = run(work, List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_frames", "-of", "csv=p=0", video.toString()), System.getenv(), 60);
        assertEquals(0, probe.status(), probe.output());
        return probe.output().strip();
    }
}
