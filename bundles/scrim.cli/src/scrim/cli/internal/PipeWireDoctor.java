package scrim.cli.internal;

import java.io.PrintStream;
import java.util.List;

import scrim.api.Part;

/**
 * The doctor's PipeWire lines: whether Scrim can publish a PipeWire camera (the output is
 * installed, which needs libpipewire, and it found this user's daemon answering), and how each
 * kind of app takes that camera. The output asked the daemon itself when it was registered, so
 * the doctor and the window say the same.
 */
final class PipeWireDoctor {

    /** The output id of the PipeWire camera, and its service properties: the libpipewire and daemon versions, the socket. */
    static final String OUTPUT = "pipewire";
    private static final String VERSION = "pipewire.version";
    private static final String DAEMON_VERSION = "pipewire.daemon.version";
    private static final String SOCKET = "pipewire.socket";

    private PipeWireDoctor() {
    }

    /**
     * Prints the findings.
     *
     * @param sinks the installed outputs
     * @return whether a PipeWire camera can be published now
     */
    static boolean check(PrintStream out, List<Part> sinks) {
        Part output = Parts.find(sinks, OUTPUT);
        if (output == null) {
            out.println("NOTE    PipeWire is not installed (no libpipewire-0.3), so there is no PipeWire camera, the one that needs no kernel"
                    + " module. Install it with: sudo apt-get install pipewire wireplumber");
            return false;
        }
        String version = String.valueOf(output.properties().getOrDefault(VERSION, "?"));
        Object daemon = output.properties().get(DAEMON_VERSION);
        if (daemon == null) {
            String socket = String.valueOf(output.properties().getOrDefault(SOCKET, ""));
            out.println("WARNING PipeWire " + version + " is installed but not running for this user (nothing answers on "
                    + (socket.isEmpty() ? "$XDG_RUNTIME_DIR/pipewire-0: XDG_RUNTIME_DIR is not set" : socket) + ").");
            out.println("        Start it with: systemctl --user start pipewire wireplumber");
            return false;
        }
        out.println("OK      PipeWire " + daemon + " is running (library " + version + "): --output pipewire publishes the camera \"Scrim\" (no v4l2loopback needed).");
        out.println("        Firefox: in about:config set media.webrtc.camera.allow-pipewire to true, restart Firefox, choose Scrim.");
        out.println("        Chrome, Chromium: enable chrome://flags/#enable-webrtc-pipewire-camera, relaunch, choose Scrim.");
        out.println("        OBS: add a \"Video Capture Device (PipeWire)\" source and choose Scrim.");
        out.println("        GStreamer: gst-launch-1.0 pipewiresrc target-object=Scrim ! videoconvert ! autovideosink");
        out.println("        Apps that only open /dev/video devices (Zoom, Skype, Teams) still need v4l2loopback.");
        return true;
    }

    /** Whether the PipeWire camera is installed and found its daemon: the camera can be published now. */
    static boolean reachable(List<Part> sinks) {
        Part output = Parts.find(sinks, OUTPUT);
        return output != null && output.properties().get(DAEMON_VERSION) != null;
    }
}
