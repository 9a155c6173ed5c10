package scrim.ui.internal;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import scrim.api.ControlWindow;
import scrim.api.Pipeline;
import scrim.api.Settings;

/**
 * Offers the control application; opening it runs the SWT event loop on the {@link UiThread}.
 * Frames are never processed on that thread: the preview converts them on its own thread and
 * hands over finished pixels.
 * <p>
 * Where the desktop shows tray icons, Scrim lives in the tray: closing the window hides it (said
 * once), and only the tray's Quit ends Scrim. Without a tray, closing the window quits.
 */
@Component
public final class WindowComponent implements ControlWindow {

    /** In the window's saved choices: the close-to-tray notice was shown, so it is not repeated. */
    static final String TRAY_NOTICE_SHOWN = "trayNoticeShown";

    @Reference
    private Pipeline pipeline;
    @Reference
    private Settings settings;
    @Reference
    private ConfigurationAdmin configAdmin;
    @Reference
    private UiThread ui;
    private BundleContext context;
    private volatile Display display;
    private volatile MainWindow window;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    /**
     * Returns once the connection to the display is made (made early, see {@link UiThread}).
     *
     * @throws IOException naming the display and the fix when it cannot be opened: then nothing runs
     */
    @Override
    public void open(boolean visible, Runnable onQuit) throws IOException, InterruptedException {
        try {
            ui.run(d -> loop(d, visible, onQuit));
        } catch (ExecutionException e) {
            String where = System.getenv().getOrDefault("WAYLAND_DISPLAY", System.getenv().getOrDefault("DISPLAY", ""));
            throw new IOException("cannot open the window on display '" + where + "' (" + e.getCause().getMessage() + "): check that"
                    + " the display runs and that this user may use it (DISPLAY, XAUTHORITY), or run without a window: scrim start", e.getCause());
        }
    }

    private void loop(Display d, boolean visible, Runnable onQuit) {
        display = d;
        TrayIcon tray = null;
        ServiceRegistration<ConfigurationListener> pictures = null;
        try {
            Services services = new Services(pipeline, settings, configAdmin, context);
            MainWindow w = new MainWindow(d, services);
            window = w;
            pictures = Presets.follow(services);
            String noTray = d.getSystemTray() == null ? "SWT offers no tray here" : TrayPresence.missing();
            if (noTray == null) {
                TrayIcon t = new TrayIcon(d, services, w::show, w::dispose);
                tray = t;
                w.onStatus(t::refresh);
                w.closeToTray(() -> sayOnce(services, t));
            } else if (!visible) {
                System.err.println("scrim: no system tray (" + noTray + "): showing the window instead of starting in the background;"
                        + " closing it quits Scrim");
            }
            w.open(visible || tray == null);
            while (!w.isDisposed()) {
                if (!d.readAndDispatch()) {
                    d.sleep();
                }
            }
        } finally {
            window = null;
            display = null;
            if (pictures != null) {
                pictures.unregister();
            }
            if (tray != null) {
                tray.dispose();
            }
            d.dispose();
            onQuit.run();
        }
    }

    private static void sayOnce(Services services, TrayIcon tray) {
        if (Boolean.parseBoolean(services.window().text(TRAY_NOTICE_SHOWN, "false"))) {
            return;
        }
        tray.notice("Scrim is still running", "The virtual camera stays ready in the tray. Click the icon to open the window; "
                + "choose Quit Scrim in its menu to end Scrim.");
        services.window().set(TRAY_NOTICE_SHOWN, Boolean.TRUE);
    }

    @Override
    public void show() {
        Display d = display;
        if (d != null && !d.isDisposed()) {
            d.asyncExec(() -> {
                MainWindow w = window;
                if (w != null && !w.isDisposed()) {
                    w.show();
                }
            });
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        Display d = display;
        if (d != null && !d.isDisposed()) {
            d.asyncExec(() -> {
                MainWindow w = window;
                if (w != null) {
                    w.dispose();
                }
            });
        }
        ui.join(5000);
    }
}
