package scrim.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import scrim.api.Part;
import scrim.v4l2.PipeWireSocket;

/**
 * The doctor's PipeWire lines: whether Scrim can publish a PipeWire camera (the output is
 * installed, which needs libpipewire, and this user's daemon answers on its socket), and how
 * each kind of app takes that camera.
 */
final class PipeWireDoctor {

    /** The output id of the PipeWire camera, and its service property naming the libpipewire version. */
    static final String OUTPUT = "pipewire";
    private static final String VERSION = "pipewire.version";

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
        Path socket = PipeWireSocket.of(environment);
        if (!PipeWireSocket.answers(socket)) {
            out.println("WARNING PipeWire " + version + " is installed but not running for this user (nothing answers on "
                    + (socket == null ? "$XDG_RUNTIME_DIR/pipewire-0: XDG_RUNTIME_DIR is not set" : socket) + ").");
            out.println("        Start it with: systemctl --user start pipewire wireplumber");
            return false;
        }
        out.println("OK      PipeWire " + version + " is running: --output pipewire publishes the camera \"Scrim\" (no v4l2loopback needed).");
        out.println("        Firefox: in about:config set media.webrtc.camera.allow-pipewire to true, restart Firefox, choose Scrim.");
        out.println("        Chrome, Chromium: enable chrome://flags/#enable-webrtc-pipewire-camera, relaunch, choose Scrim.");
        out.println("        OBS: add a \"Video Capture Device (PipeWire)\" source and choose Scrim.");
        out.println("        GStreamer: gst-launch-1.0 pipewiresrc target-object=Scrim ! videoconvert ! autovideosink");
        out.println("        Apps that only open /dev/video devices (Zoom, Skype, Teams) still need v4l2loopback.");
        return true;
    }

    /** Whether the PipeWire camera is installed and this user's daemon answers: the camera can be published now. */
    static boolean reachable(List<Part> sinks, Map<String, String> environment) {
        Path socket = PipeWireSocket.of(environment);
        return Parts.find(sinks, OUTPUT) != null && PipeWireSocket.answers(socket);
    }
}
