package scrim.ui.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import scrim.api.Pipeline;

/**
 * Two rows of the Devices view about when Scrim runs: on demand (the camera starts only when an
 * app uses the virtual camera; PID scrim.engine, {@code ondemand}, default on) and start at login
 * (the XDG autostart entry). Both boxes follow changes made elsewhere (the command line, the file).
 */
final class StartChoices {

    private final Services services;
    private final Button ondemand;
    private final Button login;
    private final Label problem;
    /** Null when the launcher's folder is unknown (not started by the scrim script). */
    private final Autostart autostart;

    /** Adds the rows to {@code parent}, a two-column grid. */
    StartChoices(Composite parent, Services services) {
        this.services = services;
        new Label(parent, SWT.NONE).setText("On demand");
        ondemand = Ids.tag(new Button(parent, SWT.CHECK | SWT.WRAP), "devices.ondemand");
        ondemand.setLayoutData(narrowable());
        ondemand.setText("Start only when an app uses the camera");
        ondemand.setToolTipText("While no app reads the virtual camera and the window is hidden, the camera is closed "
                + "(its light goes off) and the virtual camera shows a still picture");
        ondemand.addListener(SWT.Selection, e -> services.engine().set(Pipeline.CONFIG_ONDEMAND, ondemand.getSelection()));

        new Label(parent, SWT.NONE).setText("At login");
        login = Ids.tag(new Button(parent, SWT.CHECK | SWT.WRAP), "devices.autostart");
        login.setLayoutData(narrowable());
        login.setText("Start Scrim at login");
        String home = System.getProperty("scrim.home");
        autostart = home == null ? null : Autostart.forUser(System.getenv(), System.getProperty("user.home"), Path.of(home));
        login.setEnabled(autostart != null);
        login.setToolTipText(autostart == null ? "Scrim was not started by its scrim script, so there is nothing to start at login"
                : "Writes " + autostart.entry() + ", which starts Scrim in the tray when you log in");
        login.addListener(SWT.Selection, e -> startAtLogin(login.getSelection()));
        problem = Ids.tag(new Label(parent, SWT.WRAP), "devices.startproblem");
        problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        problem.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        refresh();
    }

    /** A narrow window (1024 px wide) wraps the check's text rather than pushing the view wider than its pane. */
    private static GridData narrowable() {
        return new GridData(SWT.FILL, SWT.CENTER, true, false);
    }

    private void startAtLogin(boolean on) {
        try {
            if (on) {
                autostart.enable();
            } else {
                autostart.disable();
            }
            problem.setText("");
        } catch (IOException e) {
            problem.setText("Cannot " + (on ? "write " : "remove ") + autostart.entry() + ": " + e.getMessage()
                    + ". Make the folder writable, or set XDG_CONFIG_HOME to a writable folder.");
            login.setSelection(autostart.enabled());
        }
        problem.getParent().layout(true, true);
    }

    /** Shows the saved setting and whether the entry exists now. */
    void refresh() {
        boolean on = Boolean.parseBoolean(services.engine().text(Pipeline.CONFIG_ONDEMAND, "true"));
        if (ondemand.getSelection() != on) {
            ondemand.setSelection(on);
        }
        boolean enabled = autostart != null && autostart.enabled();
        if (login.getSelection() != enabled) {
            login.setSelection(enabled);
        }
    }
}
