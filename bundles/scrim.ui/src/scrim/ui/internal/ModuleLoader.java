package scrim.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

import scrim.v4l2.Doctor;

/**
 * The "Load v4l2loopback" button of the Devices view and of the no-virtual-camera banner: asks
 * for the administrator's password through polkit (pkexec) and loads the module. Disabled, with
 * the terminal command as its tooltip, where pkexec is not installed.
 */
final class ModuleLoader {

    static final String LOADING = "Loading v4l2loopback (pkexec asks for your password)...";
    private static final Path PKEXEC = Path.of("/usr/bin/pkexec");

    private ModuleLoader() {
    }

    /**
     * A button that loads the module. {@code started} runs on the UI thread when clicked;
     * {@code finished} runs on the UI thread when pkexec ended, with "" on success or why it failed.
     */
    static Button button(Composite parent, String id, Runnable started, Consumer<String> finished) {
        Button load = Ids.tag(new Button(parent, SWT.PUSH), id);
        load.setText("Load v4l2loopback");
        boolean usable = Files.isExecutable(PKEXEC);
        load.setEnabled(usable);
        load.setToolTipText(usable ? "Runs: pkexec " + String.join(" ", Doctor.loadCommand())
                : "pkexec is not installed: run in a terminal: " + Doctor.MODPROBE);
        load.addListener(SWT.Selection, e -> {
            started.run();
            load(result -> {
                try {
                    load.getDisplay().asyncExec(() -> {
                        if (!load.isDisposed()) {
                            finished.accept(result);
                        }
                    });
                } catch (SWTException ex) {
                    // the window closed while the person typed the password
                }
            });
        });
        return load;
    }

    /** On its own thread (it waits for the person), never the UI thread nor a device worker. */
    private static void load(Consumer<String> finished) {
        List<String> command = new ArrayList<>(List.of(PKEXEC.toString()));
        command.addAll(Doctor.loadCommand());
        Thread t = new Thread(() -> {
            String result;
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                result = p.waitFor() == 0 ? "" : "Loading failed: " + said + "\n\n";
            } catch (IOException e) {
                result = "Cannot run pkexec: " + e.getMessage() + "\n\n";
            } catch (InterruptedException e) {
                return;
            }
            finished.accept(result);
        }, "scrim-load-module");
        t.setDaemon(true);
        t.start();
    }
}
