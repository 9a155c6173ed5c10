package scrim.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import scrim.api.Part;

/**
 * The doctor's PipeWire lines: whether Scrim can publish a PipeWire camera (the output is
 * installed, which needs libpipewire, and this user's daemon answers on its socket), and how
 * each kind of app takes that camera.
 */
final class PipeWireDoctor {

    /** The output id of the PipeWire camera, and its service properties naming the libpipewire and the daemon's versions. */
    static final String OUTPUT = "pipewire";
    private static final String VERSION = "pipewire.version";
    private static final String DAEMON_VERSION = "pipewire.daemon.version";

    private PipeWireDoctor() {
    }

    /**
     * Prints the findings.
     *
     * @param sinks the installed outputs
     * @param environment where the daemon's socket is: PIPEWIRE_RUNTIME_DIR or XDG_RUNTIME_DIR, PIPEWIRE_REMOTE
     * @return whether a PipeWire camera can be published now
     */
    static boolean check(PrintStream out, List<Part> sinks, Map<String, String> environment) {
        Part output = Parts.find(sinks, OUTPUT);
        if (output == null) {
            out.println("NOTE    PipeWire is not installed (no libpipewire-0.3), so there is no PipeWire camera, the one that needs no kernel"
                    + " module. Install it with: sudo apt-get install pipewire wireplumber");
            return false;
        }
        String version = String.valueOf(output.properties().getOrDefault(VERSION, "?"));
        Path socket = socket(environment);
        if (socket == null || !answers(socket)) {
            out.println("WARNING PipeWire " + version + " is installed but not running for this user (nothing answers on "
                    + (socket == null ? "$XDG_RUNTIME_DIR/pipewire-0: XDG_RUNTIME_DIR is not set" : socket) + ").");
            out.println("        Start it with: systemctl --user start pipewire wireplumber");
            return false;
        }
        // the daemon's version is what the output's core was told (absent if the daemon came after Scrim's start)
        Object daemon = output.properties().getOrDefault(DAEMON_VERSION, "(version not known yet)");
        out.println("OK      PipeWire " + daemon + " is running (library " + version + "): --output pipewire publishes the camera \"Scrim\" (no v4l2loopback needed).");
        out.println("        Firefox: in about:config set media.webrtc.camera.allow-pipewire to true, restart Firefox, choose Scrim.");
        out.println("        Chrome, Chromium: enable chrome://flags/#enable-webrtc-pipewire-camera, relaunch, choose Scrim.");
        out.println("        OBS: add a \"Video Capture Device (PipeWire)\" source and choose Scrim.");
        out.println("        GStreamer: gst-launch-1.0 pipewiresrc target-object=Scrim ! videoconvert ! autovideosink");
        out.println("        Apps that only open /dev/video devices (Zoom, Skype, Teams) still need v4l2loopback.");
        return true;
    }

    /** Whether the PipeWire camera is installed and this user's daemon answers: the camera can be published now. */
    static boolean reachable(List<Part> sinks, Map<String, String> environment) {
        Path socket = socket(environment);
        return Parts.find(sinks, OUTPUT) != null && socket != null && answers(socket);
    }

    /** Where libpipewire connects: $PIPEWIRE_RUNTIME_DIR or $XDG_RUNTIME_DIR, then $PIPEWIRE_REMOTE or pipewire-0. */
    private static Path socket(Map<String, String> environment) {
        String dir = environment.getOrDefault("PIPEWIRE_RUNTIME_DIR", environment.get("XDG_RUNTIME_DIR"));
        if (dir == null || dir.isBlank()) {
            return null;
        }
        String remote = environment.getOrDefault("PIPEWIRE_REMOTE", "pipewire-0");
        return Path.of(dir).resolve(remote);
    }

    private static boolean answers(Path socket) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
