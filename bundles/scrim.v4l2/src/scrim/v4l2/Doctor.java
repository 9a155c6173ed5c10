package scrim.v4l2;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What users of virtual webcams trip over, checked on this machine, each with its fix:
 * v4l2loopback not loaded (or refused by Secure Boot), devices without permission, busy
 * devices, and a camera given as output or a loopback device given as input. Used by
 * {@code scrim doctor}, by the command line to explain a bad device, and by the control window.
 */
public final class Doctor {

    /** The command that loads v4l2loopback the way call apps need it. */
    public static final String MODPROBE = "sudo modprobe v4l2loopback exclusive_caps=1 card_label=Scrim";

    private Doctor() {
    }

    /**
     * The command that loads v4l2loopback, for pkexec: modprobe by its absolute path, because
     * pkexec looks a bare name up in the caller's PATH (Debian's user PATH lacks /usr/sbin).
     */
    public static List<String> loadCommand() {
        Path modprobe = Path.of("/usr/sbin/modprobe");
        if (!Files.isExecutable(modprobe) && Files.isExecutable(Path.of("/sbin/modprobe"))) {
            modprobe = Path.of("/sbin/modprobe");
        }
        List<String> command = new ArrayList<>(List.of(modprobe.toString()));
        command.addAll(List.of(MODPROBE.replaceFirst("^sudo modprobe ", "").split(" ")));
        return command;
    }

    /** Prints every finding; returns 0 if a virtual camera can be written, 1 otherwise. */
    public static int check(PrintStream out) {
        boolean ok = true;
        boolean loaded = Files.isDirectory(Path.of("/sys/module/v4l2loopback"));
        if (!loaded) {
            ok = false;
            out.println("PROBLEM v4l2loopback is not loaded, so there is no virtual camera. Load it with:");
            out.println("          " + MODPROBE);
            out.println("        (install it first with: sudo apt-get install v4l2loopback-dkms)");
            if (secureBoot()) {
                out.println("PROBLEM Secure Boot is on: the kernel loads only signed modules. If modprobe says \"Key was rejected by service\",");
                out.println("        enrol the DKMS signing key (sudo mokutil --import /var/lib/dkms/mok.pub, then reboot and confirm), or turn Secure Boot off.");
            }
        } else {
            String exclusive = read("/sys/module/v4l2loopback/parameters/exclusive_caps");
            if (exclusive != null && !exclusive.contains("Y") && !exclusive.contains("1")) {
                out.println("WARNING v4l2loopback was loaded without exclusive_caps=1: Chrome, Meet and Teams will not list it as a camera.");
                out.println("        Reload it: sudo modprobe -r v4l2loopback && " + MODPROBE);
            }
        }
        List<DeviceInfo> loopbacks = new ArrayList<>();
        for (Path node : V4l2.nodes()) {
            try {
                DeviceInfo d = V4l2.query(node);
                String role = d.isFed() ? "virtual camera fed by another program: use it as --input"
                        : d.isLoopback() ? "virtual camera (v4l2loopback): use it as --output"
                        : d.isCamera() ? "camera: use it as --input" : "not a camera (driver " + d.driver() + ")";
                out.println("OK      " + node + "  " + d.card() + ": " + role);
                if (d.isLoopback()) {
                    loopbacks.add(d);
                }
            } catch (V4l2Exception e) {
                out.println((e.permissionDenied() || e.busy() ? "PROBLEM " : "WARNING ") + e.getMessage());
                ok &= !e.permissionDenied();
            }
        }
        if (loaded && loopbacks.isEmpty()) {
            ok = false;
            out.println("PROBLEM v4l2loopback is loaded but no loopback device can be opened; check the permissions shown above.");
        }
        out.println(ok ? "Scrim can write to " + (loopbacks.isEmpty() ? "a file" : loopbacks.get(0).path()) + "." : "Fix the problems above, then run scrim doctor again.");
        return ok ? 0 : 1;
    }

    /** Why a device cannot be Scrim's input, or null if it can. */
    public static String explainInput(Path node) {
        if (!Files.exists(node)) {
            return "input " + node + " does not exist: the cameras are " + names(false) + " (see scrim list)";
        }
        try {
            DeviceInfo d = V4l2.query(node);
            if (d.isLoopback() && !d.isFed()) {
                return "input " + node + " is a v4l2loopback device (Scrim's own kind of output) that no program feeds, not a camera:"
                        + " use a camera as input (" + names(false) + ")";
            }
            if (!d.isCamera()) {
                return "input " + node + " is not a camera (driver " + d.driver() + "): the cameras are " + names(false);
            }
            return null;
        } catch (V4l2Exception e) {
            return "input: " + e.getMessage();
        }
    }

    /** Why a device cannot be Scrim's output, or null if it can. */
    public static String explainOutput(Path node) {
        if (!Files.exists(node)) {
            return "output " + node + " does not exist: " + (Files.isDirectory(Path.of("/sys/module/v4l2loopback"))
                    ? "the loopback devices are " + names(true) : "v4l2loopback is not loaded; load it with: " + MODPROBE);
        }
        try {
            DeviceInfo d = V4l2.query(node);
            if (d.isLoopback()) {
                return null;
            }
            if (d.isCamera()) {
                return "output " + node + " is a capture device (a camera, driver " + d.driver()
                        + "), not a v4l2loopback output: writing to it fails with EINVAL; use a loopback device (" + names(true) + ")";
            }
            return "output " + node + " is not a v4l2loopback device (driver " + d.driver() + "): use " + names(true);
        } catch (V4l2Exception e) {
            return "output: " + e.getMessage();
        }
    }

    private static String names(boolean loopback) {
        List<String> found = new ArrayList<>();
        for (Path node : V4l2.nodes()) {
            try {
                DeviceInfo d = V4l2.query(node);
                if (loopback ? d.isLoopback() : d.isCamera()) {
                    found.add(node.toString());
                }
            } catch (V4l2Exception e) {
                // unusable anyway
            }
        }
        return found.isEmpty() ? "none" : String.join(", ", found);
    }

    private static boolean secureBoot() {
        try (var dir = Files.newDirectoryStream(Path.of("/sys/firmware/efi/efivars"), "SecureBoot-*")) {
            for (Path p : dir) {
                byte[] b = Files.readAllBytes(p);
                return b.length > 0 && b[b.length - 1] == 1;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
