package scrim.cli.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import scrim.api.FrameSink;
import scrim.api.Part;

/** The doctor's PipeWire verdict from what the PipeWire camera output found (its service properties). */
class PipeWireDoctorUnitTest {

    private static final List<Part> RUNNING = List.of(output(Map.of("pipewire.daemon.version", "1.0.5", "pipewire.socket", "/run/user/1000/pipewire-0")));
    private static final List<Part> STOPPED = List.of(output(Map.of("pipewire.socket", "/run/user/1000/pipewire-0")));
    private static final List<Part> NO_RUNTIME_DIR = List.of(output(Map.of("pipewire.socket", "")));

    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);

    private static Part output(Map<String, Object> found) {
        Map<String, Object> p = new HashMap<>(Map.of(FrameSink.ID, "pipewire", "pipewire.version", "0.3.65"));
        p.putAll(found);
        return new Part("pipewire", "PipeWire camera Scrim", p);
    }

    @Test
    void aDaemonThatAnswersGivesTheStepsForEachApp() {
        assertTrue(PipeWireDoctor.check(out, RUNNING));
        assertTrue(PipeWireDoctor.reachable(RUNNING), "run's default output");
        String said = text.toString(StandardCharsets.UTF_8);
        for (String step : new String[] {"OK      PipeWire 1.0.5 is running (library 0.3.65)", "media.webrtc.camera.allow-pipewire",
                "chrome://flags/#enable-webrtc-pipewire-camera", "Video Capture Device (PipeWire)", "pipewiresrc target-object=Scrim"}) {
            assertTrue(said.contains(step), step + " in " + said);
        }
    }

    @Test
    void noDaemonSaysHowToStartIt() {
        assertFalse(PipeWireDoctor.check(out, STOPPED));
        assertFalse(PipeWireDoctor.reachable(STOPPED));
        String said = text.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("not running for this user") && said.contains("/run/user/1000/pipewire-0")
                && said.contains("systemctl --user start pipewire wireplumber"), said);
        text.reset();
        assertFalse(PipeWireDoctor.check(out, NO_RUNTIME_DIR));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("XDG_RUNTIME_DIR is not set"), text.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noOutputSaysToInstallPipeWire() {
        assertFalse(PipeWireDoctor.check(out, List.of()));
        assertFalse(PipeWireDoctor.reachable(List.of()), "no output installed");
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("sudo apt-get install pipewire wireplumber"), text.toString(StandardCharsets.UTF_8));
    }
}
