package scrim.cli.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scrim.api.FrameSink;
import scrim.api.Part;

/** The doctor's PipeWire verdict against a real socket in a runtime folder of the test's own. */
class PipeWireDoctorUnitTest {

    private static final List<Part> INSTALLED = List.of(new Part("pipewire", "PipeWire camera Scrim",
            Map.of(FrameSink.ID, "pipewire", "pipewire.version", "0.3.65", "pipewire.daemon.version", "1.0.5")));

    @TempDir
    Path runtime;

    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);

    @Test
    void aDaemonThatAnswersGivesTheStepsForEachApp() throws Exception {
        try (ServerSocketChannel daemon = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            daemon.bind(UnixDomainSocketAddress.of(runtime.resolve("pipewire-0")));
            assertTrue(PipeWireDoctor.check(out, INSTALLED, Map.of("XDG_RUNTIME_DIR", runtime.toString())));
            assertTrue(PipeWireDoctor.reachable(INSTALLED, Map.of("XDG_RUNTIME_DIR", runtime.toString())), "run's default output");
            assertFalse(PipeWireDoctor.reachable(List.of(), Map.of("XDG_RUNTIME_DIR", runtime.toString())), "no output installed");
        }
        String said = text.toString(StandardCharsets.UTF_8);
        for (String step : new String[] {"OK      PipeWire 1.0.5 is running (library 0.3.65)", "media.webrtc.camera.allow-pipewire",
                "chrome://flags/#enable-webrtc-pipewire-camera", "Video Capture Device (PipeWire)", "pipewiresrc target-object=Scrim"}) {
            assertTrue(said.contains(step), step + " in " + said);
        }
    }

    @Test
    void noDaemonSaysHowToStartIt() {
        assertFalse(PipeWireDoctor.check(out, INSTALLED, Map.of("XDG_RUNTIME_DIR", runtime.toString())));
        assertFalse(PipeWireDoctor.reachable(INSTALLED, Map.of("XDG_RUNTIME_DIR", runtime.toString())));
        String said = text.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("not running for this user") && said.contains(runtime.resolve("pipewire-0").toString())
                && said.contains("systemctl --user start pipewire wireplumber"), said);
        text.reset();
        assertFalse(PipeWireDoctor.check(out, INSTALLED, Map.of()));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("XDG_RUNTIME_DIR is not set"), text.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noOutputSaysToInstallPipeWire() {
        assertFalse(PipeWireDoctor.check(out, List.of(), Map.of("XDG_RUNTIME_DIR", runtime.toString())));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("sudo apt-get install pipewire wireplumber"), text.toString(StandardCharsets.UTF_8));
    }
}
